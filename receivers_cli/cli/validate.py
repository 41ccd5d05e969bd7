"""``receivers validate``: check tenant files, with exact locations, at a chosen level."""

from __future__ import annotations

from pathlib import Path

import typer

from receivers_cli.cli.common import EXIT_OK, EXIT_PROBLEMS, ConfigOption, VersionOption, print_problems


def validate(
    paths: list[Path] = typer.Argument(None, help="Tenant files or folders (default: tenants/)."),
    config: Path = ConfigOption,
    level: str | None = typer.Option(None, "--level", help="basic, standard or strict (default: receivers.yaml)."),
    alertmanager_version: str | None = VersionOption,
) -> None:
    """Check tenant files; exit 0 when clean, 1 when problems were found, 2 on usage errors."""
    from receivers_cli.api import load_project, validate_project
    from receivers_cli.errors import ProblemsError
    from receivers_cli.validation.levels import ValidationLevel

    targets = paths or [Path("tenants")]
    if level is not None and level not in {lv.value for lv in ValidationLevel}:
        raise typer.BadParameter("use basic, standard or strict", param_hint="--level")
    try:
        project = load_project(targets, config, alertmanager_version=alertmanager_version)
    except ProblemsError as exc:
        print_problems(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from None
    chosen = ValidationLevel(level or project.platform.validation_level)
    problems = validate_project(project, chosen)
    checked = len(project.tenants) + len(project.unparsed_files) + len(
        {p.file for p in project.problems} - {t.doc.file for t in project.tenants} - set(project.unparsed_files)
    )
    print_problems(problems, files_checked=checked)
    raise typer.Exit(EXIT_PROBLEMS if problems else EXIT_OK)
