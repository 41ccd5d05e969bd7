"""End to end through the real Alertmanager: each notification reaches exactly its tenant's receivers."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import FIXTURES
from tests.tools import Sink, amtool_check, post_alerts

FIXTURE = FIXTURES / "e2e"

# (tenant, severity, extra labels) → the sink paths that must receive it, and no other.
CASES: list[tuple[str, str, dict[str, str], set[str]]] = [
    ("acme", "critical", {}, {"/acme/everything", "/acme/oncall", "/acme/pager", "/acme/chat"}),
    ("acme", "error", {}, {"/acme/everything", "/acme/oncall", "/acme/chat"}),
    ("acme", "warning", {}, {"/acme/everything", "/acme/oncall"}),
    ("acme", "info", {}, {"/acme/everything"}),
    ("globex", "critical", {}, {"/globex/oncall"}),
    ("globex", "warning", {"component": "database"}, {"/globex/db"}),
    ("globex", "info", {}, set()),  # the tenant's own null receiver: nobody is notified
    ("initech", "critical", {}, {"/_platform/unrouted"}),  # unknown tenant → the platform default
]


@pytest.mark.alertmanager
def test_each_alert_reaches_exactly_its_tenants_receivers(
    sink: Sink, serve_rendered: Callable[[Path], tuple[str, Path]]
) -> None:
    url, config = serve_rendered(FIXTURE)
    assert amtool_check(config).returncode == 0

    alerts = [
        {"labels": {"alertname": f"Case{i}", "tenant": tenant, "severity": severity, **extra},
         "annotations": {"summary": f"case {i}"}}
        for i, (tenant, severity, extra, _) in enumerate(CASES)
    ]
    post_alerts(url, alerts)
    expected = {(path, f"Case{i}") for i, (_, _, _, paths) in enumerate(CASES) for path in paths}
    assert sink.wait_for(lambda p, b: False, timeout=0) is False
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not expected <= _received(sink):
        time.sleep(0.1)
    time.sleep(1.5)  # let any stray (wrong) notification arrive too
    received = _received(sink)
    assert received == expected
    assert not any(p.startswith("/acme/off") for p in sink.paths()), "a disabled receiver was notified"


@pytest.mark.alertmanager
def test_slack_message_carries_the_tenant_template(
    sink: Sink, serve_rendered: Callable[[Path], tuple[str, Path]]
) -> None:
    url, _ = serve_rendered(FIXTURE)
    post_alerts(url, [{"labels": {"alertname": "DiskFull", "tenant": "acme", "severity": "critical"},
                       "annotations": {"summary": "disk is full", "runbook_url": "https://rb.example.com/disk"}}])
    assert sink.wait_for(lambda p, b: p == "/acme/chat")
    body = next(b for p, b in sink.events if p == "/acme/chat")
    attachment = body["attachments"][0]
    assert attachment["title"] == "[FIRING:1] Acme Shop: DiskFull"
    assert "disk is full" in attachment["text"]
    assert "Runbook: https://rb.example.com/disk" in attachment["text"]
    assert "SLA 99.9%" in attachment["text"]


@pytest.mark.alertmanager
def test_tenant_inhibit_rule_cannot_mute_another_tenant(
    sink: Sink, serve_rendered: Callable[[Path], tuple[str, Path]]
) -> None:
    url, _ = serve_rendered(FIXTURE)
    # globex's rule: critical mutes warning with the same alertname -- only within globex.
    # The source alert goes first and is delivered before the targets arrive, so that the
    # inhibition is in force when they are grouped (posting all at once would be a race).
    post_alerts(url, [{"labels": {"alertname": "Shared", "tenant": "globex", "severity": "critical"}}])
    assert sink.wait_for(lambda p, b: p == "/globex/oncall")
    post_alerts(url, [
        {"labels": {"alertname": "Shared", "tenant": "acme", "severity": "warning"}},
        {"labels": {"alertname": "Shared", "tenant": "globex", "severity": "warning", "component": "database"}},
    ])
    assert sink.wait_for(lambda p, b: p == "/acme/oncall")
    time.sleep(1.5)
    assert "/globex/db" not in sink.paths(), "globex's own warning should be inhibited by its critical"


def _received(sink: Sink) -> set[tuple[str, str]]:
    found = set()
    for path, body in list(sink.events):
        if isinstance(body, dict):
            for alert in body.get("alerts", []):
                found.add((path, alert["labels"]["alertname"]))
            if "attachments" in body:  # slack payload: the alertname is in the title
                for i in range(20):
                    if f": Case{i}" in body["attachments"][0].get("title", "") + " ":
                        found.add((path, f"Case{i}"))
    return found
