"""R007 alias-expansion: anchors and aliases expand to at most 200,000 values and 4 MiB of text.

YAML aliases can multiply a tiny file into billions of values ("billion laughs"); loading stops
at 200,000 values. They can also repeat one large value: 100 KB of aliases to a long string would
make render write hundreds of MiB, so the scalar text after expansion is bounded too (4 MiB,
four times the largest file allowed, so a file without aliases never reaches it).

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    acme:
      a: &a [x, x, x, x, x, x, x, x, x, x]
      b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
      d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
      e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
      f: [*e, *e, *e, *e, *e]
"""

from receivers_cli.codes import R007
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R007, ValidationLevel.BASIC, "aliases do not explode", stage="load")
