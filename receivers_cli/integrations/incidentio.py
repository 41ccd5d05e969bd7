"""incident.io alert sources (HTTP source URL + alert source token)."""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Constraint, Field, Requirement

INTEGRATION = Integration(
    channel_type="incidentio",
    pages=True,
    native="incidentio_configs",
    since=(0, 29),
    summary=(
        "incident.io alert event to an HTTP alert source; authenticate with alert_source_token or "
        "http_config.authorization (not both)"
    ),
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#incidentio_config",
    fields=(
        # Not a secret in Alertmanager: the alert source token authenticates.
        Field("url", "url", doc="The alert source's HTTP endpoint."),
        Field("alert_source_token", secret=True, file_since=(0, 29)),
        Field("max_alerts", "int", unsigned=True),
        Field("timeout", "go_duration"),
    ),
    requirements=(
        Requirement(("url",), hint="add url: the alert source endpoint"),
        Requirement(
            ("alert_source_token", "http_config"),
            hint="add alert_source_token (encrypted), or http_config.authorization",
        ),
    ),
    constraints=(
        Constraint(("alert_source_token",), conflicts=(("http_config", "authorization"),),
                   reason="Alertmanager refuses alert_source_token together with http_config.authorization",
                   hint="keep alert_source_token or http_config.authorization"),
    ),
    example={
        "url": "https://api.incident.io/v2/alert_events/http/01HXXXXXXXXXXXXXXXXXXXXXXX",
        "alert_source_token": "inc-alert-source-token",
    },
)
