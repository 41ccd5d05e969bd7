"""R101 field-unknown: every field is a known one.

Unknown fields are usually typos; the hint suggests the closest known name. Inside a receiver's
``config`` the known names are the integration's native Alertmanager fields and aliases.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    acme:
      metadata: {name: Acme, teir: premium}
"""

from receivers_cli.codes import R101
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R101, ValidationLevel.BASIC, "no unknown fields", stage="structure")
