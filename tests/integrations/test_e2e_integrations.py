"""End to end through the real Alertmanager 0.25: each integration's payload reaches the sink.

Every integration whose endpoint URL 0.25 lets us set is pointed at the in-test sink; the test
asserts the request arrives at that integration's path and carries the tenant's template text.
Not here: pushover (0.25 has no API URL field), datadog (fixed intake host per site), servicenow
(always https://<instance>), email (SMTP), sns (AWS signing), wechat (token exchange first), and
the types that need Alertmanager > 0.25. Webhook-based vendors send Alertmanager's webhook JSON,
which carries the alert (labels, annotations) but no template text on 0.25.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURES
from tests.tools import Sink, amtool_check, post_alerts

FIXTURE = FIXTURES / "e2e_integrations"
TITLE = "[FIRING:1] Acme Shop: DiskFull"

# sink path (prefix) → text the request body must contain
EXPECTED: dict[str, list[str]] = {
    "/webhook": ['"alertname": "DiskFull"', "disk is full"],
    "/slack": [TITLE, "*DiskFull* (critical): disk is full", "Runbook: https://rb.example.com/disk", "SLA 99.9%"],
    "/pagerduty": [TITLE],
    "/opsgenie/v2/alerts": [TITLE, "DiskFull (critical): disk is full", "SLA 99.9%"],
    "/discord": ["Acme Shop says: DiskFull", "**DiskFull** (critical): disk is full"],
    "/telegram/bot123456:ABCDEF/sendMessage": ["<b>DiskFull</b> (critical): disk is full", "Acme Shop"],
    "/victorops/vo-key/acme": [TITLE, "DiskFull (critical): disk is full"],
    "/splunk/sp-key/acme": [TITLE, "SLA 99.9%"],
    "/webex": ["DiskFull (critical): disk is full", "room-1"],
    "/xmatters?apiKey=abc&recipients=ops-team": ["disk is full"],
    "/newrelic": ["disk is full"],
    "/azure?sig=abc": ["disk is full"],
    "/gcp": ["disk is full"],
}


def _text(body: Any) -> str:
    return body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)


@pytest.mark.alertmanager
def test_each_integration_delivers_the_tenant_template_to_its_endpoint(
    sink: Sink, serve_rendered: Callable[[Path], tuple[str, Path]]
) -> None:
    url, config = serve_rendered(FIXTURE)
    assert amtool_check(config).returncode == 0
    post_alerts(url, [{
        "labels": {"alertname": "DiskFull", "tenant": "acme", "severity": "critical"},
        "annotations": {"summary": "disk is full", "runbook_url": "https://rb.example.com/disk"},
    }])  # fmt: skip
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not set(EXPECTED) <= set(sink.paths()):
        time.sleep(0.1)
    missing = set(EXPECTED) - set(sink.paths())
    assert not missing, f"no request at {sorted(missing)}; got {sorted(set(sink.paths()))}"
    for path, needles in EXPECTED.items():
        body = _text(next(b for p, b in sink.events if p == path))
        for needle in needles:
            assert needle in body, (path, needle, body[:600])
