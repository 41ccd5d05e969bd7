"""Per-channel default templates: the tenant's notification in each channel's own markup.

Each source is Jinja2 (``[[ ]]``/``[% %]``, rendered with the tenant context of
:func:`receivers_cli.render.templates.tenant_context`) producing Go template text. The set emits
each as ``{{ define "<tenant>/<channel>.<kind>" }}`` only for the channel types the tenant uses;
the generic ``<tenant>/title``/``<tenant>/text`` stay for every other channel. A tenant's own
``templates: {<channel>: {<kind>: ...}}`` replaces the default of the same name.
"""

from __future__ import annotations

# Shared pieces (Jinja source). Go's ``html`` escapes alert text for HTML bodies.
_TITLE = (
    "[{{ .Status | toUpper }}{{ if eq .Status \"firing\" }}:{{ .Alerts.Firing | len }}{{ end }}] "
    "[[ name ]]: {{ .CommonLabels.alertname }}"
)
_SERVICE = (
    "[[ name ]] · tier [[ tier ]][% if sla_level %] · SLA [[ sla_level ]][% endif %]"
    "[% if contact_team %] · contact [[ contact_team ]][% endif %]"
)


def _links(prefix: str, fmt: str) -> str:
    """Runbook/dashboard lines: the alert's annotation, else the tenant default; ``fmt`` takes {label} {url}."""
    out = ""
    for key, label in (("runbook_url", "Runbook"), ("dashboard_url", "Dashboard")):
        line = fmt.format(label=label, url="{{ .Annotations." + key + " }}")
        default = fmt.format(label=label, url="[[ " + key + " ]]")
        out += (
            "{{ if .Annotations." + key + " }}" + prefix + line + "\n"
            "[% if " + key + " %]{{ else }}" + prefix + default + "\n[% endif %]{{ end }}"
        )
    return out


_SLACK_TEXT = (
    "{{ range .Alerts }}*{{ .Labels.alertname }}* ({{ .Labels.[[ severity_label ]] }})"
    "{{ if .Annotations.summary }}: {{ .Annotations.summary }}{{ end }}\n"
    "{{ if .Annotations.description }}{{ .Annotations.description }}\n{{ end }}"
    + _links("", "{label}: {url}")
    + "{{ end }}_Service: " + _SERVICE + "_"
)

_MARKDOWN_TEXT = (
    "{{ range .Alerts }}**{{ .Labels.alertname }}** ({{ .Labels.[[ severity_label ]] }})"
    "{{ if .Annotations.summary }}: {{ .Annotations.summary }}{{ end }}\n"
    "{{ if .Annotations.description }}{{ .Annotations.description }}\n{{ end }}"
    + _links("", "[{label}]({url}): {url}")
    + "{{ end }}*Service: " + _SERVICE + "*"
)

_TELEGRAM_TEXT = (
    "<b>" + _TITLE.replace("[[ name ]]", "[[ name | e ]]") + "</b>\n"
    "{{ range .Alerts }}<b>{{ .Labels.alertname | html }}</b> ({{ .Labels.[[ severity_label ]] | html }})"
    "{{ if .Annotations.summary }}: {{ .Annotations.summary | html }}{{ end }}\n"
    "{{ if .Annotations.description }}{{ .Annotations.description | html }}\n{{ end }}"
    + _links("", '<a href="{url}">{label}</a>: {url}')
    + "{{ end }}<i>Service: " + _SERVICE.replace("[[ name ]]", "[[ name | e ]]") + "</i>"
)

_EMAIL_HTML = (
    "<h3>" + _TITLE.replace("[[ name ]]", "[[ name | e ]]") + "</h3>\n<ul>\n"
    "{{ range .Alerts }}<li><b>{{ .Labels.alertname | html }}</b> ({{ .Labels.[[ severity_label ]] | html }})"
    "{{ if .Annotations.summary }}: {{ .Annotations.summary | html }}{{ end }}"
    "{{ if .Annotations.description }}<br>{{ .Annotations.description | html }}{{ end }}\n"
    + _links("<br>", '<a href="{url}">{label}</a>')
    + "</li>\n{{ end }}</ul>\n<p><i>Service: " + _SERVICE.replace("[[ name ]]", "[[ name | e ]]") + "</i></p>"
)

# channel_type → template kind → Jinja source of the Go template body.
CHANNEL_DEFAULTS: dict[str, dict[str, str]] = {
    "slack": {"title": _TITLE, "text": _SLACK_TEXT},
    "telegram": {"text": _TELEGRAM_TEXT},
    "discord": {"title": _TITLE, "text": _MARKDOWN_TEXT},
    "msteams": {"title": _TITLE, "text": _MARKDOWN_TEXT},
    "msteamsv2": {"title": _TITLE, "text": _MARKDOWN_TEXT},
    "email": {"subject": _TITLE, "html": _EMAIL_HTML},
}
