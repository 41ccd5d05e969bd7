"""Problems: the one way every stage reports bad input.

A problem is a small frozen value (file, line, column, rule id, message, hint) that sorts by
position. Stages collect problems and raise :class:`ProblemsError` once; the CLI formats them.
Messages never contain secret values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from receivers_cli.codes import Code

# Characters that must never reach a terminal or a log viewer raw from a tenant file: C0 controls
# (ESC starts terminal escape sequences), DEL, C1 controls (U+0085 NEL included; U+009B is a
# one-byte CSI), the Unicode line and paragraph separators, and the bidirectional overrides and
# isolates that make text display in a different order than it is read ("Trojan Source").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(found: re.Match[str]) -> str:
    char = found.group(0)
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control, line-separator and bidi-override character written as an escape.

    Every formatter passes each string that can quote input (file names, messages, hints,
    excerpts) through this, so a tenant file cannot move the cursor, recolour or clear a
    terminal, forge extra output lines or reorder what a reviewer sees.
    """
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, located in a source file (line and column are 1-based; 0 = unknown)."""

    file: str
    line: int
    column: int
    rule: Code
    message: str = field(compare=False)
    hint: str = field(default="", compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)
    path: tuple[str | int, ...] = field(default=(), compare=False)
    # On a secret field: formatters never show the source line (it would echo the value).
    secret: bool = field(default=False, compare=False)

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file

    def __str__(self) -> str:
        text = f"{self.location()}: {self.rule} {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


@dataclass(frozen=True)
class Issue:
    """A problem not located yet: where it is as a data path (relative to a mapping the caller knows),
    what rule it breaks and how to fix it. :meth:`SourceDocument.problem_at` turns it into a
    :class:`Problem` once the document (and the mapping's own path in it) is known."""

    path: tuple[str | int, ...]
    rule: Code
    message: str
    hint: str = ""
    at_key: bool = False


class ProblemsError(Exception):
    """Raised by a stage when its input has problems; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems)
        first = self.problems[0] if self.problems else None
        super().__init__(str(first) if first else "problems found")
