"""R162 group-by-invalid: ``routing.group_by`` is a list Alertmanager accepts.

Each entry is a label name that every supported Alertmanager version and matcher mode reads
(``[a-zA-Z_][a-zA-Z0-9_]*``; 0.28+ would also take other UTF-8 names, but not in classic mode),
or ``...`` alone (group by every label). A label listed twice is refused by Alertmanager.

PASS::

    acme:
      metadata: {name: Acme}
      routing: {group_by: [alertname, cluster]}

FAIL::

    acme:
      metadata: {name: Acme}
      routing: {group_by: ["not a label"]}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

LABEL_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*\Z")
ALL = "..."


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        group_by = tenant.model.routing.group_by or []
        seen: set[str] = set()
        for i, label in enumerate(group_by):
            path = (tenant.id, "routing", "group_by", i)
            if label == ALL:
                if len(group_by) > 1:
                    yield tenant.doc.problem(path, RULE.id, "'...' (every label) cannot be combined with other labels",
                                             "use [...] alone, or list the labels")
            elif not LABEL_NAME.match(label):
                yield tenant.doc.problem(path, RULE.id, f"group_by: {label!r} is not a label name",
                                         "letters, digits and '_', not starting with a digit")
            elif label in seen:
                yield tenant.doc.problem(path, RULE.id, f"group_by lists {label!r} twice (Alertmanager refuses it)",
                                         "remove the second one")
            seen.add(label)


RULE = Rule("R162", "group-by-invalid", ValidationLevel.STANDARD, "group_by holds label names once each", check)
