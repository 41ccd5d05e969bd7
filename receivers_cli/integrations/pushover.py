"""Pushover push notifications: an application ``token`` and a ``user_key``."""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Constraint, Field, Requirement

INTEGRATION = Integration(
    channel_type="pushover",
    native="pushover_configs",
    since=(0, 24),
    summary="Pushover push notification (application token + user or group key)",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#pushover_config",
    fields=(
        Field("user_key", secret=True, file_since=(0, 26)),
        Field("token", secret=True, file_since=(0, 26)),
        Field("title", "template"),
        Field("message", "template"),
        Field("url", "template"),
        Field("url_title", "template"),
        Field("device", "template", since=(0, 26)),
        Field("sound", "template"),
        Field("priority", "template"),
        Field("retry", "go_duration"),
        Field("expire", "go_duration"),
        Field("ttl", "go_duration", since=(0, 27)),
        Field("html", "bool", doc="Mutually exclusive with monospace."),
        Field("monospace", "bool", since=(0, 29)),
    ),
    requirements=(
        Requirement(("user_key",), hint="add user_key (encrypted) to config"),
        Requirement(("token",), hint="add token (the application token, encrypted) to config"),
    ),
    constraints=(
        Constraint(("monospace",), when=(True,), conflicts=(("html",),),
                   reason="Alertmanager takes at most one of html and monospace", hint="keep html or monospace"),
    ),
    template_fields={"title": "title", "message": "text"},
    example={"user_key": "uQiRzpo4DXghDmr9QzzfQu27cmVRsG", "token": "azGDORePK8gMaC0QOYAMyEEuzJnyUi"},
)
