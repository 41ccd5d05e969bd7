"""Cisco Webex room messages, sent by a bot whose token goes in ``http_config.authorization``.

Alertmanager requires the receiver's own ``http_config.authorization`` (``credentials`` = the bot
token; the global ``http_config`` does not count). A requirement cannot name a nested field, so the
catalog demands ``http_config`` here and the hint says what belongs in it.
"""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Constraint, Field, Inherit, Requirement

INTEGRATION = Integration(
    channel_type="webex",
    native="webex_configs",
    since=(0, 25),
    summary=(
        "Webex room message from a bot; the bot token goes in http_config.authorization.credentials "
        "(required, on the receiver itself)"
    ),
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#webex_config",
    fields=(
        Field("room_id", "template"),
        Field("api_url", "url"),
        Field("message", "template"),
    ),
    requirements=(
        Requirement(("room_id",), hint="add room_id: the Webex room id"),
        Requirement(
            ("http_config",),
            hint="add http_config: {authorization: {credentials: <bot token, encrypted>}}",
        ),
    ),
    constraints=(
        Constraint(("http_config",), needs_any=(("http_config", "authorization"),),
                   reason="Alertmanager needs the bot token in the receiver's own http_config.authorization",
                   hint="add http_config: {authorization: {credentials: <bot token, encrypted>}}"),
    ),
    # The bot token must be on the receiver itself (Alertmanager ignores the global http_config's).
    inherits=(Inherit(("api_url",), ("webex_api_url",), "destination", since=(0, 25)),),
    template_fields={"message": "text"},
    example={
        "room_id": "Y2lzY29zcGFyazovL3VzL1JPT00vMDAwMDAwMDA",
        "http_config": {"authorization": {"credentials": "bot-access-token"}},
    },
)
