"""R134 match-value-regex-like: a ``match`` value that looks like a regular expression.

``match`` values are compared literally (equality matchers): ``component: "db|database"`` selects
only alerts whose component is the nine characters ``db|database``, never ``db`` or ``database``.
That is legal, so it is a warning. For alternatives give one receiver per value (a regex matcher
will do it once available); if the literal value is intended, keep it and ignore the warning.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, match: {component: database}, config: {url: "https://example.com/a"}}
        - {name: all, channel_type: webhook, config: {url: "https://example.com/b"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, match: {component: "db|database"}, config: {url: "https://example.com/a"}}
        - {name: all, channel_type: webhook, config: {url: "https://example.com/b"}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from receivers_cli.codes import R134
from receivers_cli.errors import Problem, Severity
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

# Alternation, wildcards, classes, groups, anchors, escapes: what a regex would use and a label
# value rarely holds. A lone "." (versions, host names) is common in literal values, ".*" is not.
_REGEX_LIKE = re.compile(r"[|*+?\[\](){}^$\\]|\.\*")


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        for i, receiver in enumerate(tenant.model.receivers):
            for label, value in receiver.match.items():
                if isinstance(value, str) and _REGEX_LIKE.search(value):
                    problem = tenant.doc.problem(
                        (tenant.id, "receivers", i, "match", label), RULE.id,
                        f"match value {value!r} of {label!r} looks like a regular expression; it is compared "
                        "literally",
                        "for alternatives give one receiver per value (or a regex matcher, once available); "
                        "if the literal value is intended, ignore this warning",
                    )
                    yield Problem(problem.file, problem.line, problem.column, problem.rule, problem.message,
                                  problem.hint, Severity.WARNING, problem.path)


RULE = Rule(R134, ValidationLevel.STANDARD, "match values look literal", check, warning=True)
