"""R162 group-by-invalid: ``routing.group_by`` is a list Alertmanager accepts.

Each entry is a label name the target Alertmanager reads, or ``...`` alone (group by every label).
Below 0.28 that is a classic name (``[a-zA-Z_][a-zA-Z0-9_]*``; the real 0.25 refuses
``service.name``); from 0.28 any non-empty UTF-8 text (the real 0.28 and 0.33 take
``service.name`` in their default matcher mode). A label listed twice is refused by Alertmanager.

PASS::

    acme:
      metadata: {name: Acme}
      routing: {group_by: [alertname, cluster]}

FAIL::

    acme:
      metadata: {name: Acme}
      routing: {group_by: [alertname, alertname]}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from receivers_cli.alertmanager.versions import UTF8_LABEL_NAMES, format_version
from receivers_cli.codes import R162
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
            elif not label or (ctx.version < UTF8_LABEL_NAMES and not LABEL_NAME.match(label)):
                utf8 = "" if not label else (f"; Alertmanager {format_version(ctx.version)} takes only classic names "
                                             f"(other UTF-8 names need >= {format_version(UTF8_LABEL_NAMES)})")
                yield tenant.doc.problem(path, RULE.id, f"group_by: {label!r} is not a label name{utf8}",
                                         "letters, digits and '_', not starting with a digit")
            elif label in seen:
                yield tenant.doc.problem(path, RULE.id, f"group_by lists {label!r} twice (Alertmanager refuses it)",
                                         "remove the second one")
            seen.add(label)

    from receivers_cli.validation.route_tree import problems_of

    yield from problems_of(ctx, RULE.id)  # the same check in native route trees (route:)


RULE = Rule(R162, ValidationLevel.STANDARD, "group_by holds label names once each", check)
