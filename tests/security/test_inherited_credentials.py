"""Hostile tenants that leave a credential out so Alertmanager fills in the platform's from
``global`` (or the host's AWS credentials), while sending the request somewhere they chose.

Unit level: every fixture under tests/fixtures/security/inherited/ through the real CLI
(``receivers validate --format json``); each file says which fields must be refused
(``# expect: <path in receivers[0].config>``) or ``# expect: none``. End to end: a platform with
canary credentials in global, the tenant receivers render accepts delivering through the real
Alertmanager 0.25 to a local HTTP sink and a local SMTP server: no canary in any request.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from receivers_cli import integrations
from receivers_cli.integrations.inheritance import inherited_credentials
from receivers_cli.integrations.shared_fields import HTTP_TRANSPORT
from receivers_cli.render.build import shared_http_config
from tests.helpers import ROOT, render_repo
from tests.security.harness import SmtpSink
from tests.tools import Sink, post_alerts

FIXTURES = ROOT / "tests" / "fixtures" / "security" / "inherited"
E2E = ROOT / "tests" / "fixtures" / "security" / "inherited-e2e"


def validate_json(tenants: Path, config: Path) -> tuple[int, list[dict[str, Any]]]:
    done = subprocess.run(
        [sys.executable, "-m", "receivers_cli.cli.app", "validate", str(tenants), "--config", str(config),
         "--format", "json"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)["problems"]


def expected(file: Path) -> set[str]:
    found = {line.removeprefix("# expect: ").strip() for line in file.read_text().splitlines()
             if line.startswith("# expect: ")}
    return set() if found == {"none"} else found


@pytest.mark.parametrize("folder", [FIXTURES, FIXTURES / "app-token"], ids=["globals", "slack-app-token"])
def test_each_stealing_field_is_refused_where_the_tenant_wrote_it(folder: Path) -> None:
    code, problems = validate_json(folder / "tenants", folder / "receivers.yaml")
    files = sorted((folder / "tenants").glob("*.yaml"))
    assert len(files) >= 2
    for file in files:
        mine = [p for p in problems if Path(p["file"]).name == file.name]
        assert all(p["rule"] == "R230" for p in mine), (file.name, mine)
        got = {".".join(str(x) for x in p["path"][4:]) for p in mine}
        assert got == expected(file), (file.name, mine)
        for p in mine:
            assert p["hint"].startswith("set your own ") and " (encrypted), or remove " in p["hint"]
            assert "CANARY" not in p["message"] + p["hint"]  # never a value, only field names
    assert code == 1


def test_without_the_global_credential_nothing_is_inherited(tmp_path: Path) -> None:
    """The same hostile files against a platform with no global credentials: nothing to steal,
    except the host's own AWS credentials, which SNS takes whatever the global section says."""
    (tmp_path / "receivers.yaml").write_text('alertmanager_version: "0.34"\n')
    _, problems = validate_json(FIXTURES / "tenants", tmp_path / "receivers.yaml")
    refused = {Path(p["file"]).stem for p in problems if p["rule"] == "R230"}
    assert refused == {"sns-api-url", "sns-proxy"}


def test_fallbacks_follow_the_target_version() -> None:
    """A global that the target version does not copy into receivers is no inheritance."""
    native = {"chat_id": 1, "api_url": "https://collector.evil.example"}
    telegram = integrations.get("telegram")
    assert telegram is not None
    token = {"telegram_bot_token": "x"}
    assert inherited_credentials(telegram, native, (0, 30), token) == []
    assert [i.path for i, _ in inherited_credentials(telegram, native, (0, 31), token)] == [("bot_token",)]
    slack = integrations.get("slack")
    assert slack is not None
    app = {"slack_app_token": "x"}
    assert inherited_credentials(slack, {"app_url": "https://e.example"}, (0, 29), app) == []
    # the receiver's own http_config.authorization stops the app token fallback (0.30+)
    own_auth = {"http_config": {"authorization": {"credentials": "own"}}}
    assert inherited_credentials(slack, own_auth, (0, 34), app) == []


def test_every_integration_with_http_config_treats_the_proxy_as_a_redirect() -> None:
    for integration in integrations.catalog().values():
        owner = integrations.native(integration.native)
        assert owner is not None, integration.channel_type
        if owner.http_config:
            assert set(HTTP_TRANSPORT) <= set(owner.all_transport()), integration.channel_type


def test_shared_http_config_keeps_the_network_and_drops_every_credential() -> None:
    shared = shared_http_config({
        "authorization": {"credentials": "x"}, "basic_auth": {"username": "u", "password": "p"},
        "oauth2": {"client_id": "c"}, "bearer_token": "b", "bearer_token_file": "/f",
        "http_headers": {"X-Key": {"secrets": ["s"]}},
        "proxy_url": "http://proxy:3128", "no_proxy": "localhost",
        "tls_config": {"ca_file": "/ca.pem", "cert_file": "/c.pem", "key_file": "/k.pem", "min_version": "TLS12"},
    })
    assert shared == {"proxy_url": "http://proxy:3128", "no_proxy": "localhost",
                      "tls_config": {"ca_file": "/ca.pem", "min_version": "TLS12"}}
    assert shared_http_config({"authorization": {"credentials": "x"}}) == {"follow_redirects": True}


def test_render_gives_tenant_receivers_an_explicit_http_config(tmp_path: Path) -> None:
    repo = _materialize(tmp_path, "http://127.0.0.1:9", "127.0.0.1:25")
    rendered = render_repo(repo / "tenants", repo / "receivers.yaml", tmp_path / "out", {})
    text = rendered.files["alertmanager.yml"]
    config = _yaml(text)
    by_name = {r["name"]: r for r in config["receivers"]}
    for name, receiver in by_name.items():
        for key, configs in receiver.items():
            if key in ("name", "email_configs"):
                continue
            for native in configs:
                if name.startswith("thief/"):
                    assert "http_config" in native, name
                    assert "CANARY" not in json.dumps(native["http_config"]), name
                else:  # platform receivers are trusted and keep inheriting global.http_config
                    assert "http_config" not in native, name
    own = by_name["thief/hook-own-auth"]["webhook_configs"][0]["http_config"]
    assert own == {"basic_auth": {"username": "thief", "password": "OWN-HOOK-PASSWORD"}}


@pytest.mark.parametrize("name", sorted(p.stem for p in (E2E / "hostile").glob("*.yaml")))
def test_render_refuses_each_stealing_tenant(tmp_path: Path, name: str) -> None:
    repo = _materialize(tmp_path, "http://127.0.0.1:9", "127.0.0.1:25", hostile=name)
    done = subprocess.run(
        [sys.executable, "-m", "receivers_cli.cli.app", "render", "--tenants", str(repo / "tenants"),
         "--config", str(repo / "receivers.yaml"), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "R230" in done.stdout + done.stderr
    assert not (tmp_path / "out").exists()
    assert "CANARY" not in done.stdout + done.stderr


def test_no_canary_reaches_any_destination_through_real_alertmanager(
    tmp_path: Path, sink: Sink, alertmanager: Callable[[Path], str], smtp: SmtpSink
) -> None:
    repo = _materialize(tmp_path, sink.url, f"127.0.0.1:{smtp.port}")
    render_repo(repo / "tenants", repo / "receivers.yaml", tmp_path / "out", {})
    url = alertmanager(tmp_path / "out" / "alertmanager.yml")
    post_alerts(url, [{"labels": {"alertname": "Steal", "tenant": "thief", "severity": "critical"}}])
    wanted = ("/platform-ops", "/hook", "/hook-own-auth", "/opsgenie/", "/victorops/", "/slack-own")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        paths = {p for p, _, _ in list(sink.requests)}
        if all(any(p.startswith(w) for p in paths) for w in wanted) and smtp.done.is_set():
            break
        time.sleep(0.1)
    requests = list(sink.requests)
    paths = {p for p, _, _ in requests}
    assert all(any(p.startswith(w) for p in paths) for w in wanted), paths
    assert smtp.done.is_set(), smtp.transcript()
    for path, headers, body in requests:
        seen = path + json.dumps(headers) + body.decode("utf-8", "replace")
        if path.startswith("/platform-ops"):
            # Positive control: the sink sees headers, and the trusted receiver still inherits.
            assert headers.get("Authorization") == "Bearer CANARY-HTTP-AUTH"
            continue
        assert "CANARY" not in seen, (path, headers)
    by_path = {p: h for p, h, _ in requests}
    assert next(h for p, h in by_path.items() if p.startswith("/opsgenie/"))["Authorization"] == "GenieKey OWN-OPSGENIE"
    transcript = smtp.transcript()
    assert "CANARY" not in transcript
    assert "AUTH" in transcript  # it did authenticate, with the tenant's own account


# --- helpers ---------------------------------------------------------------------------------


def _materialize(tmp_path: Path, sink_url: str, smtp_hostport: str, hostile: str | None = None) -> Path:
    """Copy the e2e fixture with the sink's address filled in (the fixtures use no ${VAR})."""
    repo = tmp_path / "repo"
    (repo / "tenants").mkdir(parents=True)

    def fill(text: str) -> str:
        return text.replace("SINK_URL", sink_url).replace("SMTP_HOSTPORT", smtp_hostport)

    (repo / "receivers.yaml").write_text(fill((E2E / "receivers.yaml").read_text()))
    source = E2E / "hostile" / f"{hostile}.yaml" if hostile else E2E / "tenants" / "thief.yaml"
    (repo / "tenants" / source.name).write_text(fill(source.read_text()))
    return repo


def _yaml(text: str) -> dict[str, Any]:
    from ruamel.yaml import YAML

    data: dict[str, Any] = YAML(typ="safe").load(text)
    return data


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    server = SmtpSink()
    yield server
    server.close()
