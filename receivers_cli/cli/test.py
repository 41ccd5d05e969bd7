"""``receivers test``: run the routing tests the tenant files carry, with coverage."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from receivers_cli.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    ConfigOption,
    ResultFormat,
    ResultFormatOption,
    TenantsOption,
    VersionOption,
)
from receivers_cli.cli.output import progress_display, write_json
from receivers_cli.report import Format, print_problems
from receivers_cli.report.words import plural, truncated


def test(
    tenants: Path = TenantsOption,
    config: Path = ConfigOption,
    alertmanager_version: str | None = VersionOption,
    fail_under: float = typer.Option(0.0, "--fail-under", help="Exit 1 when receiver coverage (%) is below this."),
    output_format: ResultFormat = ResultFormatOption,
) -> None:
    """Run every tenant's `tests:`; report failures with file:line and receivers no test reaches."""
    from receivers_cli.analysis.tenant_tests import run_tenant_tests
    from receivers_cli.api import broken_tenants, load_healthy_project
    from receivers_cli.errors import ProblemsError
    from receivers_cli.report.json import problem_dict

    as_json = output_format is ResultFormat.json
    try:
        with progress_display():
            project, errors = load_healthy_project([tenants], config, alertmanager_version=alertmanager_version)
    except ProblemsError as exc:
        print_problems(exc.problems, Format.json if as_json else Format.text)
        raise typer.Exit(EXIT_PROBLEMS) from None
    broken = broken_tenants(project, errors) if errors else []
    if errors and not as_json:
        # A broken tenant fails alone: its errors are reported, the others' tests still run.
        print_problems(errors)
        sys.stderr.write(f"not tested, their files have errors: {truncated(broken)}\n")
    report = run_tenant_tests(project)
    passed = report.run - len(report.failures)
    uncovered = report.uncovered()
    if as_json:
        write_json({
            "passed": passed,
            "failed": len(report.failures),
            "failures": [problem_dict(p) for p in sorted(report.failures)],
            "coverage": round(report.coverage, 2),
            "uncovered": uncovered,
            "not_tested": broken,
            "problems": [problem_dict(p) for p in sorted(errors)],
        })
    else:
        if report.failures:
            print_problems(report.failures)
        sys.stdout.write(f"{passed} passed, {len(report.failures)} failed\n")
        sys.stdout.write(f"receiver coverage: {report.coverage:.0f}%")
        # A count and the first names: 25,000 uncovered receivers are not one 360 KB line.
        sys.stdout.write(
            f" (not reached by any test: {plural(len(uncovered), 'receiver')}: {truncated(uncovered)})\n"
            if uncovered else "\n"
        )
    if errors or report.failures or report.coverage < fail_under:
        raise typer.Exit(EXIT_PROBLEMS)
    raise typer.Exit(EXIT_OK)
