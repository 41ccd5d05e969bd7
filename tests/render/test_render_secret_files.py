"""render --secrets-dir: each secret in its own 0600 file, referenced by the native *_file field."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from receivers_cli.errors import ProblemsError
from receivers_cli.render.secret_files import externalize
from tests.repos import load_yaml, make_repo
from tests.tools import Sink, amtool_check, post_alerts

runner = CliRunner()
SLACK = "https://hooks.slack.com/services/T0/B0/s3cr3t-sl4ck"
PD_KEY = "0123456789abcdef0123456789abcdef"
BEARER = "b34rer-t0ken-value"

PLATFORM = """alertmanager_version: "0.25"
tiers:
  standard: {group_wait: 0s, group_interval: 1s, repeat_interval: 1h}
variables:
  tenants:
    team: [SLACK_URL, BEARER, PD_KEY]
"""

TENANT = """team:
  metadata:
    name: "Team"
    tier: standard
  receivers:
    - name: chat
      channel_type: slack
      config:
        api_url: "${SLACK_URL}"
        channel: "#alerts"
        http_config:
          authorization:
            credentials: "${BEARER}"
    - name: pager
      channel_type: pagerduty
      min_severity: critical
      config:
        routing_key: "${PD_KEY}"
"""


def _repo(tmp_path: Path, tenant: str = TENANT, platform: str = PLATFORM) -> Path:
    return make_repo(tmp_path, {"team": tenant}, platform)


def _render(repo: Path, env: dict[str, str], *extra: str) -> tuple[int, str]:
    result = runner.invoke(
        app,
        ["render", "--tenants", str(repo / "tenants"), "--config", str(repo / "receivers.yaml"),
         "--out", str(repo / "out"), "--secrets-dir", str(repo / "secrets"), *extra],
        env=env,
    )
    return result.exit_code, result.stdout + result.stderr


ENV = {"SLACK_URL": SLACK, "BEARER": BEARER, "PD_KEY": PD_KEY}


def test_secrets_go_to_0600_files_referenced_by_absolute_file_fields(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    code, output = _render(repo, ENV)
    assert code == 0, output
    secrets = repo / "secrets"
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o700
    names = sorted(p.relative_to(secrets).as_posix() for p in secrets.rglob("*")
                   if p.is_file() and not p.name.startswith("."))  # .receivers-output: our marker
    assert names == ["team/chat/api_url", "team/chat/http_config.authorization.credentials",
                     "team/pager/routing_key"]
    for path in secrets.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o600 if path.is_file() else 0o700)
    assert (secrets / "team/chat/api_url").read_text() == SLACK
    config_text = (repo / "out" / "alertmanager.yml").read_text()
    manifest = (repo / "out" / "manifest.json").read_text()
    for value in ENV.values():
        assert value not in config_text and value not in manifest and value not in output
    config: dict[str, Any] = load_yaml(config_text)
    chat = next(r for r in config["receivers"] if r["name"] == "team/chat")["slack_configs"][0]
    assert chat["api_url_file"] == str(secrets / "team/chat/api_url")
    assert Path(chat["api_url_file"]).is_absolute() and "api_url" not in chat
    assert chat["http_config"]["authorization"]["credentials_file"].endswith("credentials")
    assert json.loads(manifest)["secret_files"] == names
    assert amtool_check(repo / "out" / "alertmanager.yml").returncode == 0

    # --check: up to date; a changed secret is reported without its value.
    assert _render(repo, ENV, "--check")[0] == 0
    code, output = _render(repo, {**ENV, "PD_KEY": "ffffffffffffffffffffffffffffffff"}, "--check")
    assert code == 1 and "team/pager/routing_key: secret value changed (not shown)" in output
    assert "ffffffffffffffffffffffffffffffff" not in output and PD_KEY not in output


def test_a_field_without_file_variant_at_the_target_version_fails_with_file_line(tmp_path: Path) -> None:
    tenant = TENANT + """    - name: hook
      channel_type: webhook
      config:
        url: "${SLACK_URL}"
"""
    repo = _repo(tmp_path, tenant)
    code, output = _render(repo, ENV)
    assert code == 1
    assert "team.yaml:19:" in output
    assert "webhook url_file needs Alertmanager >= 0.26; target is 0.25" in output
    assert not (repo / "out").exists() and not (repo / "secrets").exists()
    assert SLACK not in output and "Traceback" not in output
    # at 0.26 it is fine
    repo2 = _repo(tmp_path / "b", tenant, PLATFORM.replace("0.25", "0.26"))
    assert _render(repo2, ENV)[0] == 0


def test_externalize_unit() -> None:
    config: dict[str, Any] = {"receivers": [
        {"name": "t/r", "webhook_configs": [{"url": "https://x", "http_config": {
            "basic_auth": {"username": "u", "password": "pw12"}}}]},
        {"name": "t/s", "sns_configs": [{"sigv4": {"secret_key": "abcd"}}]},
    ]}
    with pytest.raises(ProblemsError) as exc:
        externalize(config, (0, 30), Path("/s"), {})
    assert "no *_file variant" in exc.value.problems[0].message
    del config["receivers"][1]
    files = externalize(config, (0, 30), Path("/s"), {})
    native = config["receivers"][0]["webhook_configs"][0]
    assert native["url_file"] == "/s/t/r/url"
    assert native["http_config"]["basic_auth"] == {
        "username": "u", "password_file": "/s/t/r/http_config.basic_auth.password"}
    assert {k: v.reveal() for k, v in files.items()} == {
        "t/r/url": "https://x", "t/r/http_config.basic_auth.password": "pw12"}
    assert "pw12" not in repr(files)


def test_secrets_dir_inside_out_is_refused(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = runner.invoke(app, ["render", "--tenants", str(repo / "tenants"), "--config", str(repo / "receivers.yaml"),
                                 "--out", str(repo / "out"), "--secrets-dir", str(repo / "out" / "s")], env=ENV)
    assert result.exit_code == 2


@pytest.mark.alertmanager
def test_alertmanager_delivers_with_a_file_value(
    tmp_path: Path, sink: Sink, alertmanager: Callable[[Path], str]
) -> None:
    repo = _repo(tmp_path, TENANT.replace("${BEARER}", "abcd"))
    code, output = _render(repo, {**ENV, "SLACK_URL": f"{sink.url}/from-file"})
    assert code == 0, output
    assert f"{sink.url}/from-file" not in (repo / "out" / "alertmanager.yml").read_text()
    url = alertmanager(repo / "out" / "alertmanager.yml")
    post_alerts(url, [{"labels": {"alertname": "FileSecret", "tenant": "team", "severity": "warning"}}])
    assert sink.wait_for(lambda path, body: path == "/from-file", timeout=15), sink.paths()
