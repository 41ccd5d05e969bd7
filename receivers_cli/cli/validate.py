"""``receivers validate``: check tenant files, with exact locations, at a chosen level."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from receivers_cli.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ConfigOption, VersionOption
from receivers_cli.report import Format, print_problems
from receivers_cli.validation.levels import ValidationLevel


def validate(
    paths: list[Path] = typer.Argument(None, help="Tenant files or folders (default: tenants/)."),
    config: Path = ConfigOption,
    level: ValidationLevel | None = typer.Option(
        None, "--level", help="basic, standard or strict (default: receivers.yaml)."
    ),
    output_format: Format = typer.Option(Format.text, "--format", help="text, json, sarif or github."),
    tenants_dir: Path | None = typer.Option(
        None, "--tenants-dir", help="All tenant files, seen by cross-file rules while only PATHS are checked."
    ),
    explain: str | None = typer.Option(None, "--explain", help="Print the documentation of one rule (id or name)."),
    alertmanager_version: str | None = VersionOption,
) -> None:
    """Check tenant files; exit 0 when clean, 1 when problems were found, 2 on usage errors."""
    if explain is not None:
        _explain(explain)
    from receivers_cli.api import load_project, validate_project
    from receivers_cli.errors import Problem, ProblemsError

    targets = paths or [tenants_dir or Path("tenants")]
    problems: list[Problem]
    checked: int | None = None
    try:
        project = load_project(
            targets,
            config,
            alertmanager_version=alertmanager_version,
            level=level,
            context_paths=[tenants_dir] if tenants_dir else (),
        )
        chosen = level or ValidationLevel(project.platform.validation_level)
        problems = validate_project(project, chosen)
        checked = project.files_checked
    except ProblemsError as exc:
        problems = exc.problems
    print_problems(problems, output_format, files_checked=checked)
    # Warnings (legal but suspicious input) are reported; only errors fail the check.
    raise typer.Exit(EXIT_PROBLEMS if any(getattr(p, "severity", "error") != "warning" for p in problems) else EXIT_OK)


def _explain(rule_id: str) -> None:
    from receivers_cli.validation.rules import find

    rule = find(rule_id)
    if rule is None:
        sys.stderr.write(f"error: no rule {rule_id!r}\n  hint: `receivers rules` lists them\n")
        raise typer.Exit(EXIT_USAGE)
    level = f"level: {rule.level.value}, " if rule.level is not None else ""
    header = f"{rule.id} {rule.name} ({level}reported by: {rule.stage})"
    sys.stdout.write(f"{header}\n\n{rule.doc.strip()}\n")
    raise typer.Exit(EXIT_OK)
