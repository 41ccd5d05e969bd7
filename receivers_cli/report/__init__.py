"""Problem reports: one module per output format and the registry every command prints through.

``print_problems`` is the one problem printer: validate, render, test, diff, routes and the
secrets commands all call it, so every format escapes input the same way (``errors.printable``).
``Format`` holds the public choices of ``validate --format``; ``lines`` (one
``file:line:col: RULE message (hint: ...)`` per problem) is the compact form the secrets commands
print.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from enum import Enum
from typing import TextIO

from receivers_cli.errors import Problem


class Format(str, Enum):
    """The formats a user can pick with ``--format``."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


LINES = "lines"  # not a --format choice: the secrets commands' compact form

# A finding an ignore hid, and where that ignore was written ("--ignore", "receivers.yaml:12",
# "tenants/acme.yaml:4"): the machine formats report these too, marked, so a dashboard can count them.
Suppressed = tuple[Problem, str]

# A formatter: problems (and how many files were checked, when known) → the report text.
Formatter = Callable[[Sequence[Problem], "int | None", bool, Sequence[Suppressed]], str]


def _source_line(file: str, line: int) -> str:
    """The excerpt line, from the text loaded and checked (never re-read from disk: see excerpt_line)."""
    from receivers_cli.loading.yaml_source import excerpt_line

    return excerpt_line(file, line)


def _text(problems: Sequence[Problem], files_checked: int | None, color: bool,
          suppressed: Sequence[Suppressed]) -> str:
    from receivers_cli.report.text import format_text

    return format_text(problems, _source_line, color=color, files_checked=files_checked)


def _json(problems: Sequence[Problem], files_checked: int | None, color: bool,
          suppressed: Sequence[Suppressed]) -> str:
    from receivers_cli.report.json import format_json

    return format_json(problems, files_checked=files_checked, suppressed=suppressed)


def _sarif(problems: Sequence[Problem], files_checked: int | None, color: bool,
           suppressed: Sequence[Suppressed]) -> str:
    from receivers_cli.report.sarif import format_sarif

    return format_sarif(problems, files_checked=files_checked, suppressed=suppressed)


def _github(problems: Sequence[Problem], files_checked: int | None, color: bool,
            suppressed: Sequence[Suppressed]) -> str:
    from receivers_cli.report.github import format_github

    return format_github(problems, files_checked=files_checked)


def _lines(problems: Sequence[Problem], files_checked: int | None, color: bool,
           suppressed: Sequence[Suppressed]) -> str:
    from receivers_cli.report.lines import format_lines

    return format_lines(problems)


# Formatters load lazily: validate in a pre-commit hook should not import SARIF's catalogue walk.
FORMATTERS: dict[str, Formatter] = {
    Format.text.value: _text,
    Format.json.value: _json,
    Format.sarif.value: _sarif,
    Format.github.value: _github,
    LINES: _lines,
}


def format_problems(
    problems: Sequence[Problem], fmt: Format | str = Format.text, *, files_checked: int | None = None,
    color: bool = False, suppressed: Sequence[Suppressed] = (),
) -> str:
    """The report of ``problems``; ``suppressed`` findings appear only in JSON (``ignored``) and
    SARIF (results with ``suppressions``): the text and annotation formats leave them out."""
    return FORMATTERS[fmt.value if isinstance(fmt, Format) else fmt](problems, files_checked, color, suppressed)


def print_problems(
    problems: Sequence[Problem], fmt: Format | str = Format.text, *, files_checked: int | None = None,
    stream: TextIO | None = None, suppressed: Sequence[Suppressed] = (),
) -> None:
    """Print a report. Text goes to stderr when there are problems (stdout when clean) unless
    ``stream`` is given; the machine formats go to stdout, and print nothing when empty."""
    from receivers_cli.report.text import use_color

    name = fmt.value if isinstance(fmt, Format) else fmt
    if name == Format.text.value:
        out = stream or (sys.stderr if problems else sys.stdout)  # looked up per call: tests replace them
        out.write(format_problems(problems, name, files_checked=files_checked, color=use_color(out)) + "\n")
        return
    out = stream or (sys.stderr if name == LINES else sys.stdout)
    text = format_problems(problems, name, files_checked=files_checked, suppressed=suppressed)
    if text:
        out.write(text + "\n")
