"""Redaction by construction: a decrypted value travels as :class:`Secret`, never as ``str``.

``str()``, ``repr()``, f-strings and ``format`` all give ``<secret>``, so a secret that reaches a log
line, an exception message or a diff shows up redacted. Only :meth:`Secret.reveal` returns the
value; call it at the last moment (when the output file is written).
"""

from __future__ import annotations

import hmac
from typing import Final, NoReturn

REDACTED: Final = "<secret>"


class Secret:
    """A secret text value; equal and hashed by value, printed as ``<secret>``."""

    __slots__ = ("_value",)
    _value: str

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("Secret holds text only")
        object.__setattr__(self, "_value", value)

    def reveal(self) -> str:
        """The plaintext. Use it only to write the final output."""
        return self._value

    def __str__(self) -> str:
        return REDACTED

    def __repr__(self) -> str:
        return REDACTED

    def __format__(self, format_spec: str) -> str:
        return REDACTED

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError("Secret is immutable")

    def __reduce__(self) -> NoReturn:
        # Pickling would write the plaintext to wherever the pickle goes (caches, worker queues).
        raise TypeError("a Secret cannot be pickled")
