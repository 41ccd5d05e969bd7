"""R112 id-invalid: ids are lower-case names without '/'.

Tenant ids, receiver and time interval names become parts of rendered names
(``<tenant>/<receiver>``), so they are lower-case letters, digits, ``-``, ``_`` and ``.``,
starting and ending with a letter or digit; ``/`` is never allowed.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: ops-team, channel_type: webhook, config: {url: "https://example.com/a"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: Ops/Team, channel_type: webhook, config: {url: "https://example.com/a"}}
"""

from receivers_cli.codes import R112
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R112, ValidationLevel.BASIC, "id syntax: lower case, no '/'", stage="structure")
