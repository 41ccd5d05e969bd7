"""What every command shares: option types, problem printing, exit codes."""

from __future__ import annotations

from collections.abc import Sequence

import typer

from receivers_cli.errors import Problem
from receivers_cli.loading.project import DEFAULT_CONFIG, DEFAULT_TENANTS_DIR

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # render --on-tenant-error skip left tenants out

TenantsOption = typer.Option(DEFAULT_TENANTS_DIR, "--tenants", help="Folder of tenant files.")
ConfigOption = typer.Option(DEFAULT_CONFIG, "--config", help="Platform file (optional).")
VersionOption = typer.Option(
    None, "--alertmanager-version", help="Target Alertmanager X.Y (default: receivers.yaml, else 0.34)."
)


def source_line(file: str, line: int) -> str:
    """The excerpt line, from the text loaded and checked (never re-read from disk: see excerpt_line)."""
    from receivers_cli.loading.yaml_source import excerpt_line

    return excerpt_line(file, line)


def print_problems(problems: Sequence[Problem], *, files_checked: int | None = None) -> None:
    from receivers_cli.validation.formatters.text import print_text

    print_text(problems, source_line, files_checked=files_checked)
