"""PagerDuty Events API v2 (``routing_key``) or v1 (``service_key``)."""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Alias, Field, Inherit, Requirement

INTEGRATION = Integration(
    channel_type="pagerduty",
    pages=True,
    native="pagerduty_configs",
    since=(0, 24),
    summary="PagerDuty incident through the Events API",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#pagerduty_config",
    fields=(
        Field("routing_key", secret=True, file_since=(0, 25), doc="Events API v2 integration key."),
        Field("service_key", secret=True, file_since=(0, 25), doc="Events API v1 service key."),
        Field("url", "url"),
        Field("client", "template"),
        Field("client_url", "template"),
        Field("description", "template"),
        Field("details", "map", items="any", free_form=True, nested_since=(0, 30),
              doc="Custom details; nested values need 0.30."),
        Field("images", "list", fields=(Field("src"), Field("alt"), Field("href"))),
        Field("links", "list", fields=(Field("href"), Field("text"))),
        Field("source", "template", since=(0, 25)),
        Field("severity", "template"),
        Field("class", "template"),
        Field("component", "template"),
        Field("group", "template"),
        Field("timeout", "go_duration", since=(0, 30)),
    ),
    aliases=(
        Alias("integration_key", ("routing_key",), "the Events API v2 integration key"),
        Alias("auto_resolve", ("send_resolved",), "resolve the incident when the alert resolves"),
        Alias("escalation_policy", ("details", "escalation_policy"), "sent as a custom detail"),
    ),
    requirements=(
        Requirement(
            ("routing_key", "service_key"),
            # Both may be set (Alertmanager then uses the v2 routing_key); one is needed.
            hint="add integration_key (or routing_key) to config",
        ),
    ),
    inherits=(Inherit(("url",), ("pagerduty_url",), "destination"),),
    template_fields={"description": "title"},
    example={"routing_key": "0123456789abcdef0123456789abcdef"},
)
