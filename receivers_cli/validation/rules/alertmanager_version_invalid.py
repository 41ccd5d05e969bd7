"""R012 alertmanager-version-invalid: alertmanager_version is X.Y.

``alertmanager_version`` in ``receivers.yaml`` (or ``--alertmanager-version``) selects which fields
the render may emit; it must be a known version written as X.Y.

PASS::

    # file: receivers.yaml
    alertmanager_version: "0.25"

FAIL::

    # file: receivers.yaml
    alertmanager_version: "latest"
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
"""

from receivers_cli.codes import R012
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R012, ValidationLevel.BASIC, "alertmanager_version is X.Y", stage="load")
