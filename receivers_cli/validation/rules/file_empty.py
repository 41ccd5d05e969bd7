"""R004 file-empty: a tenant file is not empty.

A file with nothing but blanks and comments defines no tenant; delete it or fill it in.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    # file: tenants/acme.yaml
    # TODO: fill in
"""

from receivers_cli.codes import R004
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R004, ValidationLevel.BASIC, "the file is not empty", stage="load")
