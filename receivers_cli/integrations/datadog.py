"""Datadog: Alertmanager's webhook to Datadog's Prometheus Alertmanager intake (events, On-Call).

Datadog documents a webhook endpoint that takes Alertmanager's own JSON (integration
``prometheus``, "V2 (preferred)"): ``https://event-management-intake.<site>/api/v2/events/webhook``
with the API key in the ``dd-api-key`` query parameter and optionally ``oncall_team``.
"""

from __future__ import annotations

from typing import Any

from receivers_cli.integrations._relay import WEBHOOK_OPTIONS, webhook_config, with_query
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Requirement

SITES = (
    "datadoghq.com",
    "us3.datadoghq.com",
    "us5.datadoghq.com",
    "datadoghq.eu",
    "ap1.datadoghq.com",
    "ap2.datadoghq.com",
    "ddog-gov.com",
)


def translate(config: dict[str, Any]) -> dict[str, Any]:
    site = config.get("site", "datadoghq.com")
    params = {"dd-api-key": str(config["api_key"]), "integration_id": "prometheus"}
    if "oncall_team" in config:
        params["oncall_team"] = str(config["oncall_team"])
    url = with_query(f"https://event-management-intake.{site}/api/v2/events/webhook", **params)
    return webhook_config(config, url)


INTEGRATION = Integration(
    channel_type="datadog",
    native="webhook_configs",
    since=(0, 24),
    summary=(
        "Datadog event (and On-Call page) through Datadog's Alertmanager webhook intake; "
        "the API key travels in the URL"
    ),
    docs_url="https://docs.datadoghq.com/integrations/prometheus/#prometheus-alertmanager",
    fields=(
        Field("api_key", secret=True, doc="Datadog API key (sent as the dd-api-key query parameter)."),
        Field("site", choices=SITES, doc="Datadog site; default datadoghq.com."),
        Field("oncall_team", doc="Datadog On-Call team handle to page."),
        *WEBHOOK_OPTIONS,
    ),
    requirements=(Requirement(("api_key",), hint="add api_key (the Datadog API key, encrypted)"),),
    translate=translate,
    example={"api_key": "0123456789abcdef0123456789abcdef", "site": "datadoghq.eu"},
)
