"""Canary secrets (${VAR} values, ENC[...] plaintext, a plaintext value) never leak.

Every command a CI or a developer runs against a tenant repository is run here, successful and
failing, with and without the audit log; stdout, stderr (log events included), manifest.json and,
with --secrets-dir, alertmanager.yml are scanned for every canary.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from tests.helpers import DEMO_ENV, ROOT

runner = CliRunner()

ENC_CANARY = "https://hooks.slack.com/services/CNRY/ENC/encrypted-canary-0001"
PLAIN_CANARY = "999999:CNRYplaintextTelegramToken"
ENV_CANARIES = {name: _value + ("/cnry-env-" if "://" in _value else "cnry") + name.lower()
                for name, _value in DEMO_ENV.items() if name != "CHECKOUT_SLACK_WEBHOOK"}
CANARIES = [ENC_CANARY, PLAIN_CANARY, *ENV_CANARIES.values()]
# SEARCH_TELEGRAM_TOKEN is set but unused (the plaintext canary replaced its reference)
RENDERED = [c for c in CANARIES if c != ENV_CANARIES["SEARCH_TELEGRAM_TOKEN"]]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("canary")
    shutil.copytree(ROOT / "tenants", root / "tenants")
    (root / "tenants" / "demo.env").unlink()
    shutil.copy(ROOT / "receivers.yaml", root / "receivers.yaml")
    checkout = root / "tenants" / "checkout.yaml"
    checkout.write_text(checkout.read_text().replace('"${CHECKOUT_SLACK_WEBHOOK}"', f'"{ENC_CANARY}"'))
    search = root / "tenants" / "search.yaml"
    search.write_text(search.read_text().replace('"${SEARCH_TELEGRAM_TOKEN}"', f'"{PLAIN_CANARY}"'))
    config = str(root / "receivers.yaml")
    assert _run(["secrets", "keygen", "--private-key", str(root / "ci.key"), "--config", config])[0] == 0
    assert _run(["secrets", "keygen", "--private-key", str(root / "other.key"),
                 "--config", str(root / "other.yaml")])[0] == 0
    assert _run(["secrets", "encrypt", str(checkout), "--config", config])[0] == 0
    assert ENC_CANARY not in checkout.read_text() and "ENC[" in checkout.read_text()
    assert PLAIN_CANARY in search.read_text()
    return root


def _run(args: list[str], env: Mapping[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, args, env=dict(env or {}))
    return result.exit_code, result.stdout + result.stderr


def _scan(what: str, text: str) -> None:
    leaked = [c for c in CANARIES if c in text]
    # a canary with its last characters cut (a truncating formatter) must not appear either
    leaked += [c for c in CANARIES if c[:-4] in text and c not in leaked]
    assert not leaked, f"{what} leaks {len(leaked)} canary secrets"


def _render(repo: Path, out: str, *extra: str, env: Mapping[str, str] = ENV_CANARIES) -> tuple[int, str]:
    return _run(["render", "--tenants", str(repo / "tenants"), "--config", str(repo / "receivers.yaml"),
                 "--out", str(repo / out), *extra], env)


def _key(repo: Path) -> list[str]:
    return ["--key-file", str(repo / "ci.key")]


def test_successful_render_log_and_manifest(repo: Path) -> None:
    code, output = _render(repo, "ok", *_key(repo), "--log-format", "json")
    assert code == 0, output
    assert '"event": "value_decrypted"' in output and '"key_id": "' in output and "api_url" in output
    _scan("render --log-format json", output)
    _scan("manifest.json", (repo / "ok" / "manifest.json").read_text())
    config = (repo / "ok" / "alertmanager.yml").read_text()
    assert all(c in config for c in RENDERED)  # inline by default: the canaries really were rendered
    code, output = _run(["--log-format", "text", "render", "--tenants", str(repo / "tenants"), "--config",
                         str(repo / "receivers.yaml"), "--out", str(repo / "ok"), *_key(repo)], ENV_CANARIES)
    assert code == 0
    _scan("render --log-format text", output)


def test_check_diffs(repo: Path) -> None:
    assert _render(repo, "chk", *_key(repo))[0] == 0
    out = repo / "chk" / "alertmanager.yml"
    out.write_text(out.read_text().replace("#checkout-alerts", "#changed"))
    code, output = _render(repo, "chk", *_key(repo), "--check", "--log-format", "json")
    assert code == 1 and "#changed" in output
    _scan("render --check (edited output)", output)
    # every secret changed: old values on disk, new canaries rendered
    changed = {k: v + "x2" for k, v in ENV_CANARIES.items()}
    code, output = _render(repo, "chk", *_key(repo), "--check", env=changed)
    assert code == 1
    _scan("render --check (secrets changed)", output)
    assert not any(v in output for v in changed.values())


def test_secrets_dir(repo: Path) -> None:
    platform = repo / "receivers-028.yaml"
    platform.write_text((repo / "receivers.yaml").read_text().replace('"0.25"', '"0.28"'))
    code, output = _run(["render", "--tenants", str(repo / "tenants"), "--config", str(platform),
                         "--out", str(repo / "sd"), "--secrets-dir", str(repo / "sd-secrets"), *_key(repo),
                         "--log-format", "json"], ENV_CANARIES)
    assert code == 0, output
    _scan("render --secrets-dir", output)
    _scan("alertmanager.yml with --secrets-dir", (repo / "sd" / "alertmanager.yml").read_text())
    _scan("manifest.json with --secrets-dir", (repo / "sd" / "manifest.json").read_text())
    files = "".join(p.read_text() for p in (repo / "sd-secrets").rglob("*") if p.is_file())
    assert all(c in files for c in RENDERED)
    code, output = _run(["render", "--tenants", str(repo / "tenants"), "--config", str(platform),
                         "--out", str(repo / "sd"), "--secrets-dir", str(repo / "sd-secrets"), *_key(repo),
                         "--check"], {k: v + "x3" for k, v in ENV_CANARIES.items()})
    assert code == 1 and "secret value changed (not shown)" in output
    _scan("render --secrets-dir --check", output)
    # at 0.25 some fields have no *_file: an error, nothing written, nothing leaked
    code, output = _render(repo, "sd25", *_key(repo), "--secrets-dir", str(repo / "sd25-secrets"),
                           "--log-format", "json")
    assert code == 1 and "needs Alertmanager >= " in output
    assert not (repo / "sd25").exists() and not (repo / "sd25-secrets").exists()
    _scan("render --secrets-dir at 0.25", output)


def _tampered(envelope: str) -> str:
    body = envelope[:-1]
    return body[:-8] + ("A" if body[-8] != "A" else "B") + body[-7:] + "]"


@pytest.mark.parametrize("case", ["no-key", "wrong-key", "moved", "tampered", "truncated", "missing-env", "skip"])
def test_failing_paths(repo: Path, tmp_path: Path, case: str) -> None:
    work = tmp_path / "repo"
    shutil.copytree(repo, work, ignore=shutil.ignore_patterns("ok", "chk", "sd*"))
    (work / "ci.key").chmod(0o600)
    (work / "other.key").chmod(0o600)
    checkout = work / "tenants" / "checkout.yaml"
    envelope = re.search(r'ENC\[[^"]*\]', checkout.read_text())
    assert envelope is not None
    args, env = _key(work), dict(ENV_CANARIES)
    if case == "no-key":
        args = []
    elif case == "wrong-key":
        args = ["--key-file", str(work / "other.key")]
    elif case == "moved":
        payments = work / "tenants" / "payments.yaml"
        payments.write_text(payments.read_text().replace('"${PAYMENTS_DISCORD_WEBHOOK}"', f'"{envelope.group(0)}"'))
    elif case in ("tampered", "truncated"):
        broken = _tampered(envelope.group(0)) if case == "tampered" else envelope.group(0)[:40] + "]"
        checkout.write_text(checkout.read_text().replace(envelope.group(0), broken))
    elif case == "missing-env":
        del env["CHECKOUT_PD_KEY"]
    elif case == "skip":
        del env["CHECKOUT_PD_KEY"]
        args += ["--on-tenant-error", "skip"]
    code, output = _render(work, "out", *args, "--log-format", "json", env=env)
    assert code in (1, 3) if case == "skip" else code == 1, output
    assert "Traceback" not in output
    if case != "skip":
        assert not (work / "out").exists()
    _scan(f"render ({case})", output)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_validate(repo: Path, fmt: str) -> None:
    code, output = _run(["--log-format", "json", "validate", str(repo / "tenants"), "--config",
                         str(repo / "receivers.yaml"), "--level", "strict", "--format", fmt], ENV_CANARIES)
    assert code in (0, 1), output
    assert "Traceback" not in output
    _scan(f"validate --format {fmt}", output)


def test_secrets_status(repo: Path) -> None:
    code, output = _run(["secrets", "status", "--config", str(repo / "receivers.yaml"),
                         "--tenants", str(repo / "tenants")])
    assert "Traceback" not in output
    _scan("secrets status", output)
    assert code in (0, 1)
