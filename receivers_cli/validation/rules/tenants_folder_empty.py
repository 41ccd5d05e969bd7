"""R014 tenants-folder-empty: the tenant folder exists and holds tenant files.

A missing or empty tenant folder (a typo in ``--tenants``, a checkout without the files) would
render a configuration without any tenant: every alert would go to the platform default.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    # file: tenants/README.md
    One YAML file per team goes here.
"""

from receivers_cli.codes import R014
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R014, ValidationLevel.BASIC, "the tenant folder has tenant files", stage="load")
