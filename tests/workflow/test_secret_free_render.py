"""Secrets as files (``output: {secrets: files}``): the committed config is the same with and
without the key, needs neither a key nor the environment, and never holds a value."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.repos import load_yaml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "workflow" / "secret-free"
BIN = Path(sys.executable).parent
CANARIES = {"GLOBAL_ENC": "glob-smtp-canary-81f2", "PLATFORM_ENC": "https://hooks.slack.com/plat-canary-19c",
            "TENANT_ENC": "tenant-pd-canary-7b3e0d"}
SLACK = "https://hooks.slack.com/global-var-canary-44"


def run(repo: Path, *args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": f"{BIN}{os.pathsep}/usr/bin:/bin", "HOME": str(repo.parent), "NO_COLOR": "1"}
    return subprocess.run([str(BIN / "receivers"), *args], cwd=repo, env={**base, **env}, input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture with a fresh key and its ENC[...] values; rendered/ rendered with no key."""
    repo = tmp_path_factory.mktemp("secret-free") / "repo"
    shutil.copytree(FIXTURE, repo)
    assert run(repo, "secrets", "keygen", "--private-key", str(repo.parent / "k.key")).returncode == 0
    where = {"GLOBAL_ENC": ("_platform", "_global", "smtp_auth_password"),
             "PLATFORM_ENC": ("_platform", "unrouted", "api_url"), "TENANT_ENC": ("team", "pager", "routing_key")}
    for marker, (tenant, receiver, field) in where.items():
        done = run(repo, "secrets", "encrypt", "--value", "--tenant", tenant, "--receiver", receiver, "--field", field,
                   stdin=CANARIES[marker])
        assert done.returncode == 0, done.stderr
        for path in (repo / "receivers.yaml", repo / "tenants" / "team.yaml"):
            path.write_text(path.read_text("utf-8").replace(f"@{marker}@", done.stdout.strip()), "utf-8")
    done = run(repo, "render")
    assert done.returncode == 0, done.stdout + done.stderr
    return repo


def test_check_needs_no_key_and_no_environment(repo: Path) -> None:
    done = run(repo, "render", "--check")
    assert done.returncode == 0, done.stdout + done.stderr
    text = (repo / "rendered" / "alertmanager.yml").read_text("utf-8")
    for value in [*CANARIES.values(), SLACK, "literal-bearer-in-git", "ENC["]:
        assert value not in text
    config = load_yaml(text)
    assert config["global"]["smtp_auth_password_file"] == "/run/secrets/am/_global/smtp_auth_password"
    assert config["global"]["slack_api_url_file"] == "/run/secrets/am/_global/slack_api_url"


def test_deploy_render_writes_the_same_config_and_every_value_to_a_file(repo: Path) -> None:
    deploy = repo.parent / "deploy"
    done = run(repo, "render", "--out", str(deploy / "rendered"), "--secrets-dir", str(deploy / "secrets"),
               "--key-file", str(repo.parent / "k.key"), GLOBAL_SLACK_URL=SLACK)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("alertmanager.yml", "manifest.json", "templates/team.tmpl"):
        assert (deploy / "rendered" / name).read_text("utf-8") == (repo / "rendered" / name).read_text("utf-8")
    secrets = deploy / "secrets"
    files = {p.relative_to(secrets).as_posix(): p.read_text("utf-8")
             for p in secrets.rglob("*") if p.is_file() and p.name != ".receivers-output"}
    assert files == {
        "_global/smtp_auth_password": CANARIES["GLOBAL_ENC"], "_global/slack_api_url": SLACK,
        "_platform/unrouted/api_url": CANARIES["PLATFORM_ENC"], "team/pager/routing_key": CANARIES["TENANT_ENC"],
        "team/hook/url": "https://hooks.example.com/team",
        "team/hook/http_config.authorization.credentials": "literal-bearer-in-git",
    }
    manifest = json.loads((repo / "rendered" / "manifest.json").read_text("utf-8"))
    assert manifest["secret_files"] == sorted(files)
    team = next(i for i in manifest["inputs"] if i.get("tenant") == "team")
    assert len(team["key_ids"]) == 1  # read from the envelope: the same with or without the key
    # --check with the folder compares the secret files too (it needs the key then), never a value.
    stale = run(repo, "render", "--check", "--out", str(deploy / "rendered"), "--secrets-dir", str(secrets),
                "--key-file", str(repo.parent / "k.key"), GLOBAL_SLACK_URL=SLACK + "x")
    assert stale.returncode == 1 and "_global/slack_api_url: secret value changed (not shown)" in stale.stdout
    assert SLACK not in stale.stdout + stale.stderr


def test_inline_render_still_decrypts_global_enc_and_says_not_to_commit(repo: Path) -> None:
    out = repo.parent / "inline"
    done = run(repo, "render", "--secrets", "inline", "--out", str(out), "--key-file", str(repo.parent / "k.key"),
               GLOBAL_SLACK_URL=SLACK)
    assert done.returncode == 0, done.stdout + done.stderr
    config = load_yaml((out / "alertmanager.yml").read_text("utf-8"))
    assert config["global"]["smtp_auth_password"] == CANARIES["GLOBAL_ENC"]
    assert "never commit it" in done.stderr


def test_a_render_time_value_in_a_field_without_file_variant_is_located(repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy)
    platform = copy / "receivers.yaml"
    platform.write_text(platform.read_text("utf-8").replace('"#unrouted"', '"${UNROUTED_CHANNEL}"'), "utf-8")
    done = run(copy, "render", "--check")
    assert done.returncode == 1
    assert "receivers.yaml:14:16: error S110" in done.stderr and "no *_file variant" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    # A global secret whose *_file variant is newer than the target: located at the field.
    platform.write_text(platform.read_text("utf-8").replace("  smtp_auth_username:", "  smtp_auth_secret: x\n"
                                                            "  smtp_auth_username:"), "utf-8")
    done = run(copy, "render", "--check")
    assert "receivers.yaml:6:21: error S110 global smtp_auth_secret_file needs Alertmanager >= 0.31" in done.stderr


@pytest.mark.parametrize("args", [["--secrets", "inline", "--secrets-mount", "/x"], ["--secrets-mount", "rel/dir"],
                                  ["--secrets", "sometimes"], ["--secrets", "inline", "--secrets-dir", "s"]])
def test_contradictory_secrets_flags_are_usage_errors(repo: Path, args: list[str]) -> None:
    assert run(repo, "render", "--check", *args).returncode == 2
