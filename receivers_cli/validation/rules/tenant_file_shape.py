"""R010 tenant-file-shape: a tenant file holds one mapping with one key.

The single top-level key is the tenant id; a list, a plain value or several top-level keys are
refused.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    # file: tenants/acme.yaml
    - acme
    - globex
"""

from receivers_cli.codes import R010
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R010, ValidationLevel.BASIC, "one mapping with one key", stage="load")
