"""WeChat Work (WeCom) application messages; secret and corp id may come from the globals."""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Inherit, Requirement

INTEGRATION = Integration(
    channel_type="wechat",
    native="wechat_configs",
    since=(0, 24),
    summary="WeChat Work (WeCom) application message",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#wechat_config",
    fields=(
        Field("api_secret", secret=True, file_since=(0, 31)),
        Field("corp_id"),
        Field("api_url", "url"),
        Field("message", "template"),
        Field("message_type", choices=("text", "markdown")),
        Field("to_user", "template"),
        Field("to_party", "template"),
        Field("to_tag", "template"),
        Field("agent_id", "template"),
    ),
    requirements=(
        Requirement(
            ("api_secret",),
            globals=("wechat_api_secret", "wechat_api_secret_file"),
            hint="add api_secret (encrypted) to config",
        ),
        Requirement(("corp_id",), globals=("wechat_api_corp_id",), hint="add corp_id to config"),
    ),
    inherits=(
        Inherit(("api_secret",), ("wechat_api_secret", "wechat_api_secret_file"), "credential",
                unless=(("api_secret_file",),)),
        Inherit(("corp_id",), ("wechat_api_corp_id",), "setting"),
        Inherit(("api_url",), ("wechat_api_url",), "destination"),
    ),
    template_fields={"message": "text"},
    example={"api_secret": "0123456789abcdef", "corp_id": "ww0123456789abcdef", "agent_id": "1000002"},
)
