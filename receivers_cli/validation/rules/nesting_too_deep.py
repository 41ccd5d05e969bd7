"""R005 nesting-too-deep: values nest at most 64 levels deep.

Deeply nested flow collections (``[[[[...``) would exhaust the YAML parser's stack; such a file is
refused before it is parsed.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    acme: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
      [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
      ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
"""

from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule("R005", "nesting-too-deep", ValidationLevel.BASIC, "nesting is at most 64 levels", stage="load")
