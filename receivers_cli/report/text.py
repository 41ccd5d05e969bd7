"""Human output: problems grouped per file, the source line with a caret, and a summary line."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TextIO

from receivers_cli.errors import Problem, Severity, printable
from receivers_cli.report.words import plural

EXCERPT_WIDTH = 160  # characters of a source line shown; a long line is cut around the column


def excerpt(line: str, column: int) -> tuple[str, int]:
    """The part of ``line`` to show, escaped, and the caret's offset (0-based) in it."""
    start = 0
    if len(line) > EXCERPT_WIDTH:
        start = max(0, min(column - 1 - EXCERPT_WIDTH // 2, len(line) - EXCERPT_WIDTH))
    shown = line[start : start + EXCERPT_WIDTH]
    caret = len(printable(shown[: max(column - 1 - start, 0)]))
    prefix, suffix = ("…" if start else ""), ("…" if start + EXCERPT_WIDTH < len(line) else "")
    return prefix + printable(shown) + suffix, caret + len(prefix)


def use_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def format_text(
    problems: Sequence[Problem],
    source_line: Callable[[str, int], str],
    *,
    color: bool = False,
    files_checked: int | None = None,
) -> str:
    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color else text

    out: list[str] = []
    current = None
    for problem in sorted(problems):
        if problem.file != current:
            if current is not None:
                out.append("")
            out.append(paint(printable(problem.file), "1;4"))
            current = problem.file
        level = paint("error", "31;1") if problem.severity is Severity.ERROR else paint("warning", "33;1")
        where, rule, message = printable(problem.location()), printable(problem.rule), printable(problem.message)
        out.append(f"{where}: {level} {paint(rule, '2')} {message}")
        line = source_line(problem.file, problem.line) if problem.line and not problem.secret else ""
        if line:
            shown, caret = excerpt(line, problem.column)
            out.append(f"  {problem.line:>4} | {shown}")
            out.append(f"       | {' ' * caret}{paint('^', '31;1')}")
        if problem.hint:
            out.append(f"       = hint: {printable(problem.hint)}")
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    files = len({p.file for p in problems})
    if out:
        out.append("")
    checked = f" ({plural(files_checked, 'file')} checked)" if files_checked is not None else ""
    if problems:
        summary = f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}{checked}"
        out.append(paint(summary, "1"))
    else:
        out.append(paint(f"no problems{checked}", "32;1"))
    return "\n".join(out)
