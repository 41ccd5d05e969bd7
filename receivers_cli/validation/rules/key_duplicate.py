"""R009 key-duplicate: a key appears once per mapping.

YAML parsers silently keep the last of two equal keys; a tenant file refuses them, and the hint
names the line of the first one.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    acme:
      metadata: {name: Acme}
      metadata: {name: Acme Corp}
"""

from receivers_cli.codes import R009
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R009, ValidationLevel.BASIC, "no duplicate keys", stage="load")
