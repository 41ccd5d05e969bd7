"""Nothing is silently ignored: each case is a located error, a usage error (exit 2) or a warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.workflow.support import Repo

FIXTURE = ROOT / "tests" / "fixtures" / "workflow" / "alone"


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    shutil.copytree(FIXTURE, tmp_path / "repo")
    return Repo(tmp_path / "repo")


def test_a_named_platform_file_that_does_not_exist_is_a_usage_error(repo: Repo) -> None:
    for command in (["validate"], ["render"], ["routes", "show"], ["test"]):
        done = repo.receivers(*command, "--config", "nosuch.yaml")
        assert done.returncode == 2, command
        assert "nosuch.yaml does not exist" in done.stderr


@pytest.mark.parametrize("name", ["archive/delta.yaml", "delta.YAML", "delta.json", "nested/deep/delta.yml"])
def test_a_tenant_looking_file_that_is_not_read_is_an_error(repo: Repo, name: str) -> None:
    path = repo.root / "tenants" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("delta:\n  metadata: {name: Delta}\n", "utf-8")
    for command in (["validate"], ["render"]):
        done = repo.receivers(*command)
        assert done.returncode == 1, command
        assert "R013" in done.stderr and f"tenants/{name}" in done.stderr and "tenants/delta.yaml" in done.stderr
    assert not (repo.root / "rendered").exists()


def test_an_empty_or_missing_tenant_folder_is_an_error(repo: Repo) -> None:
    shutil.rmtree(repo.root / "tenants")
    missing = repo.receivers("render")
    assert missing.returncode == 1 and "R014" in missing.stderr and "does not exist" in missing.stderr
    (repo.root / "tenants").mkdir()
    empty = repo.receivers("render")
    assert empty.returncode == 1 and "R014" in empty.stderr and "no tenant files" in empty.stderr
    assert not (repo.root / "rendered").exists()


def test_an_unknown_alertmanager_version_is_a_usage_error(repo: Repo) -> None:
    for command in (["render"], ["validate"], ["routes", "show"]):
        done = repo.receivers(*command, "--alertmanager-version", "0.99")
        assert done.returncode == 2, command
        assert "0.25" in done.stderr  # the known versions are listed


@pytest.mark.parametrize("command", [
    ["routes", "test", "tenant=alpha", "--format", "yaml"],
    ["diff", "HEAD", "HEAD", "--format", "yaml"],
    ["validate", "--format", "yaml"],
    ["validate", "--level", "paranoid"],
    ["render", "--on-tenant-error", "ignore"],
])
def test_a_wrong_choice_is_a_usage_error_listing_the_choices(repo: Repo, command: list[str]) -> None:
    done = repo.receivers(*command)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "text" in done.stderr or "strict" in done.stderr or "skip" in done.stderr


def test_a_regex_looking_match_value_is_a_warning(repo: Repo) -> None:
    repo.edit("tenants/gamma.yaml", "{name: hook, channel_type: webhook,",
              '{name: hook, channel_type: webhook, match: {component: "db|database"},')
    done = repo.receivers("validate")
    assert done.returncode == 0, done.stdout + done.stderr  # legal input: reported, not failed
    assert "R134" in done.stderr and "compared literally" in done.stderr and "0 errors" in done.stderr
    # The hook no longer takes every alert, so R502 (alerts reaching nobody) warns too.
    assert "R502" in done.stderr
    assert repo.receivers("render").returncode == 0
