"""Microsoft Teams through a Power Automate (Workflows) webhook, with an Adaptive Card."""

from receivers_cli.integrations._markup import MARKDOWN_TEXT, TITLE
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Requirement

INTEGRATION = Integration(
    channel_type="msteamsv2",
    native="msteamsv2_configs",
    since=(0, 28),
    summary="Microsoft Teams Adaptive Card through a Power Automate Workflows webhook URL",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#msteamsv2_config",
    fields=(
        Field("webhook_url", "url", secret=True, file_since=(0, 28)),
        Field("title", "template"),
        Field("text", "template"),
    ),
    requirements=(Requirement(("webhook_url",), hint="add webhook_url (encrypted) to config"),),
    template_fields={"title": "title", "text": "text"},
    default_templates={"title": TITLE, "text": MARKDOWN_TEXT},
    example={
        "webhook_url": "https://prod-00.westeurope.logic.azure.com:443/workflows/0000/triggers/manual/paths/invoke"
    },
)
