"""examples/config-repo as a platform team would use it: the commands its CI snippets and its
pre-commit config run, run for real in a fresh git repository.

The commands are read out of ``ci/github-actions.yml`` and ``ci/gitlab-ci.yml`` (every line that
starts with ``receivers `` or ``diff ``), so the snippets cannot drift from what is tested. The
check jobs run with NO key and NO variable in the environment; the deploy job gets the key and
the variables. A canary value of every secret (each variable of ``demo.env`` and one
``ENC[...]`` value) must never be in a committed file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "config-repo"
BIN = Path(sys.executable).parent
PRE_COMMIT = BIN / "pre-commit"
ENC_CANARY = "enc-canary-routing-key-5f1d2c"  # encrypted into storefront's pager by the fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text("utf-8"))


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (EXAMPLE / "demo.env").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            pairs[name] = value
    return pairs


def canaries() -> list[str]:
    return [*env_example().values(), ENC_CANARY]


def bare_env(tmp: Path, **extra: str) -> dict[str, str]:
    """No key, no variable: what a tenant developer's machine or a fork's CI has."""
    return {"PATH": f"{BIN}{os.pathsep}/usr/bin{os.pathsep}/bin", "HOME": str(tmp / "home"), "LANG": "C.UTF-8",
            "NO_COLOR": "1", **extra}


def sh(repo: Path, command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=300)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=repo,
                          check=True, capture_output=True, text=True)
    return done.stdout.strip()


def commands(script: str | list[str]) -> list[str]:
    """The receivers (and diff) command lines of a CI step, in order."""
    lines = script if isinstance(script, list) else [script]
    return [line.strip() for text in lines for line in text.splitlines()
            if line.strip().startswith(("receivers ", "diff "))]


def github_job(job: str) -> list[tuple[str, dict[str, str]]]:
    """(command, the step's env variable names mapped to their expressions) of a GitHub Actions job."""
    steps = _yaml(EXAMPLE / "ci" / "github-actions.yml")["jobs"][job]["steps"]
    return [(command, dict(step.get("env") or {})) for step in steps if "run" in step
            for command in commands(step["run"])]


def gitlab_job(job: str) -> list[str]:
    return commands(_yaml(EXAMPLE / "ci" / "gitlab-ci.yml")[job]["script"])


def make_repo(tmp: Path) -> tuple[Path, Path, str]:
    """A git copy of the example with one ENC[...] value; returns (repo, private key, base sha).

    HEAD changes storefront's chat receiver on top of the base, and its rendered/ is re-rendered
    with no key (what the pre-commit hook demands of a developer)."""
    repo = tmp / "config-repo"
    shutil.copytree(EXAMPLE, repo, ignore=shutil.ignore_patterns("secrets", "deploy"))
    env = bare_env(tmp)
    key = tmp / "ci.key"  # outside the repository, like the CI secret store
    assert sh(repo, f"receivers secrets keygen --private-key {key}", env).returncode == 0
    encrypt = sh(repo, f"printf %s {ENC_CANARY} | receivers secrets encrypt --value --tenant storefront "
                       "--receiver pager --field integration_key", env)
    assert encrypt.returncode == 0, encrypt.stderr
    tenant = repo / "tenants" / "storefront.yaml"
    tenant.write_text(tenant.read_text("utf-8").replace('"${STOREFRONT_PD_KEY}"', f'"{encrypt.stdout.strip()}"'))
    assert sh(repo, "receivers render", env).returncode == 0
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "base")
    base = git(repo, "rev-parse", "HEAD")
    tenant.write_text(tenant.read_text("utf-8").replace("min_severity: warning\n      active_during",
                                                        "min_severity: error\n      active_during"))
    rendered = sh(repo, "receivers render", env)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "storefront chat: errors and up")
    return repo, key, base


def committed_text(repo: Path) -> str:
    return "\n".join((repo / name).read_text("utf-8") for name in git(repo, "ls-files").splitlines())


@pytest.fixture()
def repo(tmp_path: Path) -> tuple[Path, Path, str]:
    return make_repo(tmp_path)


def test_the_snippets_run_every_promised_step() -> None:
    for lines in ([c for c, _ in github_job("check")], gitlab_job("receivers-check")):
        text = "\n".join(lines)
        for step in ("receivers validate", "receivers test", "receivers render --check", "--format markdown"):
            assert step in text
    for lines in ([c for c, _ in github_job("deploy")], gitlab_job("receivers-deploy")):
        assert any("--secrets-dir" in line for line in lines)
    for snippet in ("github-actions.yml", "gitlab-ci.yml"):
        text = (EXAMPLE / "ci" / snippet).read_text("utf-8")
        assert "pip install receivers-cli" not in text and "git+https://" in text
    hooks = {h["id"] for h in _yaml(ROOT / ".pre-commit-hooks.yaml")}
    wanted = {h["id"] for r in _yaml(EXAMPLE / ".pre-commit-config.yaml")["repos"] for h in r["hooks"]}
    assert wanted <= hooks and wanted


@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_check_job_needs_no_key_and_no_environment(repo: tuple[Path, Path, str], ci: str) -> None:
    path, _, base = repo
    env = bare_env(path.parent, BASE_SHA=base)
    lines = [c for c, _ in github_job("check")] if ci == "github" else gitlab_job("receivers-check")
    for command in lines:
        done = sh(path, command, env)
        output = done.stdout + done.stderr
        assert done.returncode == 0, f"{command}\n{output}"
        assert "internal error" not in output
        for canary in canaries():
            assert canary not in output
    diff = (path / "receivers-diff.md").read_text("utf-8")
    assert "storefront" in diff
    for canary in canaries():
        assert canary not in diff


def test_committed_artifact_has_no_secret_and_is_what_deploy_uses(repo: tuple[Path, Path, str]) -> None:
    path, key, _ = repo
    committed = committed_text(path)
    assert "rendered/alertmanager.yml" in git(path, "ls-files")
    for canary in canaries():
        assert canary not in committed
    variables = env_example()
    for command, step_env in github_job("deploy"):
        env = bare_env(path.parent)
        for name in step_env:
            env[name] = key.read_text("utf-8") if name == "RECEIVERS_KEY" else variables[name]
        done = sh(path, command, env)
        assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"
        for canary in canaries():
            assert canary not in done.stdout + done.stderr
    secrets = path / "deploy" / "secrets"
    assert (secrets / "storefront" / "pager" / "routing_key").read_text("utf-8") == ENC_CANARY
    assert (secrets / "_global" / "smtp_auth_password").read_text("utf-8") == variables["SMTP_PASSWORD"]
    found = {p.read_text("utf-8") for p in secrets.rglob("*") if p.is_file()}
    assert set(canaries()) - {variables["STOREFRONT_PD_KEY"]} <= found  # every secret is in a file
    assert "deploy/" not in git(path, "status", "--porcelain", "--untracked-files=all")  # .gitignore'd
    amtool = Path("/work/am/0.28/usr/bin/amtool")  # the example targets 0.28; optional newer judge
    if amtool.exists():
        done = subprocess.run([str(amtool), "check-config", str(path / "rendered" / "alertmanager.yml")],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_stale_render_fails_the_check_without_any_key(repo: tuple[Path, Path, str]) -> None:
    path, _, _ = repo
    tenant = path / "tenants" / "mobile.yaml"
    tenant.write_text(tenant.read_text("utf-8").replace("min_severity: warning", "min_severity: error"))
    done = sh(path, "receivers render --check", bare_env(path.parent))
    assert done.returncode == 1 and "stale" in done.stderr
    assert "mobile" in done.stdout


@pytest.mark.precommit
@pytest.mark.skipif(not PRE_COMMIT.exists(), reason="needs pre-commit")
def test_the_example_pre_commit_config_runs_with_no_secrets(tmp_path: Path) -> None:
    """The example's hooks, from the root .pre-commit-hooks.yaml, as `repo: local` (no network)."""
    repo = tmp_path / "fresh"
    shutil.copytree(EXAMPLE, repo)
    published = {h["id"]: h for h in _yaml(ROOT / ".pre-commit-hooks.yaml")}
    wanted = [h["id"] for r in _yaml(EXAMPLE / ".pre-commit-config.yaml")["repos"] for h in r["hooks"]]
    local = [{**published[i], "language": "system", "entry": str(BIN / published[i]["entry"])} for i in wanted]
    with (repo / ".pre-commit-config.yaml").open("w") as stream:
        YAML().dump({"repos": [{"repo": "local", "hooks": local}]}, stream)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "init")
    env = bare_env(tmp_path, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(PRE_COMMIT), "run", *args], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=300)

    clean = run("--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    tenant = repo / "tenants" / "mobile.yaml"
    tenant.write_text(tenant.read_text("utf-8").replace("min_severity: warning", "min_severity: error"))
    stale = run("receivers-render-check", "--files", "tenants/mobile.yaml")
    assert stale.returncode == 1 and "stale" in stale.stdout
    assert subprocess.run(["receivers", "render"], cwd=repo, env=env, capture_output=True).returncode == 0
    assert run("--files", "tenants/mobile.yaml", "rendered/alertmanager.yml").returncode == 0
    tenant.write_text(tenant.read_text("utf-8").replace("channel_type: discord", "channel_type: discrod"))
    bad = run("receivers-validate", "--files", "tenants/mobile.yaml")
    assert bad.returncode == 1 and "R110" in bad.stdout
    for canary in canaries():
        assert canary not in committed_text(repo)


def test_the_committed_example_output_is_current_with_no_key(tmp_path: Path) -> None:
    """examples/config-repo/rendered is committed, so a change of the output format re-renders it."""
    done = sh(EXAMPLE, "receivers render --check", bare_env(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
