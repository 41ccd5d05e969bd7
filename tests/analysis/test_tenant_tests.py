"""``receivers test``: routing tests in tenant terms, with inhibition, time intervals and coverage."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from receivers_cli.cli.app import app
from tests.helpers import ROOT

runner = CliRunner()


def _run(tenants: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["test", "--tenants", str(tenants), "--config", str(ROOT / "receivers.yaml"), *extra])
    return result.exit_code, result.stdout + result.stderr


def test_demo_tests_pass_and_coverage_is_reported() -> None:
    code, output = _run(ROOT / "tenants")
    assert code == 0, output
    assert "4 passed, 0 failed" in output
    assert "not reached by any test: " in output and "search/telegram" in output


def test_fail_under_fails_on_low_coverage() -> None:
    code, output = _run(ROOT / "tenants", "--fail-under", "90")
    assert code == 1 and "receiver coverage: 38%" in output


def test_a_wrong_expectation_fails_with_its_file_and_line(tmp_path: Path) -> None:
    tenants = tmp_path / "tenants"
    shutil.copytree(ROOT / "tenants", tenants)
    checkout = tenants / "checkout.yaml"
    checkout.write_text(checkout.read_text().replace("expect: [chat, pager, db-tickets]", "expect: [pager]"))
    code, output = _run(tenants)
    assert code == 1
    assert "checkout.yaml:52:" in output and "T001" in output
    assert "expected ['pager'], got ['chat', 'pager', 'db-tickets']" in output
    assert "3 passed, 1 failed" in output
