"""R102 type-wrong: each value has its field's type.

Values are never coerced: ``enabled: "yes"`` is text, not true/false. Lists must not be empty
where a value is required, and label names must be valid.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, enabled: false, config: {url: "https://example.com/a"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, enabled: "no", config: {url: "https://example.com/a"}}
"""

from receivers_cli.codes import R102
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R102, ValidationLevel.BASIC, "values have the right type", stage="structure")
