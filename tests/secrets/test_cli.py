"""The ``receivers secrets`` commands through Typer's CliRunner; no output may carry a plaintext."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from receivers_cli.cli.secrets import app
from receivers_cli.secrets.envelope import Binding, encrypt
from receivers_cli.secrets.recipients import current_recipient
from tests.secrets.support import CANARY

# The same message format as `validate`: file:line:col: error|warning RULE message.
LOCATED = re.compile(r"^\S+:\d+:\d+: (?:error|warning) S\d{3} .+", re.MULTILINE)


class Session:
    """Runs commands in a config repo (the cwd), keeping every output for the canary scan."""

    def __init__(self) -> None:
        self.runner = CliRunner()
        self.outputs: list[str] = []

    def run(self, *args: str, input: str | None = None, code: int = 0) -> Result:
        result = self.runner.invoke(app, list(args), input=input)
        self.outputs += [result.stdout, result.stderr]
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == code, (result.stdout, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr
        return result


@pytest.fixture
def repo(tenant_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tenant_dir.parent)
    monkeypatch.delenv("RECEIVERS_KEY", raising=False)
    monkeypatch.delenv("RECEIVERS_KEY_FILE", raising=False)
    return tenant_dir.parent


def test_keygen_writes_0600_records_recipient_and_refuses_overwrite(repo: Path) -> None:
    s = Session()
    s.run("keygen", "--private-key", "ci.key")
    assert stat.S_IMODE((repo / "ci.key").stat().st_mode) == 0o600
    recipient = current_recipient(repo / "receivers.yaml")
    assert recipient.id in (repo / "ci.key").read_text()
    before = (repo / "ci.key").read_bytes()
    failed = s.run("keygen", "--private-key", "ci.key", code=1)
    assert "ci.key: error S201 key file already exists" in failed.stderr
    assert (repo / "ci.key").read_bytes() == before
    assert len((repo / "receivers.yaml").read_text().split("- id:")) == 2  # no second recipient


def test_encrypt_without_recipient_says_how_to_get_one(repo: Path) -> None:
    result = Session().run("encrypt", "tenants", code=1)
    assert "S203" in result.stderr and "keygen" in result.stderr


def test_secrets_commands_never_print_plaintext(repo: Path) -> None:
    s = Session()
    s.run("keygen", "--private-key", "old.key")
    status = s.run("status", code=1)  # plaintext secrets are errors
    assert len(LOCATED.findall(status.stdout)) == 7 and "S302" in status.stdout
    s.run("encrypt", "tenants/acme.yaml", "tenants")
    s.run("encrypt", "tenants")
    assert CANARY not in (repo / "tenants" / "acme.yaml").read_text()
    assert "no findings" in s.run("status").stdout
    sealed = s.run(
        "encrypt",
        "--value",
        "--tenant",
        "acme",
        "--receiver",
        "pager",
        "--field",
        "integration_key",
        input="canary-from-stdin\n",
    ).stdout.strip()
    assert sealed.startswith("ENC[v1,aes-256-gcm,")
    s.run(
        "encrypt",
        "--value",
        "--tenant",
        "acme",
        "--receiver",
        "pager",
        "--field",
        "channel",
        "tenants/acme.yaml",
        input="canary-wrong-field",
        code=1,
    )
    s.run("rotate", "--private-key", "old.key", "--new-private-key", "new.key")
    s.run("status", "--max-age-days", "1")
    for output in s.outputs:
        assert CANARY not in output


def test_rotate_reports_a_moved_value_at_its_line(repo: Path) -> None:
    s = Session()
    s.run("keygen", "--private-key", "old.key")
    s.run("encrypt", "tenants")
    recipient = current_recipient(repo / "receivers.yaml")
    beta = repo / "tenants" / "beta.yaml"
    moved = encrypt("canary-moved", recipient.public_key, recipient.id, Binding("acme", "ops", ("api_key",)))
    text = beta.read_text()
    start = text.index("api_key: ") + len("api_key: ")
    beta.write_text(text[:start] + moved + text[text.index("\n", start) :])
    result = s.run("rotate", "--private-key", "old.key", "--new-private-key", "new.key", code=1)
    assert "tenants/beta.yaml:9:16: error S105 value was encrypted for another tenant" in result.stderr
    assert not (repo / "new.key").exists()
    assert all(CANARY not in o for o in s.outputs)


def test_rotate_refuses_a_world_readable_key(repo: Path) -> None:
    s = Session()
    s.run("keygen", "--private-key", "old.key")
    (repo / "old.key").chmod(0o644)
    result = s.run("rotate", "--private-key", "old.key", "--new-private-key", "new.key", code=1)
    assert "old.key: error S202 key file has mode 0644" in result.stderr


def test_status_lists_keys_files_and_stale_values(repo: Path) -> None:
    s = Session()
    s.run("keygen", "--private-key", "k.key")
    s.run("encrypt", "tenants")
    recipient = current_recipient(repo / "receivers.yaml")
    acme = repo / "tenants" / "acme.yaml"
    old = encrypt("x", recipient.public_key, recipient.id, Binding("acme", "chat", ("api_url",)))
    old = old.replace(old.split(",")[3], "20200101")  # an old date (it would no longer decrypt: fine here)
    text = acme.read_text()
    start = text.index("api_url: ") + len("api_url: ")
    acme.write_text(text[:start] + old + text[text.index("\n", start) :])
    out = s.run("status").stdout
    assert recipient.id in out and "tenants/acme.yaml" in out and "tenants/beta.yaml" in out
    stale = r"tenants/acme.yaml:\d+:\d+: warning S303 acme/chat config.api_url was encrypted \d+ days ago"
    assert re.search(stale, out)


def test_rotate_takes_the_current_key_by_render_s_name_too(repo: Path) -> None:
    # render reads the key with --key-file: rotate accepts that name as well.
    s = Session()
    s.run("keygen", "--private-key", "old.key")
    s.run("encrypt", "tenants")
    before = current_recipient(repo / "receivers.yaml").id
    s.run("rotate", "--key-file", "old.key", "--new-private-key", "new.key")
    assert current_recipient(repo / "receivers.yaml").id != before
    assert (repo / "new.key").exists()
    assert all(CANARY not in o for o in s.outputs)
