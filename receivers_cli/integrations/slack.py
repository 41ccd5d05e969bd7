"""Slack: incoming webhooks (``api_url``) or, from 0.30, a Slack app token."""

from receivers_cli.integrations._markup import SLACK_TEXT, TITLE
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Constraint, Field, Inherit, Requirement

_ACTION_CONFIRM = Field(
    "confirm", "object", fields=(Field("text"), Field("title"), Field("ok_text"), Field("dismiss_text"))
)

INTEGRATION = Integration(
    channel_type="slack",
    native="slack_configs",
    since=(0, 24),
    summary="Slack channel message through an incoming webhook or a Slack app",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#slack_config",
    fields=(
        Field("api_url", "url", secret=True, file_since=(0, 24), doc="Incoming webhook URL."),
        Field("app_token", secret=True, since=(0, 30), file_since=(0, 30)),
        Field("app_url", "url", since=(0, 30)),
        Field("channel"),
        Field("username", "template"),
        Field("color", "template"),
        Field("title", "template"),
        Field("title_link", "template"),
        Field("pretext", "template"),
        Field("text", "template"),
        Field("message_text", "template", since=(0, 31)),
        Field("footer", "template"),
        Field("fallback", "template"),
        Field("callback_id", "template"),
        Field("icon_emoji", "template"),
        Field("icon_url", "template"),
        Field("image_url", "template"),
        Field("thumb_url", "template"),
        Field("short_fields", "bool"),
        Field("link_names", "bool"),
        Field("mrkdwn_in", "list", items="string"),
        Field("fields", "list", fields=(Field("title"), Field("value"), Field("short", "bool"))),
        Field(
            "actions",
            "list",
            fields=(
                Field("type"),
                Field("text"),
                Field("url"),
                Field("style"),
                Field("name"),
                Field("value"),
                _ACTION_CONFIRM,
            ),
        ),
        Field("timeout", "go_duration", since=(0, 30)),
        Field("update_message", "bool", since=(0, 32)),
    ),
    requirements=(
        Requirement(
            ("api_url", "app_token"),
            globals=("slack_api_url", "slack_api_url_file", "slack_app_token", "slack_app_token_file"),
            hint="add api_url (the incoming webhook URL, encrypted) to config",
        ),
    ),
    constraints=(
        Constraint(("app_token",), conflicts=(("api_url",),), since=(0, 30),
                   reason="Alertmanager takes at most one of api_url and app_token",
                   hint="keep api_url (an incoming webhook) or app_token (a Slack app)"),
        Constraint(("app_token",), conflicts=(("http_config", "authorization"),), since=(0, 30),
                   reason="Alertmanager refuses http_config.authorization with a Slack app token",
                   hint="remove http_config.authorization; the app token authenticates"),
        Constraint(("update_message",), when=(True,), conflicts=(("api_url",),), since=(0, 32),
                   reason="Alertmanager takes update_message only with bot tokens (app_token), not api_url",
                   hint="remove update_message, or use app_token instead of api_url"),
        # Upstream bug: Alertmanager 0.33.1 itself (amtool check-config and the server's reload)
        # crashes with a nil pointer on update_message without api_url, so refuse it outright.
        Constraint(("update_message",), when=(True,), since=(0, 32),
                   reason="Alertmanager 0.32-0.33 crashes on update_message (an upstream bug: a nil pointer "
                   "in its config check), so it cannot be used",
                   hint="remove update_message"),
        Constraint(("fields", "*"), needs_any=(("fields", "*", "title"),),
                   reason="Alertmanager needs a title in each Slack field", hint="add title"),
        Constraint(("fields", "*"), needs_any=(("fields", "*", "value"),),
                   reason="Alertmanager needs a value in each Slack field", hint="add value"),
        Constraint(("actions", "*"), needs_any=(("actions", "*", "type"),),
                   reason="Alertmanager needs a type in each Slack action", hint="add type: button"),
        Constraint(("actions", "*"), needs_any=(("actions", "*", "text"),),
                   reason="Alertmanager needs a text in each Slack action", hint="add text"),
        Constraint(("actions", "*"), needs_any=(("actions", "*", "url"), ("actions", "*", "name")),
                   reason="Alertmanager needs a url or a name in each Slack action", hint="add url"),
        Constraint(("actions", "*", "confirm"), needs_any=(("actions", "*", "confirm", "text"),),
                   reason="Alertmanager needs a text in each Slack action confirmation", hint="add text"),
    ),
    # The webhook URL is the credential; sent through a proxy or an unchecked TLS peer it leaks.
    inherits=(
        Inherit(("api_url",), ("slack_api_url", "slack_api_url_file"), "credential",
                unless=(("api_url_file",), ("app_token",), ("app_token_file",))),
        Inherit(("app_token",), ("slack_app_token", "slack_app_token_file"), "credential", since=(0, 30),
                unless=(("app_token_file",), ("api_url",), ("api_url_file",), ("http_config", "authorization"))),
        Inherit(("app_url",), ("slack_app_url",), "destination", since=(0, 30)),
    ),
    template_fields={"title": "title", "text": "text"},
    default_templates={"title": TITLE, "text": SLACK_TEXT},
    example={"api_url": "https://hooks.slack.com/services/T000/B000/XXXX", "channel": "#alerts"},
)
