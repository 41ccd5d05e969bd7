"""End to end through each real Alertmanager server at hand (0.25, 0.28, 0.33): two tenants, every
integration that can point at a local URL, each tenant's own template text at its own sink only.

Two tenants (alpha, bravo) get one receiver per integration the server's release has, each pointed
at ``<sink>/<tenant>/<type>`` and each with the tenant's own template text for every part the
integration takes (``ALPHA-<type>-<part>``). One alert per tenant is posted; the test asserts that
every receiver's request arrives, carries its tenant's marker (template text, or for webhook and
incidentio, which send Alertmanager's JSON, the tenant's alert annotation), and that nothing of the
other tenant's ever arrives at it. Not here: pushover and datadog/servicenow (no settable API host),
email (SMTP), sns (AWS signing), wechat (token exchange first).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from receivers_cli.alertmanager.versions import Version
from receivers_cli.integrations import catalog
from receivers_cli.render.templates import template_kinds
from tests.helpers import render_repo
from tests.judges import judge_exactly
from tests.security.harness import RecordingSink, post, start_server, stop

TENANTS = ("alpha", "bravo")
SERVERS = [(0, 25), (0, 28), (0, 33)]
# Debian's 0.28.1 build patches jira out (upstream 0.28 has it; docs/integrations.md).
DEBIAN_LACKS = {(0, 28): {"jira"}}

# channel type → its config with the sink's base URL for this receiver ({u}); one per integration.
CONFIGS: dict[str, dict[str, Any]] = {
    "webhook": {"url": "{u}"},
    "slack": {"api_url": "{u}", "channel": "#alerts"},
    "discord": {"webhook_url": "{u}"},
    "telegram": {"bot_token": "123456:ABCDEF", "chat_id": -100123, "api_url": "{u}"},
    "pagerduty": {"routing_key": "0123456789abcdef0123456789abcdef", "url": "{u}"},
    "opsgenie": {"api_key": "00000000-0000-0000-0000-000000000000", "api_url": "{u}/"},
    "victorops": {"api_key": "vo-key", "routing_key": "team", "api_url": "{u}/"},
    "webex": {"room_id": "room-1", "api_url": "{u}", "http_config": {"authorization": {"credentials": "bot"}}},
    "msteams": {"webhook_url": "{u}"},
    "msteamsv2": {"webhook_url": "{u}"},
    "jira": {"api_url": "{u}/rest/api/2/", "project": "OPS", "issue_type": "Bug"},
    "rocketchat": {"api_url": "{u}", "token": "rc-token", "token_id": "rc-user", "channel": "#alerts"},
    "incidentio": {"url": "{u}", "alert_source_token": "inc-token"},
    "mattermost": {"webhook_url": "{u}"},
}


def marker(tenant: str) -> str:
    return tenant.upper() + "-"


def receiver_of(request_line: str) -> str:
    """``/<tenant>/<type>`` of a request to the sink (the rest is the integration's own path)."""
    return "/".join(request_line.split()[1].split("?")[0].split("/")[:3])


def channels(version: Version) -> list[str]:
    return [c for c in CONFIGS if catalog()[c].since <= version and c not in DEBIAN_LACKS.get(version, set())]


def write_repo(root: Path, version: Version) -> None:
    (root / "tenants").mkdir(parents=True)
    (root / "receivers.yaml").write_text(json.dumps({
        "alertmanager_version": f"{version[0]}.{version[1]}",
        "tiers": {t: {"group_wait": "0s", "group_interval": "1s", "repeat_interval": "1h"}
                  for t in ("premium", "standard", "basic")},
        "variables": {"shared": ["SINK"]},
    }), "utf-8")
    for tenant in TENANTS:
        receivers, templates = [], {}
        for channel in channels(version):
            url = "${SINK}/" + f"{tenant}/{channel}"
            config = json.loads(json.dumps(CONFIGS[channel]).replace("{u}", url))
            receivers.append({"name": channel, "channel_type": channel, "config": config})
            kinds = template_kinds(channel, version)
            if kinds:
                templates[channel] = {k: f"{marker(tenant)}{channel}-{k} {{{{ .Status }}}}" for k in sorted(kinds)}
        body = {"metadata": {"name": f"{tenant} team", "tier": "premium"}, "receivers": receivers,
                "routing": {"group_wait": "0s", "group_interval": "1s"}, "templates": templates}
        (root / "tenants" / f"{tenant}.yaml").write_text(json.dumps({tenant: body}), "utf-8")


@pytest.mark.alertmanager
@pytest.mark.parametrize("version", SERVERS, ids=lambda v: f"{v[0]}.{v[1]}")
def test_each_tenant_text_arrives_at_its_own_sinks_only(version: Version, tmp_path: Path) -> None:
    judge = judge_exactly(version, server=True)
    sink = RecordingSink()
    try:
        write_repo(tmp_path / "repo", version)
        out = tmp_path / "out"
        render_repo(tmp_path / "repo" / "tenants", tmp_path / "repo" / "receivers.yaml", out, {"SINK": sink.url})
        server = start_server(judge, out / "alertmanager.yml", tmp_path)
        try:
            post(server.url, [{"labels": {"alertname": "DiskFull", "tenant": t, "severity": "critical"},
                               "annotations": {"summary": f"{marker(t)}alert"}} for t in TENANTS])
            wanted = {f"/{t}/{c}" for t in TENANTS for c in channels(version)}
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if wanted <= {receiver_of(r.line) for r in list(sink.requests)}:
                    break
                time.sleep(0.2)
            time.sleep(1)  # anything else a receiver would send arrives too
        finally:
            stop(server)
        by_receiver: dict[str, list[str]] = {}
        for request in list(sink.requests):
            key = receiver_of(request.line)
            by_receiver.setdefault(key, []).append(request.text())
        missing = sorted(wanted - set(by_receiver))
        assert not missing, f"no request at {missing}; log: {server.log.read_text(errors='replace')[-3000:]}"
        for key, texts in by_receiver.items():
            tenant, channel = key.split("/")[1:3]
            other = next(t for t in TENANTS if t != tenant)
            everything = "\n".join(texts)
            assert marker(other) not in everything, f"{other}'s text reached {key}: {everything[:800]}"
            own = (f"{marker(tenant)}{channel}-" if template_kinds(channel, version) else f"{marker(tenant)}alert")
            assert own in everything, f"{key} lacks {own!r}: {everything[:800]}"
    finally:
        sink.close()
