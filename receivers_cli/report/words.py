"""Counting words for every command's output: correct plurals and lists cut to a readable length.

One place so that "1 error in 1 file" and "… and 24,990 more" read the same in every command.
"""

from __future__ import annotations

from collections.abc import Sequence

LIST_LIMIT = 10  # names shown before "… and N more": a list of 25,000 receivers is a count, not a line


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 error``, ``2 errors``, ``0 files``; ``many`` for irregular plurals (``1 entry``/``2 entries``)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def truncated(names: Sequence[str], limit: int = LIST_LIMIT, sep: str = ", ") -> str:
    """The first ``limit`` names and, when there are more, how many were left out."""
    if len(names) <= limit:
        return sep.join(names)
    return f"{sep.join(names[:limit])} … and {len(names) - limit} more"
