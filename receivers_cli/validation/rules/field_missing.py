"""R104 field-missing: required fields are present.

A tenant needs ``metadata`` with a ``name``; a receiver needs ``name`` and ``channel_type``;
an inhibit rule needs source and target matchers.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    acme:
      metadata: {tier: premium}
"""

from receivers_cli.codes import R104
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R104, ValidationLevel.BASIC, "required fields are present", stage="structure")
