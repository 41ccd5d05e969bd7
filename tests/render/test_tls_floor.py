"""Platform ``tls_min_version``: emitted into every receiver (HTTP and SMTP), merged, version-aware."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import render_repo
from tests.repos import load_config, make_repo
from tests.tools import amtool_check

RECEIVERS: list[dict[str, Any]] = [
    {"name": "hook", "channel_type": "webhook",
     "config": {"url": "https://example.com/hook",
                "http_config": {"basic_auth": {"username": "u", "password": "p"},
                                "tls_config": {"min_version": "TLS12", "server_name": "example.com"}}}},
    {"name": "chat", "channel_type": "slack", "config": {"api_url": "https://hooks.slack.com/services/T/B/X"}},
    {"name": "page", "channel_type": "pagerduty", "config": {"routing_key": "0123456789abcdef0123456789abcdef"}},
    {"name": "dd", "channel_type": "datadog", "config": {"api_key": "0123456789abcdef"}},
    {"name": "mail", "channel_type": "email",
     "config": {"to": "a@example.com", "from": "b@example.com", "smarthost": "smtp.example.com:587"}},
]  # fmt: skip


def _render(tmp_path: Path, version: str, floor: str = "TLS13") -> dict[str, Any]:
    make_repo(tmp_path, {"acme": {"metadata": {"name": "Acme"}, "receivers": RECEIVERS}}, {
        "alertmanager_version": version, "tls_min_version": floor, "default_receiver": "ops",
        "receivers": [{"name": "ops", "channel_type": "webhook", "config": {"url": "https://ops.example.com/"}}],
    })  # fmt: skip
    render_repo(tmp_path / "tenants", tmp_path / "receivers.yaml", tmp_path / "out", {}, version=version)
    return load_config(tmp_path / "out")


def _configs(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = {}
    for receiver in config["receivers"]:
        for key, value in receiver.items():
            if key != "name":
                found[receiver["name"]] = value[0]
    return found


def test_every_receiver_gets_the_floor_merged_with_its_own_settings(tmp_path: Path) -> None:
    configs = _configs(_render(tmp_path, "0.25"))
    for name in ("acme/chat", "acme/page", "acme/dd", "_platform/ops"):
        assert configs[name]["http_config"]["tls_config"] == {"min_version": "TLS13"}, name
    hook = configs["acme/hook"]["http_config"]
    assert hook["basic_auth"] == {"username": "u", "password": "p"}
    assert hook["tls_config"] == {"min_version": "TLS13", "server_name": "example.com"}  # raised, kept
    assert configs["acme/mail"]["tls_config"] == {"min_version": "TLS13"}
    assert "http_config" not in configs["acme/mail"]
    result = amtool_check(tmp_path / "out" / "alertmanager.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_tenants_higher_min_version_stays(tmp_path: Path) -> None:
    configs = _configs(_render(tmp_path, "0.25", floor="TLS10"))
    assert configs["acme/hook"]["http_config"]["tls_config"]["min_version"] == "TLS12"
    assert configs["acme/chat"]["http_config"]["tls_config"] == {"min_version": "TLS10"}


def test_nothing_emitted_before_0_25(tmp_path: Path) -> None:
    RECEIVERS[0]["config"]["http_config"]["tls_config"].pop("min_version")
    try:
        configs = _configs(_render(tmp_path, "0.24"))
    finally:
        RECEIVERS[0]["config"]["http_config"]["tls_config"]["min_version"] = "TLS12"
    assert "http_config" not in configs["acme/chat"]
    assert "tls_config" not in configs["acme/mail"]
