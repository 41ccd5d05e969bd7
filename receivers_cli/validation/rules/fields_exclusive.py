"""R205 fields-exclusive: only one of mutually exclusive fields is set.

Some integrations take one of several ways to authenticate (PagerDuty: ``routing_key`` or
``service_key``); setting both is ambiguous.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {routing_key: "${PD_KEY}"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {routing_key: "${PD_KEY}", service_key: "${PD_V1}"}}
"""

from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule("R205", "fields-exclusive", ValidationLevel.STANDARD, "one of exclusive fields", stage="integration")
