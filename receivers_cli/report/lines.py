"""Compact output: one ``file:line:col: RULE message (hint: ...)`` line per problem, escaped."""

from __future__ import annotations

from collections.abc import Sequence

from receivers_cli.errors import Problem, printable


def format_lines(problems: Sequence[Problem]) -> str:
    # str(problem) is this shape; every part passes printable() like in the other formats.
    return "\n".join(printable(str(problem)) for problem in sorted(problems))
