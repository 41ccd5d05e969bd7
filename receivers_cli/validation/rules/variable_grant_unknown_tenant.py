"""R173 variable-grant-unknown-tenant: ``variables.tenants`` names only tenants that have a file.

A grant left behind for a tenant whose file was removed (or misspelled) is a standing offer: the
next pull request that adds a file with that id would receive those variables. It is an error so
that removing a tenant also removes its grants. Checked when the run sees a folder of tenant files
(``receivers render``, ``receivers validate`` of a folder or with ``--tenants`` and PATHS), not when
only single files are checked.

PASS::

    # file: receivers.yaml
    variables:
      tenants:
        acme: [ACME_PD_KEY]
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}

FAIL::

    # file: receivers.yaml
    variables:
      tenants:
        acme: [ACME_PD_KEY]
        initech: [INITECH_PD_KEY]
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
"""

from receivers_cli.codes import R173
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    R173, ValidationLevel.STANDARD, "variable grants name existing tenants",
    stage="platform",
)
