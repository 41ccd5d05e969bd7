"""Rocket.Chat messages through its REST API (personal access token + user id)."""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Inherit, Requirement

INTEGRATION = Integration(
    channel_type="rocketchat",
    native="rocketchat_configs",
    since=(0, 28),
    summary="Rocket.Chat message through the REST API (token + token_id, local or global)",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#rocketchat_config",
    fields=(
        Field("api_url", "url"),
        Field("token", secret=True, file_since=(0, 28), doc="Personal access token."),
        Field("token_id", secret=True, file_since=(0, 28), doc="The token's user id."),
        Field("channel"),
        Field("color", "template"),
        Field("title", "template"),
        Field("title_link", "template"),
        Field("text", "template"),
        Field("fields", "list", fields=(Field("title"), Field("value"), Field("short", "bool"))),
        Field("short_fields", "bool"),
        Field("emoji", "template"),
        Field("icon_url", "template"),
        Field("image_url", "template"),
        Field("thumb_url", "template"),
        Field("link_names", "bool"),
        Field("actions", "list", fields=(Field("type"), Field("text"), Field("url"), Field("msg"))),
    ),
    requirements=(
        Requirement(
            ("token",), globals=("rocketchat_token", "rocketchat_token_file"), hint="add token (encrypted)"
        ),
        Requirement(
            ("token_id",),
            globals=("rocketchat_token_id", "rocketchat_token_id_file"),
            hint="add token_id (encrypted)",
        ),
    ),
    inherits=(
        Inherit(("token",), ("rocketchat_token", "rocketchat_token_file"), "credential", since=(0, 28),
                unless=(("token_file",),)),
        Inherit(("token_id",), ("rocketchat_token_id", "rocketchat_token_id_file"), "credential",
                since=(0, 28), unless=(("token_id_file",),)),
        Inherit(("api_url",), ("rocketchat_api_url",), "destination", since=(0, 28)),
    ),
    template_fields={"title": "title", "text": "text"},
    example={"token": "rc-personal-access-token", "token_id": "rc-user-id", "channel": "#alerts"},
)
