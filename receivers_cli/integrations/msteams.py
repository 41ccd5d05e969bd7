"""Microsoft Teams through an Office 365 connector ("incoming webhook"), the legacy card format."""

from receivers_cli.integrations._markup import MARKDOWN_TEXT, TITLE
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Requirement

INTEGRATION = Integration(
    channel_type="msteams",
    native="msteams_configs",
    since=(0, 26),
    summary="Microsoft Teams message card through an Office 365 connector webhook (legacy connectors)",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#msteams_config",
    fields=(
        Field("webhook_url", "url", secret=True, file_since=(0, 27)),
        Field("title", "template"),
        Field("summary", "template", since=(0, 27)),
        Field("text", "template"),
    ),
    requirements=(Requirement(("webhook_url",), hint="add webhook_url (encrypted) to config"),),
    template_fields={"title": "title", "text": "text"},
    default_templates={"title": TITLE, "text": MARKDOWN_TEXT},
    example={"webhook_url": "https://example.webhook.office.com/webhookb2/0000/IncomingWebhook/1111/2222"},
)
