"""R205 fields-exclusive: only one of mutually exclusive fields is set.

Some integrations take one of several destinations (SNS: ``topic_arn``, ``target_arn`` or
``phone_number``); setting two is ambiguous.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: sms, channel_type: sns, config: {topic_arn: "arn:aws:sns:us-east-1:123456789012:alerts"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - name: sms
          channel_type: sns
          config: {topic_arn: "arn:aws:sns:us-east-1:123456789012:alerts", phone_number: "+15555550100"}
"""

from receivers_cli.codes import R205
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R205, ValidationLevel.STANDARD, "one of exclusive fields", stage="integration")
