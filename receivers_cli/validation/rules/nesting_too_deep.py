"""R005 nesting-too-deep: values nest at most 64 levels deep.

Deeply nested collections, in flow style (``[[[[...``) or block style (``- - - -...``, ever deeper
indentation), would exhaust the stack of libyaml's recursive composer (a crash, not an error).
The depth is counted on libyaml's event stream, which is iterative, and the file is refused at
the first collection past the limit, before anything recursive runs.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    acme: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
      [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
      ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
"""

from receivers_cli.codes import R005
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R005, ValidationLevel.BASIC, "nesting is at most 64 levels", stage="load")
