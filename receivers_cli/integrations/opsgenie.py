"""Opsgenie (Atlassian) alerts through the Alert API; ``api_key`` may come from the global one."""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Constraint, Field, Inherit, Requirement

RESPONDER_TYPES = ("team", "teams", "user", "escalation", "schedule")

INTEGRATION = Integration(
    channel_type="opsgenie",
    pages=True,
    native="opsgenie_configs",
    since=(0, 24),
    summary="Opsgenie alert through the Alert API (API integration key)",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#opsgenie_config",
    fields=(
        Field("api_key", secret=True, file_since=(0, 24), doc="API integration key."),
        Field("api_url", "url"),
        Field("message", "template"),
        Field("description", "template"),
        Field("source", "template"),
        Field("details", "map", free_form=True),
        Field("entity", "template"),
        Field(
            "responders",
            "list",
            # A type holding a template is checked by Alertmanager at send time only.
            fields=(Field("id"), Field("name"), Field("username"),
                    Field("type", "template", choices=RESPONDER_TYPES, choices_unless_template=True)),
            doc="Each needs one of id, name or username, and a type.",
        ),
        Field("actions", "template", doc="Comma-separated action names."),
        Field("tags", "template", doc="Comma-separated tags."),
        Field("note", "template"),
        Field("priority", "template", doc="P1..P5."),
        Field("update_alerts", "bool"),
    ),
    requirements=(
        Requirement(
            ("api_key",),
            globals=("opsgenie_api_key", "opsgenie_api_key_file"),
            hint="add api_key (the Opsgenie API integration key, encrypted) to config",
        ),
    ),
    constraints=(
        Constraint(("responders", "*"), needs_any=(("responders", "*", "type"),),
                   reason="Alertmanager needs a type in each Opsgenie responder",
                   hint="add type: " + ", ".join(RESPONDER_TYPES)),
        Constraint(("responders", "*"), needs_any=tuple(("responders", "*", k) for k in ("id", "name", "username")),
                   reason="Alertmanager needs one of id, name or username in each Opsgenie responder",
                   hint="add id, name or username"),
    ),
    inherits=(
        Inherit(("api_key",), ("opsgenie_api_key", "opsgenie_api_key_file"), "credential",
                unless=(("api_key_file",),)),
        Inherit(("api_url",), ("opsgenie_api_url",), "destination"),
    ),
    template_fields={"message": "title", "description": "text"},
    example={"api_key": "00000000-0000-0000-0000-000000000000"},
)
