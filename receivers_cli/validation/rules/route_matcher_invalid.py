"""R136 route-matcher-invalid: native route matchers parse, and stay small.

``matchers`` entries are parsed the way the target Alertmanager parses them (``=``, ``!=``,
``=~``, ``!~``), ``match_re`` values must be RE2 regexes, and no matcher may be longer than 4096
characters (every alert is matched against every route it passes).

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, config: {url: "https://example.com/a"}}
      route:
        routes:
          - {receiver: db, matchers: ['service=~"db.*"', 'env!="staging"']}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, config: {url: "https://example.com/a"}}
      route:
        routes:
          - {receiver: db, matchers: ['service=="db"']}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R136
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    from receivers_cli.validation.route_tree import problems_of

    return problems_of(ctx, RULE.id)


RULE = Rule(R136, ValidationLevel.STANDARD, "native route matchers parse", check)
