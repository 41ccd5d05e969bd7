"""Problems: the one way every stage reports bad input.

A problem is a small frozen value (file, line, column, rule id, message, hint) that sorts by
position. Stages collect problems and raise :class:`ProblemsError` once; the CLI formats them.
Messages never contain secret values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, located in a source file (line and column are 1-based; 0 = unknown)."""

    file: str
    line: int
    column: int
    rule: str
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


class ProblemsError(Exception):
    """Raised by a stage when its input has problems; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems)
        first = self.problems[0] if self.problems else None
        super().__init__(str(first) if first else "problems found")
