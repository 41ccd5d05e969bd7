"""How problems word things, the same way everywhere: did-you-mean hints and value descriptions."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches
from typing import Any


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice that ``word`` most likely misspells, or None when none is close enough."""
    found = get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], otherwise: str = "", cutoff: float = 0.6) -> str:
    """``did you mean 'x'?`` for the closest choice, else ``otherwise`` (the list, or a pointer)."""
    close = closest(word, choices, cutoff)
    return f"did you mean {close!r}?" if close is not None else otherwise


def describe(value: Any, *, show: bool = True) -> str:
    """What a wrong value is, for "must be X, not ..." messages.

    ``show=False`` names only its kind (text, a number): an integration's ``config`` value may be a
    secret the message must not repeat.
    """
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)" if show else "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if show:
        return repr(value)
    return "a number" if isinstance(value, int | float) else "text"
