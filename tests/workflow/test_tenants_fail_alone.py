"""One tenant's broken file does not block everyone: healthy tenants are answered and rendered.

Through the real command in a temporary config repository: ``routes test``, ``routes show`` and
``test`` answer for the healthy tenants while the broken one is reported (exit 1), and
``render --on-tenant-error skip`` keeps the broken tenant's last good rendering (exit 3), which
the real ``amtool`` accepts and routes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.tools import amtool_check, amtool_routes
from tests.workflow.support import Repo

FIXTURE = ROOT / "tests" / "fixtures" / "workflow" / "alone"
TYPO = ("channel_type: slack", "channel_type: slak")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    shutil.copytree(FIXTURE, tmp_path / "repo")
    return Repo(tmp_path / "repo")


def _break_beta(repo: Repo) -> None:
    repo.edit("tenants/beta.yaml", *TYPO)


def test_routes_test_answers_for_healthy_tenants(repo: Repo) -> None:
    _break_beta(repo)
    done = repo.receivers("routes", "test", "tenant=alpha", "severity=critical")
    assert done.returncode == 1
    assert done.stdout == "alpha/hook\n"
    assert "tenants/beta.yaml" in done.stderr and "R110" in done.stderr
    asked = repo.receivers("routes", "test", "tenant=beta", "severity=critical")
    assert asked.returncode == 1 and "tenant 'beta' has errors" in asked.stderr


def test_routes_show_answers_for_healthy_tenants(repo: Repo) -> None:
    _break_beta(repo)
    done = repo.receivers("routes", "show", "--tenant", "gamma")
    assert done.returncode == 1
    assert "gamma/hook" in done.stdout and "R110" in done.stderr
    assert repo.receivers("routes", "show", "--tenant", "beta").returncode == 1
    unknown = repo.receivers("routes", "show", "--tenant", "nosuch")
    assert unknown.returncode == 2 and "no tenant 'nosuch'" in unknown.stderr and "alpha" in unknown.stderr


def test_tenant_tests_run_for_healthy_tenants(repo: Repo) -> None:
    _break_beta(repo)
    done = repo.receivers("test")
    assert done.returncode == 1
    assert "1 passed, 0 failed" in done.stdout
    assert "R110" in done.stderr and "not tested, their files have errors: beta" in done.stderr


def test_skip_keeps_the_last_good_rendering(repo: Repo) -> None:
    repo.receivers("render", check=True)
    before = (repo.root / "rendered" / "alertmanager.yml").read_text("utf-8")
    _break_beta(repo)
    repo.edit("tenants/alpha.yaml", "alpha.example.com/hook", "alpha.example.com/new-hook")
    done = repo.receivers("render", "--on-tenant-error", "skip")
    assert done.returncode == 3, done.stdout + done.stderr
    assert "beta: kept its last good rendering" in done.stderr
    out = repo.root / "rendered"
    config = (out / "alertmanager.yml").read_text("utf-8")
    assert "alpha.example.com/new-hook" in config  # the healthy tenant is current
    for kept in ("beta/pager", "beta/chat", "'tenant=\"beta\"'", "beta/maintenance", 'alertname="BetaDown"'):
        assert kept in config and kept in before
    assert (out / "templates" / "beta.tmpl").is_file()
    assert amtool_check(out / "alertmanager.yml").returncode == 0
    assert amtool_routes(out / "alertmanager.yml", {"tenant": "beta", "severity": "critical"}) == [
        "beta/pager", "beta/chat"]
    # Rendering again with the same input changes nothing: --check agrees.
    assert repo.receivers("render", "--on-tenant-error", "skip", "--check").returncode == 3


def test_skip_without_a_previous_rendering_says_the_tenant_has_no_routes(repo: Repo) -> None:
    _break_beta(repo)
    done = repo.receivers("render", "--on-tenant-error", "skip")
    assert done.returncode == 3
    assert "beta: now has no routes" in done.stderr and "platform default" in done.stderr
    config = repo.root / "rendered" / "alertmanager.yml"
    assert "beta" not in config.read_text("utf-8")
    assert amtool_check(config).returncode == 0
