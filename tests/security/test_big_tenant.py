"""One tenant with 10,000 receivers goes through validate, routes test and test (no quadratic lookups).

Functional, not timed: the subprocess timeout is only a hang guard (a quadratic lookup took
minutes here); benchmarks/bench_big_tenant.py measures.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.security._cli import run

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_big_tenant import big_tenant

RECEIVERS = 10_000


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big")
    (root / "tenants").mkdir()
    (root / "tenants" / "big.yaml").write_text(big_tenant(RECEIVERS), "utf-8")
    return root


def test_validate(repo: Path) -> None:
    result = run("validate", cwd=repo, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    # Warnings (R5xx: legal but suspicious) may be reported; no error may be.
    summary = result.stdout + result.stderr
    assert "no problems" in summary or "0 errors" in summary, summary[-2000:]


def test_routes_test(repo: Path) -> None:
    result = run("routes", "test", "tenant=big", "severity=critical", "team=t9999", cwd=repo, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "big/r9999"


def test_tenant_tests(repo: Path) -> None:
    result = run("test", cwd=repo, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "50 passed, 0 failed" in result.stdout
