"""R172 variable-grant-reserved: ``receivers.yaml`` grants no ``RECEIVERS_*`` variable.

``RECEIVERS_KEY``, ``RECEIVERS_KEY_FILE`` and every other ``RECEIVERS_*`` variable configure the
tool itself (its private key among them); they are never substituted, whatever the grants say. A
grant that names one, or a glob that could match one (``*``, ``R*``, ``RECEIVERS*``), is an error
rather than a grant that silently does less than it reads.

PASS::

    # file: receivers.yaml
    variables:
      shared: [SMTP_HELLO]
      tenants:
        acme: ["ACME_*"]
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}

FAIL::

    # file: receivers.yaml
    variables:
      tenants:
        acme: ["R*"]
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
"""

from receivers_cli.codes import R172
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    R172, ValidationLevel.STANDARD, "no grant can cover RECEIVERS_* variables",
    stage="platform",
)
