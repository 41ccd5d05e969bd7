"""Mattermost incoming webhooks."""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Constraint, Field, Inherit, Requirement

_FIELDS = Field("fields", "list", fields=(Field("title"), Field("value"), Field("short", "bool")))
_ATTACHMENT_FIELDS = (
    Field("fallback", "template"),
    Field("color", "template"),
    Field("pretext", "template"),
    Field("text", "template"),
    Field("author_name", "template"),
    Field("author_link", "template"),
    Field("author_icon", "template"),
    Field("title", "template"),
    Field("title_link", "template"),
    _FIELDS,
    Field("thumb_url", "template"),
    Field("footer", "template"),
    Field("footer_icon", "template"),
    Field("image_url", "template"),
)
# 0.32 flattened one attachment's fields onto the config itself.
_FLAT = tuple(
    Field(f.name, f.kind, since=(0, 32), fields=f.fields) for f in _ATTACHMENT_FIELDS if f.name != "text"
)

INTEGRATION = Integration(
    channel_type="mattermost",
    native="mattermost_configs",
    since=(0, 30),
    summary="Mattermost message through an incoming webhook URL",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#mattermost_config",
    fields=(
        Field("webhook_url", "url", secret=True, file_since=(0, 30)),
        Field("channel"),
        Field("username", "template"),
        Field("text", "template"),
        *_FLAT,
        Field("icon_url", "template"),
        Field("icon_emoji", "template"),
        Field("attachments", "list", fields=_ATTACHMENT_FIELDS),
        Field("type"),
        Field("props", "object", fields=(Field("card", "template"),)),
        Field(
            "priority",
            "object",
            fields=(
                Field("priority", "template"),
                Field("requested_ack", "bool"),
                Field("persistent_notifications", "bool"),
            ),
        ),
    ),
    requirements=(
        Requirement(
            ("webhook_url",),
            globals=("mattermost_webhook_url", "mattermost_webhook_url_file"),
            hint="add webhook_url (encrypted) to config",
        ),
    ),
    constraints=(
        Constraint(("fields", "*"), needs_any=(("fields", "*", "title"),), since=(0, 32),
                   reason="Alertmanager needs a title in each Mattermost field", hint="add title"),
        Constraint(("attachments", "*", "fields", "*"), needs_any=(("attachments", "*", "fields", "*", "title"),),
                   reason="Alertmanager needs a title in each Mattermost field", hint="add title"),
        Constraint(("fields", "*"), needs_any=(("fields", "*", "value"),), since=(0, 32),
                   reason="Alertmanager needs a value in each Mattermost field", hint="add value"),
        Constraint(("attachments", "*", "fields", "*"), needs_any=(("attachments", "*", "fields", "*", "value"),),
                   reason="Alertmanager needs a value in each Mattermost field", hint="add value"),
    ),
    inherits=(
        Inherit(("webhook_url",), ("mattermost_webhook_url", "mattermost_webhook_url_file"), "credential",
                since=(0, 32), unless=(("webhook_url_file",),)),
    ),
    # title exists only from 0.32, so only text is filled from the tenant's templates.
    template_fields={"title": "title", "text": "text"},  # title: 0.32+ (template_targets)
    example={"webhook_url": "https://mattermost.example.com/hooks/xxxgeneratedkeyxxx"},
)
