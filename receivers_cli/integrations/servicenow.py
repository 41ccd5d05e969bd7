"""ServiceNow Event Management: Alertmanager's webhook to the Prometheus push connector.

ServiceNow documents a standard Alertmanager webhook to
``https://<instance>.service-now.com/api/sn_em_connector/em/inbound_event?source=prometheus`` with
``http_config.basic_auth`` (a user with the evt_mgmt_integration role); the Event Management
Connectors plugin (sn_em_connector) must be active on the instance.
"""

from __future__ import annotations

from typing import Any

from receivers_cli.integrations._relay import WEBHOOK_OPTIONS, webhook_config, with_basic_auth
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Requirement


def translate(config: dict[str, Any]) -> dict[str, Any]:
    instance = str(config["instance"])
    host = instance if "." in instance else f"{instance}.service-now.com"
    url = f"https://{host}/api/sn_em_connector/em/inbound_event?source=prometheus"
    http_config = with_basic_auth(config, config["username"], config["password"])
    return webhook_config(config, url, http_config=http_config)


INTEGRATION = Integration(
    channel_type="servicenow",
    pages=True,
    native="webhook_configs",
    since=(0, 24),
    summary="ServiceNow Event Management event through the Prometheus push connector (basic auth)",
    docs_url=(
        "https://www.servicenow.com/docs/r/it-operations-management/event-management/"
        "prometheus-events-integration.html"
    ),
    fields=(
        Field("instance", doc="Instance name (acme) or host (acme.service-now.com)."),
        Field("username", doc="Integration user with the evt_mgmt_integration role."),
        Field("password", secret=True),
        *WEBHOOK_OPTIONS,
    ),
    requirements=(
        Requirement(("instance",), hint="add instance: your ServiceNow instance name"),
        Requirement(("username",), hint="add username: the integration user"),
        Requirement(("password",), hint="add password (encrypted)"),
    ),
    translate=translate,
    example={"instance": "acme", "username": "prometheus.integration", "password": "s3cret"},
)
