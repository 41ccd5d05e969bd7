"""R106 duration-invalid: durations and times are well-formed.

Prometheus durations use the units y w d h m s ms, largest first (``1h30m``); time ranges are
``HH:MM``. Also reported by the integration check for duration fields of ``config``.

PASS::

    acme:
      metadata: {name: Acme}
      routing: {group_wait: 30s}

FAIL::

    acme:
      metadata: {name: Acme}
      routing: {group_wait: 30 seconds}
"""

from receivers_cli.codes import R106
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R106, ValidationLevel.BASIC, "durations and times are well-formed", stage="structure")
