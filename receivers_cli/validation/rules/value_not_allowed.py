"""R103 value-not-allowed: enumerated fields take one of their values.

Applies to ``tier`` (premium, standard, basic), ``validation_level`` and integration fields
with a fixed set of values; the hint suggests the closest one.

PASS::

    acme:
      metadata: {name: Acme, tier: premium}

FAIL::

    acme:
      metadata: {name: Acme, tier: premum}
"""

from receivers_cli.codes import R103
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R103, ValidationLevel.BASIC, "enum values, with a did-you-mean", stage="structure")
