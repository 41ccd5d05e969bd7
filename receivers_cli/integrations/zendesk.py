"""Zendesk: a ticket per notification through the Tickets API, using the webhook ``payload`` (0.32).

Zendesk has no endpoint that understands Alertmanager's JSON, so this integration needs
Alertmanager >= 0.32, whose webhook can send a templated custom body. It POSTs
``{"ticket": {...}}`` to ``https://<subdomain>.zendesk.com/api/v2/tickets.json`` with basic auth
``<email>/token`` + API token. Every notification opens a new ticket, so ``send_resolved``
defaults to false here. On an older Alertmanager, use a relay service and the webhook type.
"""

from __future__ import annotations

from typing import Any

from receivers_cli.integrations._relay import webhook_config, with_basic_auth
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Requirement

DEFAULT_SUBJECT = '{{ template "__subject" . }}'
DEFAULT_BODY = '{{ template "__text_alert_list" . }}'


def translate(config: dict[str, Any]) -> dict[str, Any]:
    ticket: dict[str, Any] = {
        "subject": config.get("subject", DEFAULT_SUBJECT),
        "comment": {"body": config.get("body", DEFAULT_BODY)},
    }
    for key in ("priority", "type", "tags"):
        if key in config:
            ticket[key] = config[key]
    url = f"https://{config['subdomain']}.zendesk.com/api/v2/tickets.json"
    http_config = with_basic_auth(config, f"{config['email']}/token", config["api_token"])
    extra: dict[str, Any] = {"http_config": http_config, "payload": {"ticket": ticket}}
    extra["send_resolved"] = config.get("send_resolved", False)
    return webhook_config(config, url, **extra)


INTEGRATION = Integration(
    channel_type="zendesk",
    native="webhook_configs",
    since=(0, 32),
    summary="Zendesk ticket through the Tickets API (custom webhook payload, Alertmanager >= 0.32)",
    docs_url="https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket",
    fields=(
        Field("subdomain", doc="The <subdomain> of <subdomain>.zendesk.com."),
        Field("email", doc="Agent or admin e-mail the API token authenticates as."),
        Field("api_token", secret=True),
        Field("subject", "template"),
        Field("body", "template", doc="First comment of the ticket."),
        Field("priority", choices=("urgent", "high", "normal", "low")),
        Field("type", choices=("problem", "incident", "question", "task")),
        Field("tags", "list", items="template"),
        Field("timeout", "go_duration"),
    ),
    requirements=(
        Requirement(("subdomain",), hint="add subdomain: <subdomain>.zendesk.com"),
        Requirement(("email",), hint="add email: the user the API token acts as"),
        Requirement(("api_token",), hint="add api_token (encrypted)"),
    ),
    template_fields={"payload.ticket.subject": "title", "payload.ticket.comment.body": "text"},
    translate=translate,
    example={"subdomain": "acme", "email": "alerts@example.com", "api_token": "zendesk-api-token"},
)
