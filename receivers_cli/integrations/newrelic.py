"""New Relic: Alertmanager's webhook to the URL New Relic gives for a Prometheus Alertmanager source.

New Relic's alerting (Incident Intelligence / "Alerts & AI" sources) can take Alertmanager
notifications at a URL it generates for the account; that URL is the whole configuration, and
it carries the credential, so it is a secret. We could not confirm the exact host and path
from New Relic's own documentation, so the catalog does not build the URL: paste it as shown.
"""

from __future__ import annotations

from typing import Any

from receivers_cli.integrations._relay import WEBHOOK_OPTIONS, webhook_config
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Requirement


def translate(config: dict[str, Any]) -> dict[str, Any]:
    return webhook_config(config, str(config["url"]))


INTEGRATION = Integration(
    channel_type="newrelic",
    native="webhook_configs",
    since=(0, 24),
    summary="New Relic incident through the Alertmanager source URL New Relic generates",
    docs_url="https://docs.newrelic.com/docs/alerts-applied-intelligence/",
    fields=(
        Field("url", "url", secret=True, doc="The Prometheus Alertmanager source URL from New Relic."),
        *WEBHOOK_OPTIONS,
    ),
    requirements=(Requirement(("url",), hint="add url: the source URL New Relic shows (encrypted)"),),
    translate=translate,
    example={"url": "https://example.newrelic.com/alertmanager/source-0000"},
)
