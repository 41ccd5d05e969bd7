"""R011 tenant-id-not-stem: the top-level key equals the file name's stem.

``tenants/acme.yaml`` must define ``acme:``; a copied file that still names its original tenant
would otherwise claim that tenant's alerts.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    # file: tenants/acme.yaml
    globex:
      metadata: {name: Globex}
"""

from receivers_cli.codes import R011
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R011, ValidationLevel.BASIC, "the tenant id is the file name", stage="load")
