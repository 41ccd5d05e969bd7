"""``receivers import FILE``: an existing alertmanager.yml → tenant files and the platform file."""

from __future__ import annotations

import json
import shutil
import sys
from enum import Enum
from pathlib import Path

import typer

from receivers_cli.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, TenantsOption, fs_errors
from receivers_cli.loading.project import DEFAULT_CONFIG
from receivers_cli.report import print_problems


class ImportFormat(str, Enum):
    text = "text"
    json = "json"


def import_config(
    file: Path = typer.Argument(..., help="The alertmanager.yml to import."),
    tenant: str | None = typer.Option(None, "--tenant", help="Import the whole config as this one tenant."),
    by: str | None = typer.Option(None, "--by", help="Split by this label: each top-level route pinning it to a "
                                  "value becomes that tenant, the rest platform routes."),
    tenants: Path = TenantsOption,
    config: Path = typer.Option(DEFAULT_CONFIG, "--config", help="Platform file to write (or update, with --force)."),
    output_format: ImportFormat = typer.Option(ImportFormat.text, "--format", help="Report: text or json."),
    force: bool = typer.Option(False, "--force", help="Replace files that exist."),
    amtool: str | None = typer.Option(
        None, "--amtool", help="amtool to compare with (default: amtool on PATH; 'none': the simulator only)."
    ),
    alertmanager_version: str | None = typer.Option(
        None, "--alertmanager-version",
        help="Target X.Y (default: the platform file's, else the amtool's on PATH, else 0.34).",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check everything, write nothing."),
) -> None:
    """Import an alertmanager.yml; writes only when the result routes and inhibits like the original."""
    from receivers_cli.errors import ProblemsError
    from receivers_cli.importers.run import run_import

    if (tenant is None) == (by is None):
        sys.stderr.write("error: give exactly one of --tenant ID and --by LABEL\n")
        raise typer.Exit(EXIT_USAGE)
    if not file.is_file():
        sys.stderr.write(f"error: {file} is not a file\n")
        raise typer.Exit(EXIT_USAGE)
    judge = None if amtool == "none" else (amtool or shutil.which("amtool"))
    try:
        with fs_errors():
            report = run_import(file, tenant=tenant, by=by, tenants_dir=tenants, config=config, force=force,
                                amtool=judge, alertmanager_version=alertmanager_version, dry_run=dry_run)
    except ProblemsError as exc:
        print_problems(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from None
    if report.warnings:
        print_problems(report.warnings)
    if output_format is ImportFormat.json:
        sys.stdout.write(json.dumps(report.as_json(), indent=2) + "\n")
        raise typer.Exit(EXIT_OK)
    result = report.result
    verb = "would write" if dry_run else "wrote"
    how = "one tenant" if result.mode == "tenant" else f"split by {result.label}"
    version = f"{result.version[0]}.{result.version[1]}"
    sys.stdout.write(f"imported {file} ({how}, Alertmanager {version}): {verb} {', '.join(sorted(report.files))}\n")
    sys.stdout.write("receivers (original -> rendered):\n")
    for original, natives in result.name_map.items():
        sys.stdout.write(f"  {original} -> {', '.join(natives) if natives else '(not routed)'}\n")
    checked = f"same routing and inhibition on {report.label_sets} label sets (simulator)"
    if report.amtool_sets:
        checked += f", {report.amtool_sets} also with {report.amtool}"
    if report.amtool_routes:
        checked += f", which reads all {report.amtool_routes} routes of both configs as the simulator does"
    sys.stdout.write(checked + "\n")
    raise typer.Exit(EXIT_OK)
