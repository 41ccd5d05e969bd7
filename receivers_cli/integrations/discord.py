"""Discord channel message through a channel webhook."""

from receivers_cli.integrations._markup import MARKDOWN_TEXT, TITLE
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Requirement

INTEGRATION = Integration(
    channel_type="discord",
    native="discord_configs",
    since=(0, 25),
    summary="Discord message through a channel webhook URL",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#discord_config",
    fields=(
        Field("webhook_url", "url", secret=True, file_since=(0, 27)),
        Field("title", "template"),
        Field("message", "template"),
        Field("content", "template", since=(0, 28)),
        Field("username", "template", since=(0, 28)),
        Field("avatar_url", "template", since=(0, 28)),
    ),
    requirements=(Requirement(("webhook_url",), hint="add webhook_url (encrypted) to config"),),
    template_fields={"title": "title", "message": "text"},
    default_templates={"title": TITLE, "text": MARKDOWN_TEXT},
    example={"webhook_url": "https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnop"},
)
