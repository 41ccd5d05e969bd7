"""The integration catalog: examples, per-field Alertmanager versions, and the real amtool.

The version table below is transcribed from ../shared/reference/alertmanager.md (§1, §4, §8, §14),
the source of truth for which Alertmanager release added each field; the catalog must agree with it.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from receivers_cli.alertmanager.versions import NEWEST, OLDEST, Version, format_version
from receivers_cli.integrations import MODULES, catalog
from receivers_cli.integrations.check import check_config
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.shared_fields import HTTP_CONFIG
from receivers_cli.integrations.vocabulary import Field

CHANNEL_TYPES = {
    # Alertmanager 0.25's twelve receivers
    "email", "pagerduty", "slack", "webhook", "opsgenie", "victorops",
    "pushover", "wechat", "sns", "telegram", "discord", "webex",
    # receivers added after 0.25
    "msteams", "msteamsv2", "jira", "rocketchat", "incidentio", "mattermost",
    # vendors without a native receiver
    "xmatters", "servicenow", "zendesk", "datadog", "newrelic", "splunk", "azure", "gcp",
}  # fmt: skip

# alertmanager.md §1/§14: the version that added each receiver type.
INTEGRATION_SINCE: dict[str, Version] = {
    "discord": (0, 25),
    "webex": (0, 25),
    "msteams": (0, 26),
    "msteamsv2": (0, 28),
    "jira": (0, 28),
    "rocketchat": (0, 28),
    "incidentio": (0, 29),
    "mattermost": (0, 30),
    "zendesk": (0, 32),  # needs the webhook payload (0.32)
}

_MATTERMOST_032 = (
    "fallback", "color", "pretext", "author_name", "author_link", "author_icon", "title",
    "title_link", "fields", "thumb_url", "footer", "footer_icon", "image_url",
)  # fmt: skip

# (channel_type, field path, Alertmanager version that added the field), from alertmanager.md.
FIELD_SINCE: list[tuple[str, tuple[str, ...], Version]] = [
    ("pagerduty", ("source",), (0, 25)),
    ("pagerduty", ("timeout",), (0, 30)),
    ("slack", ("app_token",), (0, 30)),
    ("slack", ("app_url",), (0, 30)),
    ("slack", ("timeout",), (0, 30)),
    ("slack", ("message_text",), (0, 31)),
    ("slack", ("update_message",), (0, 32)),
    ("email", ("threading",), (0, 30)),
    ("email", ("force_implicit_tls",), (0, 31)),
    ("email", ("tls_config", "ca"), (0, 26)),
    ("email", ("tls_config", "min_version"), (0, 25)),
    ("email", ("tls_config", "max_version"), (0, 25)),
    ("email", ("tls_config", "cert"), (0, 26)),
    ("email", ("tls_config", "key"), (0, 26)),
    ("webhook", ("timeout",), (0, 28)),
    ("webhook", ("payload",), (0, 32)),
    ("pushover", ("device",), (0, 26)),
    ("pushover", ("ttl",), (0, 27)),
    ("pushover", ("monospace",), (0, 29)),
    ("sns", ("use_aws_http_client",), (0, 33)),
    ("sns", ("sigv4", "external_id"), (0, 34)),
    ("telegram", ("message_thread_id",), (0, 28)),
    ("discord", ("content",), (0, 28)),
    ("discord", ("username",), (0, 28)),
    ("discord", ("avatar_url",), (0, 28)),
    ("msteams", ("summary",), (0, 27)),
    ("jira", ("api_type",), (0, 29)),
    *[("mattermost", (name,), (0, 32)) for name in _MATTERMOST_032],
    # http_config (§8): prometheus/common versions bundled with each release
    ("webhook", ("http_config", "no_proxy"), (0, 26)),
    ("sns", ("sigv4", "use_fips_sts_endpoint"), (0, 28)),
    ("sns", ("sigv4", "service_name"), (0, 33)),
    ("webhook", ("http_config", "enable_http2"), (0, 25)),
    ("webhook", ("http_config", "oauth2", "proxy_connect_header"), (0, 26)),
    ("webhook", ("http_config", "oauth2", "proxy_url"), (0, 25)),
    ("webhook", ("http_config", "oauth2", "grant_type"), (0, 33)),
    ("webhook", ("http_config", "oauth2", "client_certificate_key_id"), (0, 33)),
    ("webhook", ("http_config", "oauth2", "client_certificate_key"), (0, 33)),
    ("webhook", ("http_config", "oauth2", "signature_algorithm"), (0, 33)),
    ("webhook", ("http_config", "oauth2", "iss"), (0, 33)),
    ("webhook", ("http_config", "oauth2", "audience"), (0, 33)),
    ("webhook", ("http_config", "oauth2", "claims"), (0, 33)),
    ("webhook", ("http_config", "proxy_from_environment"), (0, 26)),
    ("opsgenie", ("http_config", "tls_config", "cert"), (0, 26)),
    ("slack", ("http_config", "tls_config", "key"), (0, 26)),
    ("pagerduty", ("http_config", "tls_config", "ca"), (0, 26)),
    ("wechat", ("http_config", "oauth2", "tls_config", "ca"), (0, 26)),
    ("telegram", ("http_config", "http_headers"), (0, 28)),
    ("webhook", ("http_config", "tls_config", "min_version"), (0, 25)),
    ("slack", ("http_config", "tls_config", "max_version"), (0, 25)),
    # vendors emitting webhook_configs inherit the webhook timeout (0.28)
    *[(vendor, ("timeout",), (0, 28)) for vendor in ("xmatters", "servicenow", "datadog", "newrelic")],
    *[(vendor, ("timeout",), (0, 28)) for vendor in ("azure", "gcp")],
]


def _below(version: Version) -> Version:
    return (version[0], version[1] - 1)


def _sample(spec: Field) -> Any:
    """A valid value for a field, by kind."""
    if spec.choices:
        return spec.choices[0]
    return {
        "bool": True,
        "int": 1,
        "float": 1.5,
        "duration": "5m",
        "go_duration": "10s",
        "url": "https://example.com/x",
        "list": [],
        "map": {},
        "object": {},
        "any": {"k": "v"},
    }.get(spec.kind, "x")


def _spec(integration: Integration, path: tuple[str, ...]) -> Field:
    spec = integration.field(path[0])
    for name in path[1:]:
        assert spec is not None
        spec = spec.sub(name)
    assert spec is not None, f"{integration.channel_type} has no field {'.'.join(path)}"
    return spec


def _with_field(integration: Integration, path: tuple[str, ...]) -> dict[str, Any]:
    """The integration's example with the field at ``path`` set to a sample value."""
    config = copy.deepcopy(dict(integration.example))
    node = config
    for name in path[:-1]:
        node = node.setdefault(name, {})
    node[path[-1]] = _sample(_spec(integration, path))
    return config


def _late_fields(fields: tuple[Field, ...], since: Version, prefix: tuple[str, ...] = ()) -> set[Any]:
    found: set[Any] = set()
    for spec in fields:
        if spec.since > since:
            found.add(((*prefix, spec.name), spec.since))
        found |= _late_fields(spec.fields, max(since, spec.since), (*prefix, spec.name))
    return found


def test_catalog_has_every_channel_type() -> None:
    assert len(MODULES) == len(CHANNEL_TYPES) == 26
    assert set(catalog()) == CHANNEL_TYPES


@pytest.mark.parametrize("channel_type", sorted(CHANNEL_TYPES))
def test_integration_since_matches_reference(channel_type: str) -> None:
    assert catalog()[channel_type].since == INTEGRATION_SINCE.get(channel_type, OLDEST)


@pytest.mark.parametrize("channel_type", sorted(CHANNEL_TYPES))
def test_example_passes_at_its_min_version_and_newest(channel_type: str) -> None:
    integration = catalog()[channel_type]
    for version in (integration.since, NEWEST):
        assert check_config(integration, integration.example, version) == []


@pytest.mark.parametrize("channel_type", sorted(c for c, v in INTEGRATION_SINCE.items()))
def test_integration_refused_one_version_below(channel_type: str) -> None:
    integration = catalog()[channel_type]
    below = _below(integration.since)
    [issue] = check_config(integration, integration.example, below)
    assert issue.rule == "R201"
    assert f"needs Alertmanager >= {format_version(integration.since)}" in issue.message


@pytest.mark.parametrize(
    ("channel_type", "path", "since"),
    FIELD_SINCE,
    ids=[f"{c}.{'.'.join(p)}" for c, p, _ in FIELD_SINCE],
)
def test_field_refused_below_its_version_and_accepted_at_it(
    channel_type: str, path: tuple[str, ...], since: Version
) -> None:
    integration = catalog()[channel_type]
    assert _spec(integration, path).since == since
    config = _with_field(integration, path)
    below = _below(since)
    issues = check_config(integration, config, below)
    expected = f"needs Alertmanager >= {format_version(since)}; target is {format_version(below)}"
    assert [(i.rule, i.path) for i in issues] == [("R201", path)]
    assert expected in issues[0].message
    # Accepted at its version; Alertmanager's cross-field rules (R208) may still want a companion.
    assert [i for i in check_config(integration, config, since) if i.rule != "R208"] == []


def test_table_covers_every_field_added_after_its_integration() -> None:
    """Every catalog field newer than its integration is pinned by a FIELD_SINCE row."""
    table = {(c, p, s) for c, p, s in FIELD_SINCE}
    for integration in catalog().values():
        for path, since in _late_fields(integration.fields, integration.since):
            assert (integration.channel_type, path, since) in table, (integration.channel_type, path)
    # http_config is shared: each of its newer fields (by name) is pinned for one integration.
    http_late = {path[-1] for path, _ in _late_fields(HTTP_CONFIG.fields, OLDEST)}
    http_covered = {p[-1] for _, p, _ in FIELD_SINCE if p[0] == "http_config"}
    missing = {name for name in http_late if not name.endswith("_file")} - http_covered
    assert not missing


def _amtool_or_skip() -> str:
    amtool = shutil.which("amtool")
    if amtool is None:
        if os.environ.get("CI") == "true":
            pytest.fail("amtool is required in CI (apt-get install prometheus-alertmanager)")
        pytest.skip("amtool not installed (apt-get install prometheus-alertmanager)")
    return amtool


@pytest.mark.amtool
@pytest.mark.parametrize("channel_type", sorted(c for c in CHANNEL_TYPES if catalog()[c].since <= (0, 25)))
def test_example_renders_a_config_amtool_accepts(channel_type: str, tmp_path: Path) -> None:
    amtool = _amtool_or_skip()
    integration = catalog()[channel_type]
    native = integration.to_native(integration.example)
    config = {
        "route": {"receiver": "r"},
        "receivers": [{"name": "r", integration.native: [native]}],
    }
    path = tmp_path / "alertmanager.yml"
    path.write_text(json.dumps(config, indent=2))  # JSON is valid YAML
    result = subprocess.run([amtool, "check-config", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout
