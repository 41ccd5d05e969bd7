"""``receivers validate``: check tenant files, with exact locations, at a chosen level."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from receivers_cli.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ConfigOption, VersionOption
from receivers_cli.errors import Severity
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
    ignore: list[str] = typer.Option(
        [], "--ignore", help="A rule id (or name) not to report; repeatable. Warnings and strict policy rules only."
    ),
    strict_warnings: bool = typer.Option(False, "--strict-warnings", help="Exit 1 on warnings too."),
    rules: list[Path] = typer.Option(
        [], "--rules", help="Prometheus rule files (or folders of them) to check against the tenants; repeatable."
    ),
) -> None:
    """Check tenant files; exit 0 when clean (warnings allowed), 1 when problems were found, 2 on usage errors."""
    if explain is not None:
        _explain(explain)
    from receivers_cli.api import load_project, validated
    from receivers_cli.errors import Problem, ProblemsError
    from receivers_cli.validation.ignores import Ignored, cli_ignores, summary

    try:
        ignores = cli_ignores(ignore)
    except ValueError as exc:
        sys.stderr.write(f"error: --ignore: {exc}\n  hint: `receivers rules` lists the rules\n")
        raise typer.Exit(EXIT_USAGE) from None

    targets = paths or [tenants_dir or Path("tenants")]
    problems: list[Problem]
    checked: int | None = None
    ignored: tuple[Ignored, ...] = ()
    try:
        project = load_project(
            targets,
            config,
            alertmanager_version=alertmanager_version,
            level=level,
            context_paths=[tenants_dir] if tenants_dir else (),
        )
        chosen = level or ValidationLevel(project.platform.validation_level)
        if rules:
            from receivers_cli.validation.rules_files import check_rule_files

            project = check_rule_files(project, rules)
        project = validated(project, chosen, ignores)
        problems, checked, ignored = list(project.problems), project.files_checked, project.ignored
    except ProblemsError as exc:
        problems = exc.problems
    print_problems(problems, output_format, files_checked=checked)
    note = summary(ignored)
    if note:
        sys.stderr.write(note + "\n")  # stderr: the machine formats on stdout stay one document
    # Warnings (legal but suspicious input) are reported; only errors fail the check, unless asked.
    failing = [p for p in problems if strict_warnings or p.severity is not Severity.WARNING]
    raise typer.Exit(EXIT_PROBLEMS if failing else EXIT_OK)


def _explain(rule_id: str) -> None:
    from receivers_cli.validation.rules import find

    rule = find(rule_id)
    if rule is None:
        sys.stderr.write(f"error: no rule {rule_id!r}\n  hint: `receivers rules` lists them\n")
        raise typer.Exit(EXIT_USAGE)
    level = f"level: {rule.level.value}, " if rule.level is not None else ""
    level += "warning, " if rule.warning else ""
    header = f"{rule.id} {rule.name} ({level}reported by: {rule.stage})"
    sys.stdout.write(f"{header}\n\n{rule.doc.strip()}\n")
    raise typer.Exit(EXIT_OK)
