"""``receivers validate``: check tenant files, with exact locations, at a chosen level."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import typer

from receivers_cli.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    ConfigOption,
    VersionOption,
    print_problems,
)

FORMATS = ("text", "json", "sarif", "github")


def validate(
    paths: list[Path] = typer.Argument(None, help="Tenant files or folders (default: tenants/)."),
    config: Path = ConfigOption,
    level: str | None = typer.Option(None, "--level", help="basic, standard or strict (default: receivers.yaml)."),
    output_format: str = typer.Option("text", "--format", help="text, json, sarif or github."),
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
    from receivers_cli.validation.levels import ValidationLevel

    if level is not None and level not in {lv.value for lv in ValidationLevel}:
        raise typer.BadParameter("use basic, standard or strict", param_hint="--level")
    if output_format not in FORMATS:
        raise typer.BadParameter("use " + ", ".join(FORMATS), param_hint="--format")
    targets = paths or [tenants_dir or Path("tenants")]
    problems: list[Problem]
    checked: int | None = None
    try:
        project = load_project(
            targets,
            config,
            alertmanager_version=alertmanager_version,
            level=ValidationLevel(level) if level else None,
            context_paths=[tenants_dir] if tenants_dir else (),
        )
        chosen = ValidationLevel(level or project.platform.validation_level)
        problems = validate_project(project, chosen)
        checked = project.files_checked
    except ProblemsError as exc:
        problems = exc.problems
    _report(problems, output_format, checked)
    # Warnings (legal but suspicious input) are reported; only errors fail the check.
    raise typer.Exit(EXIT_PROBLEMS if any(getattr(p, "severity", "error") != "warning" for p in problems) else EXIT_OK)


def _report(problems: Sequence[object], output_format: str, checked: int | None) -> None:
    from receivers_cli.errors import Problem

    found = [p for p in problems if isinstance(p, Problem)]
    if output_format == "text":
        print_problems(found, files_checked=checked)
        return
    if output_format == "json":
        from receivers_cli.validation.formatters.json import format_json as fmt
    elif output_format == "sarif":
        from receivers_cli.validation.formatters.sarif import format_sarif as fmt
    else:
        from receivers_cli.validation.formatters.github import format_github as fmt
    text = fmt(found, files_checked=checked)
    if text:
        sys.stdout.write(text + "\n")


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
