"""Errors of the secrets stage: a message and a hint, never a secret value or key material.

Every error carries a rule id (``S1xx`` envelopes, ``S2xx`` keys, ``S3xx`` files and policy) so
the CLI can print ``file:line:col: RULE message (hint: ...)`` like every other problem.
"""

from __future__ import annotations

from typing import ClassVar, Self

from receivers_cli.codes import (
    S100,
    S101,
    S102,
    S103,
    S104,
    S105,
    S106,
    S107,
    S201,
    S202,
    S203,
    S204,
    S205,
    S301,
    S302,
    S303,
    S304,
    Code,
)
from receivers_cli.errors import Problem


class SecretsError(Exception):
    """Base of every error this package raises on bad input."""

    rule: ClassVar[Code] = S100

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.file = ""
        self.line = 0
        self.column = 0

    def at(self, file: str, line: int = 0, column: int = 0) -> Self:
        """Attach the location of the value or file the error is about (first location wins)."""
        if not self.file:
            self.file, self.line, self.column = file, line, column
        return self

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message

    def to_problem(self, file: str = "", line: int = 0, column: int = 0, path: tuple[str | int, ...] = ()) -> Problem:
        """This error as a located :class:`Problem` (the CLI and validation format those)."""
        # An explicit location wins; otherwise the one attached with :meth:`at`.
        file = file or self.file or "receivers"
        if not line:
            line, column = self.line, self.column
        return Problem(file, line, column, self.rule, self.message, self.hint, path=path)


class EnvelopeError(SecretsError):
    """An ``ENC[...]`` value that cannot be read or decrypted."""

    rule = S101


class MalformedEnvelope(EnvelopeError):
    rule = S101


class TruncatedEnvelope(EnvelopeError):
    rule = S102


class UnknownVersion(EnvelopeError):
    rule = S103


class UnknownKeyId(EnvelopeError):
    rule = S104


class BindingMismatch(EnvelopeError):
    """The value was encrypted for another tenant, receiver or field (it was moved or copied)."""

    rule = S105


class DecryptionFailed(EnvelopeError):
    """Authentication failed: the value was altered, or the key under its key id is not the right one."""

    rule = S106


class NoKeys(EnvelopeError):
    rule = S107


class KeyFileError(SecretsError):
    """A private key file or key text that cannot be used (format, permissions, overwrite)."""

    rule = S201


class KeyPermissionError(KeyFileError):
    rule = S202


class RecipientError(SecretsError):
    """The platform file's ``secrets.recipients`` are missing or inconsistent."""

    rule = S203


class RecipientInUse(SecretsError):
    """A recipient cannot be retired: a value in the repository is still encrypted to it."""

    rule = S204


class RecipientNotRetirable(SecretsError):
    """``secrets retire`` named a key that is not an older, listed recipient."""

    rule = S205


class SecretFileError(SecretsError):
    """A tenant file that cannot be read, parsed or rewritten by the secrets commands."""

    rule = S301


class PlaintextSecret(SecretsError):
    """A secret field holds plaintext (not ``ENC[...]`` nor ``${VAR}``)."""

    rule = S302


class StaleValue(SecretsError):
    """A value encrypted longer ago than the age policy allows."""

    rule = S303


class UnknownRecipient(SecretsError):
    """A value is encrypted to a key id the platform file does not list (retired or foreign)."""

    rule = S304
