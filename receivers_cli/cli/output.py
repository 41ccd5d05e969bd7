"""How commands print: a console that never wraps into a pipe, JSON documents, and a progress
display that appears on a terminal only.

Piped output is for programs (grep, jq, CI logs): it is never wrapped at a guessed width, never
coloured, and never carries progress bars. A terminal gets rich's wrapping and a transient
progress display on stderr while many tenants are read, checked and built.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from receivers_cli import progress

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


def console(stream: TextIO | None = None) -> Console:
    """A rich console for ``stream`` (stdout): soft-wrapped and unbounded in width when it is not
    a terminal, so that one node or one table row stays one line for grep and diff."""
    from rich.console import Console

    out = stream or sys.stdout
    if out.isatty():
        return Console(file=out, highlight=False)
    # Not a terminal: no width to respect. soft_wrap keeps long lines whole; tables get a width
    # wide enough for their cells instead of the 80 columns rich assumes for a pipe.
    return Console(file=out, highlight=False, soft_wrap=True, width=10_000, no_color=True, color_system=None)


def write_json(document: Any, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(json.dumps(document, indent=2, sort_keys=False) + "\n")


def _wants_progress(stream: TextIO) -> bool:
    if os.environ.get("RECEIVERS_NO_PROGRESS") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream: certainly not a terminal
        return False


class _RichListener:
    """progress.Listener drawing one transient bar per stage on stderr."""

    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.task: TaskID | None = None

    def start(self, what: str, total: int) -> None:
        self.task = self.bar.add_task(what, total=total)

    def advance(self) -> None:
        if self.task is not None:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.task is not None:
            self.bar.remove_task(self.task)
            self.task = None


@contextmanager
def progress_display(stream: TextIO | None = None) -> Iterator[None]:
    """While inside, long stages draw a progress bar on ``stream`` (stderr) if it is a terminal;
    otherwise nothing is drawn and rich is not even imported."""
    out = stream or sys.stderr
    if not _wants_progress(out):
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(file=out), transient=True,
    )
    previous = progress.listen(_RichListener(bar))
    try:
        with bar:
            yield
    finally:
        progress.listen(previous)
