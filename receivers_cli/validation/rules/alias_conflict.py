"""R206 alias-conflict: an alias and its native field are not both set.

``integration_key`` is another name for ``routing_key``; with both set, one would silently win.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD_KEY}"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD_KEY}", routing_key: "${PD_KEY}"}}
"""

from receivers_cli.codes import R206
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    R206, ValidationLevel.STANDARD, "an alias and its field are not both set", stage="integration",
)
