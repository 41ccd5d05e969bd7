"""Azure: Alertmanager's webhook to an Azure Logic Apps (or Functions) HTTP trigger — a relay.

Azure Monitor has no endpoint that accepts Alertmanager notifications, so a relay you own is
required: a Logic Apps workflow with the "When an HTTP request is received" trigger (its callback
URL carries a ``sig`` SAS signature) or an Azure Functions HTTP trigger (function key in the
``code`` parameter). That workflow then creates the Azure Monitor alert, ticket or message.
"""

from __future__ import annotations

from typing import Any

from receivers_cli.integrations._relay import WEBHOOK_OPTIONS, webhook_config
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Requirement


def translate(config: dict[str, Any]) -> dict[str, Any]:
    return webhook_config(config, str(config["url"]))


INTEGRATION = Integration(
    channel_type="azure",
    native="webhook_configs",
    since=(0, 24),
    summary=(
        "Azure Logic Apps / Functions HTTP trigger (a relay you run); the callback URL with its "
        "sig or code parameter is the secret"
    ),
    docs_url="https://learn.microsoft.com/azure/connectors/connectors-native-reqres",
    fields=(
        Field("url", "url", secret=True, doc="HTTP trigger callback URL (includes sig= or code=)."),
        *WEBHOOK_OPTIONS,
    ),
    requirements=(Requirement(("url",), hint="add url: the trigger's callback URL (encrypted)"),),
    translate=translate,
    example={
        "url": (
            "https://prod-00.westeurope.logic.azure.com:443/workflows/0000/triggers/manual/paths/invoke"
            "?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=abc"
        )
    },
)
