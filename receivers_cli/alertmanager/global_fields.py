"""Alertmanager's ``global`` section, field by field, with the version that added each.

From ``../shared/reference/alertmanager.md`` §3. The platform file's ``global:`` is checked
against it, so a field the target version lacks is refused before Alertmanager refuses the file.
"""

from __future__ import annotations

from receivers_cli.integrations.shared_fields import HTTP_CONFIG, TLS_CONFIG
from receivers_cli.integrations.vocabulary import Field

GLOBAL = Field(
    "global",
    "object",
    fields=(
        Field("resolve_timeout", "duration"),
        HTTP_CONFIG,
        Field("smtp_from"),
        Field("smtp_smarthost", "hostport"),
        Field("smtp_hello"),
        Field("smtp_auth_username"),
        Field("smtp_auth_identity"),
        Field("smtp_auth_password", secret=True),
        Field("smtp_auth_password_file", since=(0, 25)),
        Field("smtp_auth_secret", secret=True),
        Field("smtp_auth_secret_file", since=(0, 31)),
        Field("smtp_require_tls", "bool"),
        Field("smtp_tls_config", "object", since=(0, 28), fields=TLS_CONFIG.fields),
        Field("smtp_force_implicit_tls", "bool", since=(0, 31)),
        Field("slack_api_url", "url", secret=True),
        Field("slack_api_url_file"),
        Field("slack_app_token", secret=True, since=(0, 30)),
        Field("slack_app_token_file", since=(0, 30)),
        Field("slack_app_url", "url", since=(0, 30)),
        Field("pagerduty_url", "url"),
        Field("opsgenie_api_url", "url"),
        Field("opsgenie_api_key", secret=True),
        Field("opsgenie_api_key_file"),
        Field("wechat_api_url", "url"),
        Field("wechat_api_secret", secret=True),
        Field("wechat_api_secret_file", since=(0, 31)),
        Field("wechat_api_corp_id"),
        Field("victorops_api_url", "url"),
        Field("victorops_api_key", secret=True),
        Field("victorops_api_key_file", since=(0, 25)),
        Field("telegram_api_url", "url"),
        Field("telegram_bot_token", secret=True, since=(0, 31)),
        Field("telegram_bot_token_file", since=(0, 31)),
        Field("webex_api_url", "url", since=(0, 25)),
        Field("jira_api_url", "url", since=(0, 28)),
        Field("rocketchat_api_url", "url", since=(0, 28)),
        Field("rocketchat_token", secret=True, since=(0, 28)),
        Field("rocketchat_token_file", since=(0, 28)),
        Field("rocketchat_token_id", secret=True, since=(0, 28)),
        Field("rocketchat_token_id_file", since=(0, 28)),
        Field("mattermost_webhook_url", "url", secret=True, since=(0, 32)),
        Field("mattermost_webhook_url_file", since=(0, 32)),
    ),
)
