"""xMatters: Alertmanager's webhook to the trigger URL of an xMatters Prometheus workflow.

xMatters' Prometheus workflow template (and the Flow Designer "Prometheus Alertmanager Alerts"
trigger) parses Alertmanager's own JSON. Its trigger URL authenticates by itself when "URL
authentication" is chosen (the key is in the URL); with basic authentication use
``http_config.basic_auth``. The ``recipients`` query parameter picks who is notified.
"""

from __future__ import annotations

from typing import Any

from receivers_cli.integrations._relay import WEBHOOK_OPTIONS, webhook_config, with_query
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Requirement


def translate(config: dict[str, Any]) -> dict[str, Any]:
    url = str(config["url"])
    if "recipients" in config:
        url = with_query(url, recipients=str(config["recipients"]))
    return webhook_config(config, url)


INTEGRATION = Integration(
    channel_type="xmatters",
    pages=True,
    native="webhook_configs",
    since=(0, 24),
    summary="xMatters alert through the trigger URL of an xMatters Prometheus workflow",
    docs_url="https://help.xmatters.com/integrations/monitoring/prometheus.htm",
    fields=(
        Field("url", "url", secret=True, doc="The workflow's trigger URL, as xMatters shows it."),
        Field("recipients", doc="Users or groups to notify (sets the recipients query parameter)."),
        *WEBHOOK_OPTIONS,
    ),
    requirements=(Requirement(("url",), hint="add url: the xMatters trigger URL (encrypted)"),),
    translate=translate,
    example={
        "url": "https://example.xmatters.com/api/integration/1/functions/0000-1111/triggers?apiKey=abc",
        "recipients": "ops-team",
    },
)
