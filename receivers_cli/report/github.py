"""GitHub Actions workflow commands: one ``::error file=...,line=...,col=...,title=RULE::message`` per problem."""

from __future__ import annotations

from collections.abc import Sequence

from receivers_cli.errors import Problem, Severity, printable


def _escape_data(text: str) -> str:
    text = printable(text)  # control characters are written as escapes before GitHub's own encoding
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Sequence[Problem], *, files_checked: int | None = None) -> str:
    lines = []
    for problem in sorted(problems):
        command = "error" if problem.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(problem.file)}"]
        if problem.line:
            props += [f"line={problem.line}", f"col={problem.column or 1}"]
        props.append(f"title={_escape_property(problem.rule)}")
        message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
        lines.append(f"::{command} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines)
