"""Progress of long work (loading, checking, building many tenants), for whoever listens.

The stages call :func:`track` around their per-tenant loops and know nothing about terminals;
the CLI installs a listener only when stderr is a terminal (``receivers_cli.cli.output``), so
piped output, CI logs and the Python API stay byte-for-byte what they were, and pay nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")


class Listener(Protocol):
    def start(self, what: str, total: int) -> None: ...

    def advance(self) -> None: ...

    def stop(self) -> None: ...


_listener: Listener | None = None


def listen(listener: Listener | None) -> Listener | None:
    """Install ``listener`` (None: nobody listens); returns the previous one, to restore it."""
    global _listener
    previous, _listener = _listener, listener
    return previous


def track(items: Sequence[T], what: str) -> Sequence[T] | Iterator[T]:
    """``items`` unchanged when nobody listens; else the same items, reporting each one done."""
    listener = _listener
    if listener is None or not items:
        return items
    return _tracked(listener, items, what)


def _tracked(listener: Listener, items: Sequence[T], what: str) -> Iterator[T]:
    listener.start(what, len(items))
    try:
        for item in items:
            yield item
            listener.advance()
    finally:
        listener.stop()
