"""Generic webhook: Alertmanager POSTs its JSON payload to ``url``."""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Requirement

INTEGRATION = Integration(
    channel_type="webhook",
    native="webhook_configs",
    since=(0, 24),
    summary="HTTP POST of Alertmanager's JSON payload to a URL",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#webhook_config",
    fields=(
        # A plain URL up to 0.25 and a secret from 0.26; we always treat it as one, since webhook
        # URLs often carry a token.
        Field("url", "url", secret=True, file_since=(0, 26), doc="Endpoint (templated from 0.31)."),
        Field("max_alerts", "int", unsigned=True, doc="Alerts per message; 0 means all."),
        Field("timeout", "go_duration", since=(0, 28)),
        Field("payload", "any", since=(0, 32), free_form=True, doc="Custom JSON body, templated."),
    ),
    requirements=(Requirement(("url",), hint="add url: the endpoint (encrypted)"),),
    example={"url": "https://hooks.example.com/alertmanager"},
)
