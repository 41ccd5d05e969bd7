"""The pieces of the per-channel default templates: a tenant's notification in each markup.

Not an integration (it is not listed in ``MODULES``): each integration module names its own
defaults (``Integration.default_templates``) from these pieces. Each source is Jinja2
(``[[ ]]``/``[% %]``, rendered with the tenant context of
:func:`receivers_cli.render.templates.tenant_context`) producing Go template text. The set emits
each as ``{{ define "<tenant>/<channel>.<kind>" }}`` only for the channel types the tenant uses;
the generic ``<tenant>/title``/``<tenant>/text`` stay for every other channel. A tenant's own
``templates: {<channel>: {<kind>: ...}}`` replaces the default of the same name.
"""

from __future__ import annotations

# Shared pieces (Jinja source). Go's ``html`` escapes alert text for HTML bodies.
TITLE = (
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


SLACK_TEXT = (
    "{{ range .Alerts }}*{{ .Labels.alertname }}* ({{ .Labels.[[ severity_label ]] }})"
    "{{ if .Annotations.summary }}: {{ .Annotations.summary }}{{ end }}\n"
    "{{ if .Annotations.description }}{{ .Annotations.description }}\n{{ end }}"
    + _links("", "{label}: {url}")
    + "{{ end }}_Service: " + _SERVICE + "_"
)

MARKDOWN_TEXT = (
    "{{ range .Alerts }}**{{ .Labels.alertname }}** ({{ .Labels.[[ severity_label ]] }})"
    "{{ if .Annotations.summary }}: {{ .Annotations.summary }}{{ end }}\n"
    "{{ if .Annotations.description }}{{ .Annotations.description }}\n{{ end }}"
    + _links("", "[{label}]({url}): {url}")
    + "{{ end }}*Service: " + _SERVICE + "*"
)

TELEGRAM_TEXT = (
    "<b>" + TITLE.replace("[[ name ]]", "[[ name | e ]]") + "</b>\n"
    "{{ range .Alerts }}<b>{{ .Labels.alertname | html }}</b> ({{ .Labels.[[ severity_label ]] | html }})"
    "{{ if .Annotations.summary }}: {{ .Annotations.summary | html }}{{ end }}\n"
    "{{ if .Annotations.description }}{{ .Annotations.description | html }}\n{{ end }}"
    + _links("", '<a href="{url}">{label}</a>: {url}')
    + "{{ end }}<i>Service: " + _SERVICE.replace("[[ name ]]", "[[ name | e ]]") + "</i>"
)

EMAIL_HTML = (
    "<h3>" + TITLE.replace("[[ name ]]", "[[ name | e ]]") + "</h3>\n<ul>\n"
    "{{ range .Alerts }}<li><b>{{ .Labels.alertname | html }}</b> ({{ .Labels.[[ severity_label ]] | html }})"
    "{{ if .Annotations.summary }}: {{ .Annotations.summary | html }}{{ end }}"
    "{{ if .Annotations.description }}<br>{{ .Annotations.description | html }}{{ end }}\n"
    + _links("<br>", '<a href="{url}">{label}</a>')
    + "</li>\n{{ end }}</ul>\n<p><i>Service: " + _SERVICE.replace("[[ name ]]", "[[ name | e ]]") + "</i></p>"
)
