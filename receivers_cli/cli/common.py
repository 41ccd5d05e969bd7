"""What every command shares: option types, problem printing, exit codes."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import typer

from receivers_cli.errors import Problem

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # render --on-tenant-error skip left tenants out

TenantsOption = typer.Option(Path("tenants"), "--tenants", help="Folder of tenant files.")
ConfigOption = typer.Option(Path("receivers.yaml"), "--config", help="Platform file (optional).")
VersionOption = typer.Option(
    None, "--alertmanager-version", help="Target Alertmanager X.Y (default: receivers.yaml, else 0.34)."
)


@cache
def _file_lines(file: str) -> list[str]:
    try:
        return Path(file).read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return []


def source_line(file: str, line: int) -> str:
    lines = _file_lines(file)
    return lines[line - 1] if 0 < line <= len(lines) else ""


def print_problems(problems: Sequence[Problem], *, files_checked: int | None = None) -> None:
    from receivers_cli.validation.formatters.text import print_text

    print_text(problems, source_line, files_checked=files_checked)


def fail(message: str, hint: str = "", code: int = EXIT_USAGE) -> typer.Exit:
    sys.stderr.write(f"error: {message}\n" + (f"  hint: {hint}\n" if hint else ""))
    return typer.Exit(code)
