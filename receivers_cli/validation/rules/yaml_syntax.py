"""R006 yaml-syntax: the file is valid YAML.

The location is where the parser noticed the problem; the hint names the usual causes (tabs,
an unquoted ``: `` inside a value, an unclosed quote). Several documents (``---``) in one file
are refused too.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    acme:
      metadata: {name: "Acme}
"""

from receivers_cli.codes import R006
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R006, ValidationLevel.BASIC, "the file is valid YAML", stage="load")
