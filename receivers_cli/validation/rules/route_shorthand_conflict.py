"""R137 route-shorthand-conflict: a receiver is routed either by the v1 shorthand or by ``route:``.

A receiver named anywhere in ``route:`` (as the default or in any node) is routed only by the
tree, so ``min_severity``, ``match``, ``active_during`` and ``muted_during`` on it would be
silently ignored; they are refused. Receivers the tree does not name keep the v1 behaviour (one
route each, ``continue: true``, before the tree). ``group_by`` and the timers may be set in
``routing:`` or in ``route:``, not both.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: pager, channel_type: webhook, config: {url: "https://example.com/a"}}
        - {name: chat, channel_type: webhook, min_severity: warning, config: {url: "https://example.com/b"}}
      route:
        routes:
          - {receiver: pager, min_severity: critical}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: pager, channel_type: webhook, min_severity: critical, config: {url: "https://example.com/a"}}
      route:
        routes:
          - {receiver: pager, matchers: ['service="db"']}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R137
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    from receivers_cli.validation.route_tree import problems_of

    return problems_of(ctx, RULE.id)


RULE = Rule(R137, ValidationLevel.STANDARD,
            "a receiver is routed by shorthand or by route:, not both", check)
