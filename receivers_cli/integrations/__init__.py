"""The integration catalog: one module per ``channel_type``, each exporting ``INTEGRATION``.

Adding an integration means adding one module here and its name to ``MODULES``.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from receivers_cli.integrations.integration import Integration

MODULES: tuple[str, ...] = (
    "email",
    "pagerduty",
    "slack",
    "webhook",
    "opsgenie",
    "victorops",
    "pushover",
    "wechat",
    "sns",
    "telegram",
    "discord",
    "webex",
    "msteams",
    "msteamsv2",
    "jira",
    "rocketchat",
    "incidentio",
    "mattermost",
    # Vendors without a native receiver: translated onto webhook or victorops configs.
    "xmatters",
    "servicenow",
    "zendesk",
    "datadog",
    "newrelic",
    "splunk",
    "azure",
    "gcp",
)


@cache
def catalog() -> dict[str, Integration]:
    """Every known integration, by ``channel_type``, in a stable (sorted) order."""
    found: dict[str, Integration] = {}
    for name in MODULES:
        integration: Integration = import_module(f"receivers_cli.integrations.{name}").INTEGRATION
        found[integration.channel_type] = integration
    return dict(sorted(found.items()))


def get(channel_type: str | None) -> Integration | None:
    """The integration of ``channel_type``; None for an unknown one and for a null receiver (None)."""
    return catalog().get(channel_type) if channel_type is not None else None


def native(key: str) -> Integration | None:
    """The integration that owns the native ``*_configs`` key (``victorops_configs`` → victorops):
    the one whose declarations (fallbacks from ``global``, field specs) describe that native config,
    also for vendor integrations translated onto it."""
    return catalog().get(key.removesuffix("_configs"))
