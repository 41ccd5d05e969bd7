"""``receivers secrets retire KEY_ID``: an old recipient leaves receivers.yaml only when no value
in the repository still needs its private key, and nothing else is ever changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from receivers_cli.cli.secrets import app
from receivers_cli.secrets.envelope import Binding, encrypt
from receivers_cli.secrets.recipients import read_recipients
from tests.secrets.support import CANARY, FIXTURES


@pytest.fixture
def repo(tenant_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(FIXTURES / "receivers.yaml", tenant_dir.parent / "receivers.yaml")
    monkeypatch.chdir(tenant_dir.parent)
    monkeypatch.delenv("RECEIVERS_KEY", raising=False)
    monkeypatch.delenv("RECEIVERS_KEY_FILE", raising=False)
    return tenant_dir.parent


def run(*args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert CANARY not in result.stdout + result.stderr
    return result


def ids(repo: Path) -> list[str]:
    return [r.id for r in read_recipients(repo / "receivers.yaml")]


def test_retire_after_rotation_removes_only_that_recipient(repo: Path) -> None:
    run("keygen", "--private-key", "old.key")
    run("encrypt", "tenants")
    run("rotate", "--private-key", "old.key", "--new-private-key", "new.key")
    old, new = ids(repo)
    before = (repo / "receivers.yaml").read_text()
    done = run("retire", old)
    assert f"retired recipient {old}" in done.stdout
    assert ids(repo) == [new]
    after = (repo / "receivers.yaml").read_text()
    # Comments, other settings and the remaining recipient are as they were: only the entry went.
    assert "# the fleet's version" in after and "max_age_days: 45  # stricter" in after
    assert after.count("\n") < before.count("\n") and old not in after
    assert (repo / "old.key").exists()  # never deletes a private key: we did not write it for this
    run("retire", old, code=1)  # already gone: refused, named


def test_retire_is_refused_while_values_need_the_key(repo: Path) -> None:
    run("keygen", "--private-key", "k1.key")
    run("encrypt", "tenants")
    run("keygen", "--private-key", "k2.key")  # a new current recipient; the values are still for k1
    k1, _ = ids(repo)
    before = (repo / "receivers.yaml").read_bytes()
    refused = run("retire", k1, code=1)
    assert "S204" in refused.stderr and "tenants/acme.yaml:10:" in refused.stderr  # file:line of a value
    assert "error S204" in refused.stderr and "secrets rotate" in refused.stderr  # validate's format, a hint
    assert (repo / "receivers.yaml").read_bytes() == before


def test_a_platform_value_or_an_escaped_one_keeps_the_key(repo: Path) -> None:
    run("keygen", "--private-key", "k1.key")
    run("keygen", "--private-key", "k2.key")
    k1, _ = ids(repo)
    recipient = read_recipients(repo / "receivers.yaml")[0]
    value = encrypt("x", recipient.public_key, recipient.id, Binding("_platform", "_global", ("smtp_auth_password",)))
    platform = repo / "receivers.yaml"
    platform.write_text(platform.read_text().replace("  resolve_timeout: 5m\n",
                                                     f"  resolve_timeout: 5m\n  smtp_auth_password: {value}\n"))
    refused = run("retire", k1, code=1)
    assert "receivers.yaml:" in refused.stderr and "S204" in refused.stderr
    # The same value written with a YAML escape is not visible as ENC[ in the text: still found.
    platform.write_text(platform.read_text().replace(f"smtp_auth_password: {value}",
                                                     f'smtp_auth_password: "ENC\\x5b{value[4:]}"'))
    refused = run("retire", k1, code=1)
    assert "S204" in refused.stderr and "holds 1 more value encrypted" in refused.stderr


def test_the_current_or_an_unknown_recipient_is_not_retired(repo: Path) -> None:
    run("keygen", "--private-key", "k1.key")
    (current,) = ids(repo)
    refused = run("retire", current, code=1)
    assert "S205" in refused.stderr and "current recipient" in refused.stderr
    refused = run("retire", "0123456789ab", code=1)
    assert "S205" in refused.stderr and current in refused.stderr  # lists what can be given
    assert ids(repo) == [current]
