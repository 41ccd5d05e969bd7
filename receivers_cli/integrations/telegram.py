"""Telegram bot messages to a chat (``bot_token`` + numeric ``chat_id``)."""

from receivers_cli.integrations._markup import TELEGRAM_TEXT
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Inherit, Requirement

INTEGRATION = Integration(
    channel_type="telegram",
    native="telegram_configs",
    since=(0, 24),
    summary="Telegram message from a bot to a chat",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#telegram_config",
    fields=(
        Field("bot_token", secret=True, file_since=(0, 26)),
        # An int64 in Alertmanager: a quoted string is refused by its strict YAML decoder.
        Field("chat_id", "int", doc="Numeric chat id (negative for groups)."),
        Field("message_thread_id", "int", since=(0, 28)),
        Field("api_url", "url"),
        Field("message", "template"),
        Field("disable_notifications", "bool"),
        Field("parse_mode", choices=("HTML", "Markdown", "MarkdownV2", "")),
    ),
    requirements=(
        Requirement(
            ("bot_token",),
            # The globals exist from 0.31; before that the token must be in the receiver.
            globals=("telegram_bot_token", "telegram_bot_token_file"),
            hint="add bot_token (encrypted) to config",
        ),
        Requirement(("chat_id",), hint="add chat_id: the numeric chat id"),
    ),
    # The bot token travels in the URL path (<api_url>/bot<token>/sendMessage).
    inherits=(
        Inherit(("bot_token",), ("telegram_bot_token", "telegram_bot_token_file"), "credential",
                since=(0, 31), unless=(("bot_token_file",),)),
        Inherit(("api_url",), ("telegram_api_url",), "destination"),
    ),
    template_fields={"message": "text"},
    default_templates={"text": TELEGRAM_TEXT},
    example={"bot_token": "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "chat_id": -1001234567890},
)
