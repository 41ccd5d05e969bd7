"""VictorOps / Splunk On-Call through its REST endpoint integration."""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Constraint, Field, Inherit, Requirement

RESERVED = ("routing_key", "message_type", "state_message", "entity_display_name", "monitoring_tool",
            "entity_id", "entity_state")

INTEGRATION = Integration(
    channel_type="victorops",
    pages=True,
    native="victorops_configs",
    since=(0, 24),
    summary="VictorOps (Splunk On-Call) incident through the REST endpoint integration",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#victorops_config",
    fields=(
        # api_key_file parses from 0.22 but is only used from 0.25.
        Field("api_key", secret=True, file_since=(0, 25), doc="REST endpoint API key."),
        Field("api_url", "url"),
        Field("routing_key", "template", doc="Routes the incident to a team."),
        Field("message_type", "template", doc="CRITICAL (default), WARNING, INFO."),
        Field("state_message", "template"),
        Field("entity_display_name", "template"),
        Field("monitoring_tool", "template"),
        Field(
            "custom_fields", "map", free_form=True,
            doc="Reserved keys (routing_key, message_type, ...) are refused.",
        ),
    ),
    requirements=(
        Requirement(
            ("api_key",),
            globals=("victorops_api_key", "victorops_api_key_file"),
            hint="add api_key (the REST endpoint key, encrypted) to config",
        ),
        Requirement(("routing_key",), hint="add routing_key: the Splunk On-Call routing key"),
    ),
    # Keys Alertmanager fills itself; it refuses a config that sets one of them here.
    constraints=tuple(
        Constraint(("custom_fields", key), reason=f"Alertmanager reserves custom_fields.{key} for its own use",
                   hint=f"rename the key, or set {key} as a field of its own" if key != "entity_id" and
                   key != "entity_state" else "rename the key")
        for key in RESERVED
    ),
    inherits=(
        Inherit(("api_key",), ("victorops_api_key", "victorops_api_key_file"), "credential",
                unless=(("api_key_file",),)),
        Inherit(("api_url",), ("victorops_api_url",), "destination"),
    ),
    template_fields={"entity_display_name": "title", "state_message": "text"},
    example={"api_key": "00000000-0000-0000-0000-000000000000", "routing_key": "team-a"},
)
