"""render with ENC[...] values: decrypted with the given key, bound to tenant/receiver/field, never leaked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from tests.helpers import ROOT

runner = CliRunner()
CANARY = "https://hooks.slack.com/services/CANARY/SECRET/c4n4ry-v4lue"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "tenants", tmp_path / "tenants")
    shutil.copy(ROOT / "receivers.yaml", tmp_path / "receivers.yaml")
    checkout = tmp_path / "tenants" / "checkout.yaml"
    checkout.write_text(checkout.read_text().replace('"${CHECKOUT_SLACK_WEBHOOK}"', f'"{CANARY}"'))
    config = str(tmp_path / "receivers.yaml")
    assert runner.invoke(app, ["secrets", "keygen", "--private-key", str(tmp_path / "ci.key"),
                               "--config", config]).exit_code == 0
    done = runner.invoke(app, ["secrets", "encrypt", str(checkout), "--config", config])
    assert done.exit_code == 0, done.output
    assert CANARY not in checkout.read_text()
    return tmp_path


def _render(repo: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["render", "--tenants", str(repo / "tenants"), "--config", str(repo / "receivers.yaml"),
                                 "--env-file", str(ROOT / "tenants" / "demo.env"), "--out", str(repo / "out"),
                                 *extra])
    return result.exit_code, result.stdout + result.stderr


def test_render_decrypts_with_the_key_and_records_its_id(repo: Path) -> None:
    code, output = _render(repo, "--key-file", str(repo / "ci.key"))
    assert code == 0, output
    assert CANARY in (repo / "out" / "alertmanager.yml").read_text()
    manifest = (repo / "out" / "manifest.json").read_text()
    assert CANARY not in manifest and '"key_ids": [\n        "' in manifest
    assert CANARY not in output


def test_render_without_a_key_names_file_and_line_and_writes_nothing(repo: Path) -> None:
    code, output = _render(repo)
    assert code == 1
    assert "checkout.yaml:16:" in output and "S107" in output
    assert not (repo / "out").exists()
    assert CANARY not in output and "Traceback" not in output


def test_value_moved_to_another_tenant_fails_to_decrypt(repo: Path) -> None:
    checkout = (repo / "tenants" / "checkout.yaml").read_text()
    envelope = next(line.split('"')[1] for line in checkout.splitlines() if "ENC[" in line)
    payments = repo / "tenants" / "payments.yaml"
    payments.write_text(payments.read_text().replace('"${PAYMENTS_DISCORD_WEBHOOK}"', f'"{envelope}"'))
    code, output = _render(repo, "--key-file", str(repo / "ci.key"))
    assert code == 1
    assert "payments.yaml:" in output and "another tenant" in output
    assert CANARY not in output


def test_check_diff_never_shows_the_secret(repo: Path) -> None:
    assert _render(repo, "--key-file", str(repo / "ci.key"))[0] == 0
    (repo / "out" / "alertmanager.yml").write_text(
        (repo / "out" / "alertmanager.yml").read_text().replace("#checkout-alerts", "#changed")
    )
    code, output = _render(repo, "--key-file", str(repo / "ci.key"), "--check")
    assert code == 1 and "#changed" in output
    assert CANARY not in output
