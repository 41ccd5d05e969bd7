"""The published hooks, run by ``pre-commit`` itself in a temporary git repository.

``.pre-commit-hooks.yaml`` is turned into a ``repo: local`` config with ``language: system`` (the
same id, entry, files and pass_filenames), so the test needs neither network nor a fresh
virtualenv, yet pre-commit decides which files each hook gets. Marked ``precommit``; it runs in
CI's plain ``pytest`` (skipped only where git or pre-commit is missing).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PRE_COMMIT = BIN / "pre-commit"

pytestmark = [
    pytest.mark.precommit,
    pytest.mark.skipif(not PRE_COMMIT.exists() or shutil.which("git") is None, reason="needs git and pre-commit"),
]

GOOD = (
    'acme:\n  metadata: {name: Acme}\n  receivers:\n    - {name: hook, channel_type: webhook, config: {url: "${U}"}}\n'
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    local = [{**hook, "language": "system", "entry": str(BIN / hook["entry"])} for hook in hooks]
    config = {"repos": [{"repo": "local", "hooks": local}]}
    repo = tmp_path / "config-repo"
    (repo / "tenants").mkdir(parents=True)
    yaml = YAML()
    with (repo / ".pre-commit-config.yaml").open("w") as stream:
        yaml.dump(config, stream)
    (repo / "receivers.yaml").write_text("variables: {shared: [U]}\n", "utf-8")
    (repo / "tenants" / "acme.yaml").write_text(GOOD, "utf-8")
    (repo / "tenants" / "globex.yaml").write_text(GOOD.replace("acme", "globex"), "utf-8")
    git(repo, "init", "-q")
    git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "add", ".")
    git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "init", "--no-verify")
    return repo


def run_hook(repo: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PRE_COMMIT_HOME": str(repo.parent / "home"), "U": "https://e.com/hook"}
    command = [str(PRE_COMMIT), "run", hook, "--files", *files]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=120)


def test_validate_hook_passes_clean_files_and_fails_bad_ones(repo: Path) -> None:
    assert run_hook(repo, "receivers-validate", "tenants/acme.yaml").returncode == 0
    (repo / "tenants" / "acme.yaml").write_text(GOOD.replace("webhook", "webhok"), "utf-8")
    result = run_hook(repo, "receivers-validate", "tenants/acme.yaml")
    assert result.returncode == 1
    assert "tenants/acme.yaml:4:" in result.stdout and "R110" in result.stdout


def test_validate_hook_sees_unstaged_tenants_for_cross_file_rules(repo: Path) -> None:
    (repo / "tenants" / "acme.yml").write_text(GOOD, "utf-8")
    result = run_hook(repo, "receivers-validate", "tenants/acme.yaml")
    assert result.returncode == 1
    assert "R121" in result.stdout and "tenants/acme.yml" in result.stdout


def test_render_check_hook_reports_stale_output(repo: Path) -> None:
    result = run_hook(repo, "receivers-render-check", "tenants/acme.yaml")
    assert result.returncode == 1
    assert "stale" in result.stdout
