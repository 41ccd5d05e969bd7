"""R201 version-unsupported: channel types and fields exist in the target version.

Alertmanager rejects fields it does not know, so a field (or a whole channel_type) newer than
``alertmanager_version`` is refused here rather than by the running Alertmanager.

PASS::

    # file: receivers.yaml
    alertmanager_version: "0.25"
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD_KEY}"}}

FAIL::

    # file: receivers.yaml
    alertmanager_version: "0.25"
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD_KEY}", timeout: 10s}}
"""

from receivers_cli.codes import R201
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    R201,
    ValidationLevel.STANDARD,
    "fields exist in the target Alertmanager",
    stage="integration",
)
