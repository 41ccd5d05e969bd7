"""``receivers test``: run the routing tests the tenant files carry, with coverage."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from receivers_cli.cli.common import EXIT_OK, EXIT_PROBLEMS, ConfigOption, TenantsOption, VersionOption
from receivers_cli.report import print_problems


def test(
    tenants: Path = TenantsOption,
    config: Path = ConfigOption,
    alertmanager_version: str | None = VersionOption,
    fail_under: float = typer.Option(0.0, "--fail-under", help="Exit 1 when receiver coverage (%) is below this."),
) -> None:
    """Run every tenant's `tests:`; report failures with file:line and receivers no test reaches."""
    from receivers_cli.analysis.tenant_tests import run_tenant_tests
    from receivers_cli.api import broken_tenants, load_healthy_project
    from receivers_cli.errors import ProblemsError

    try:
        project, errors = load_healthy_project([tenants], config, alertmanager_version=alertmanager_version)
    except ProblemsError as exc:
        print_problems(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from None
    if errors:
        # A broken tenant fails alone: its errors are reported, the others' tests still run.
        print_problems(errors)
        sys.stderr.write(f"not tested, their files have errors: {', '.join(broken_tenants(project, errors))}\n")
    report = run_tenant_tests(project)
    if report.failures:
        print_problems(report.failures)
    passed = report.run - len(report.failures)
    sys.stdout.write(f"{passed} passed, {len(report.failures)} failed\n")
    sys.stdout.write(f"receiver coverage: {report.coverage:.0f}%")
    uncovered = report.uncovered()
    sys.stdout.write(f" (not reached by any test: {', '.join(uncovered)})\n" if uncovered else "\n")
    if errors or report.failures or report.coverage < fail_under:
        raise typer.Exit(EXIT_PROBLEMS)
    raise typer.Exit(EXIT_OK)
