"""``receivers diff OLD NEW``: per tenant, what changed and which sample alerts route differently."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from receivers_cli.cli.common import EXIT_OK, EXIT_PROBLEMS
from receivers_cli.report import print_problems


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


def diff(
    old: str = typer.Argument(..., help="Output folder (holding alertmanager.yml) or git revision."),
    new: str = typer.Argument(..., help="Output folder or git revision (e.g. HEAD)."),
    output: DiffFormat = typer.Option(
        DiffFormat.text, "--format", help="text, markdown (for a pull-request comment) or json."
    ),
    tenants: str = typer.Option("tenants", "--tenants", help="Tenant folder inside the repository (git revisions)."),
    config: str | None = typer.Option(
        None, "--config", help="Platform file inside the repository (default: receivers.yaml when present)."
    ),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when anything changed."),
) -> None:
    """Compare two rendered outputs or git revisions (or one of each): every setting, secrets redacted."""
    from receivers_cli.analysis.diff import diff_sides, format_report, load_side
    from receivers_cli.errors import ProblemsError

    try:
        report = diff_sides(load_side(old, tenants_dir=tenants, config_file=config),
                            load_side(new, tenants_dir=tenants, config_file=config))
    except ProblemsError as exc:
        print_problems(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from None
    sys.stdout.write(format_report(report, output.value) + "\n")
    raise typer.Exit(EXIT_PROBLEMS if exit_code and report.changed() else EXIT_OK)
