"""The text Alertmanager puts in a templated receiver field the config leaves unset.

Facts of Alertmanager's config package (``config/notifiers.go``, the ``Default*Config`` values;
email's ``Subject`` header is added when the config is read), per native key and dotted field
path. ``receivers preview`` renders them as the field's text; ``receivers import`` writes out the
ones that call a built-in the source's template files redefine.
"""

from __future__ import annotations


def _default(kind: str, name: str) -> str:
    return '{{ template "' + f"{kind}.default.{name}" + '" . }}'


# What Alertmanager puts in a templated field the receiver leaves unset (config/notifiers.go
# Default*Config; email's Subject is added when the config is read). Names per native key.
DEFAULTS: dict[str, dict[str, str]] = {
    "slack_configs": {
        "username": _default("slack", "username"),
        "color": '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}',
        "title": _default("slack", "title"),
        "title_link": _default("slack", "titlelink"),
        "icon_emoji": _default("slack", "iconemoji"),
        "icon_url": _default("slack", "iconurl"),
        "pretext": _default("slack", "pretext"),
        "text": _default("slack", "text"),
        "fallback": _default("slack", "fallback"),
        "callback_id": _default("slack", "callbackid"),
        "footer": _default("slack", "footer"),
    },
    "email_configs": {"html": _default("email", "html"), "headers.Subject": _default("email", "subject")},
    "pagerduty_configs": {
        "description": _default("pagerduty", "description"),
        "client": _default("pagerduty", "client"),
        "client_url": _default("pagerduty", "clientURL"),
        "details.firing": '{{ template "pagerduty.default.instances" .Alerts.Firing }}',
        "details.resolved": '{{ template "pagerduty.default.instances" .Alerts.Resolved }}',
        "details.num_firing": "{{ .Alerts.Firing | len }}",
        "details.num_resolved": "{{ .Alerts.Resolved | len }}",
    },
    "msteams_configs": {
        "title": _default("msteams", "title"),
        "summary": _default("msteams", "summary"),
        "text": _default("msteams", "text"),
    },
    "msteamsv2_configs": {"title": _default("msteamsv2", "title"), "text": _default("msteamsv2", "text")},
    "opsgenie_configs": {
        "message": _default("opsgenie", "message"),
        "description": _default("opsgenie", "description"),
        "source": _default("opsgenie", "source"),
    },
    "pushover_configs": {
        "title": _default("pushover", "title"),
        "message": _default("pushover", "message"),
        "url": _default("pushover", "url"),
    },
    "sns_configs": {"subject": _default("sns", "subject"), "message": _default("sns", "message")},
    "telegram_configs": {"message": _default("telegram", "message")},
    "discord_configs": {"title": _default("discord", "title"), "message": _default("discord", "message")},
    "webex_configs": {"message": _default("webex", "message")},
    "wechat_configs": {"message": _default("wechat", "message")},
    "victorops_configs": {
        "state_message": _default("victorops", "state_message"),
        "entity_display_name": _default("victorops", "entity_display_name"),
        "monitoring_tool": _default("victorops", "monitoring_tool"),
    },
    "jira_configs": {
        "summary": _default("jira", "summary"),
        "description": _default("jira", "description"),
        "priority": _default("jira", "priority"),
    },
}
