"""R204 integration-field-missing: each integration gets its required fields.

Per integration, after the platform's ``global`` fallbacks (for example ``slack_api_url`` or
``smtp_smarthost``): PagerDuty needs a routing or service key, Slack an ``api_url``, email a ``to``...

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD_KEY}"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {escalation_policy: p1}}
"""

from receivers_cli.codes import R204
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    R204,
    ValidationLevel.STANDARD,
    "required integration fields, after global fallbacks",
    stage="integration",
)
