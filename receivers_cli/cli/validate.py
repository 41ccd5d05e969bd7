"""``receivers validate``: check tenant files, with exact locations, at a chosen level."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from receivers_cli.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ConfigOption, VersionOption
from receivers_cli.cli.output import progress_display
from receivers_cli.errors import Severity
from receivers_cli.loading.project import DEFAULT_CONFIG, DEFAULT_TENANTS_DIR
from receivers_cli.report import Format, print_problems
from receivers_cli.validation.levels import ValidationLevel


def validate(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(None, help="Tenant files or folders (default: tenants/)."),
    config: Path = ConfigOption,
    level: ValidationLevel | None = typer.Option(
        None, "--level", help="basic, standard or strict (default: receivers.yaml)."
    ),
    output_format: Format = typer.Option(Format.text, "--format", help="text, json, sarif or github."),
    tenants: Path = typer.Option(
        DEFAULT_TENANTS_DIR, "--tenants",
        help="Folder of tenant files (checked when no PATHS are given); given with PATHS, only PATHS are checked "
        "while cross-file rules see every tenant here.",
    ),
    tenants_dir: Path | None = typer.Option(None, "--tenants-dir", hidden=True, help="Deprecated: --tenants."),
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
    from receivers_cli.validation.ignores import Ignored, cli_ignores, summary, suppressed

    try:
        ignores = cli_ignores(ignore)
    except ValueError as exc:
        sys.stderr.write(f"error: --ignore: {exc}\n  hint: `receivers rules` lists the rules\n")
        raise typer.Exit(EXIT_USAGE) from None

    context = _context_folder(ctx, tenants, tenants_dir)
    config = _platform_file(ctx, config, tenants, paths)
    targets = paths or [context or tenants]
    problems: list[Problem]
    checked: int | None = None
    ignored: tuple[Ignored, ...] = ()
    try:
        with progress_display():
            project = load_project(
                targets,
                config,
                alertmanager_version=alertmanager_version,
                level=level,
                context_paths=[context] if context is not None and paths else (),
            )
            chosen = level or ValidationLevel(project.platform.validation_level)
            if rules:
                from receivers_cli.validation.rules_files import check_rule_files

                project = check_rule_files(project, rules)
            project = validated(project, chosen, ignores)
        problems, checked, ignored = list(project.problems), project.files_checked, project.ignored
    except ProblemsError as exc:
        problems = exc.problems
    print_problems(problems, output_format, files_checked=checked, suppressed=suppressed(ignored))
    note = summary(ignored)
    if note:
        sys.stderr.write(note + "\n")  # stderr: the machine formats on stdout stay one document
    # Warnings (legal but suspicious input) are reported; only errors fail the check, unless asked.
    failing = [p for p in problems if strict_warnings or p.severity is not Severity.WARNING]
    raise typer.Exit(EXIT_PROBLEMS if failing else EXIT_OK)


def _context_folder(ctx: typer.Context, tenants: Path, tenants_dir: Path | None) -> Path | None:
    """The tenant folder the user named (``--tenants``, or the deprecated ``--tenants-dir``).

    Only a folder named on the command line becomes the cross-file context of PATHS: a default
    one does not, so ``validate one.yaml`` checks that file alone, as it always did.
    """
    if tenants_dir is not None:
        sys.stderr.write("note: --tenants-dir is deprecated; use --tenants (same meaning)\n")
        return tenants_dir
    source = ctx.get_parameter_source("tenants")
    return tenants if getattr(source, "name", "") not in ("DEFAULT", "DEFAULT_MAP") else None


def _platform_file(ctx: typer.Context, config: Path, tenants: Path, paths: list[Path] | None) -> Path:
    """The repository root's receivers.yaml (found searching upward) governs the files given as
    PATHS only when they are that repository's tenant files: a YAML file elsewhere below the root
    (a fixture, a draft) is checked on its own, as it was before the search existed."""
    if not paths or getattr(ctx.get_parameter_source("config"), "name", "") != "DEFAULT_MAP":
        return config
    folder = os.path.abspath(tenants)
    inside = all(os.path.abspath(p).startswith(folder + os.sep) or os.path.abspath(p) == folder for p in paths)
    return config if inside else DEFAULT_CONFIG


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
