"""Google Cloud: Alertmanager's webhook to a Cloud Run / Cloud Functions HTTP endpoint — a relay.

Google Cloud has no endpoint that accepts Alertmanager notifications (Pub/Sub's publish API wants
its own body and a Google OAuth token). A relay you run is required: a Cloud Run service or HTTP
Cloud Function that receives Alertmanager's JSON and publishes/creates what you need. Alertmanager
cannot mint Google identity tokens, so the relay must allow unauthenticated invocation and check
a shared secret sent by ``http_config`` (``authorization`` bearer credentials or ``basic_auth``).
"""

from __future__ import annotations

from typing import Any

from receivers_cli.integrations._relay import WEBHOOK_OPTIONS, webhook_config
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Requirement


def translate(config: dict[str, Any]) -> dict[str, Any]:
    return webhook_config(config, str(config["url"]))


INTEGRATION = Integration(
    channel_type="gcp",
    native="webhook_configs",
    since=(0, 24),
    summary=(
        "Google Cloud Run / Cloud Functions HTTP endpoint (a relay you run), authenticated by a "
        "shared secret in http_config"
    ),
    docs_url="https://cloud.google.com/run/docs/triggering/https-request",
    fields=(
        Field("url", "url", secret=True, doc="The relay's HTTPS URL."),
        *WEBHOOK_OPTIONS,
    ),
    requirements=(
        Requirement(("url",), hint="add url: the relay's HTTPS URL"),
        Requirement(
            ("http_config",),
            hint="add http_config.authorization.credentials: the shared secret the relay checks",
        ),
    ),
    translate=translate,
    example={
        "url": "https://alert-relay-abc123-ew.a.run.app/alertmanager",
        "http_config": {"authorization": {"credentials": "relay-shared-secret"}},
    },
)
