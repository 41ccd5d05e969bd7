"""R135 route-reference-undefined: a native route names the owner's own receivers and intervals.

In a tenant's ``route:``, ``receiver`` names one of the tenant's enabled receivers and
``active_time_intervals`` / ``mute_time_intervals`` name the tenant's own ``time_intervals`` or a
shared platform interval written ``_platform/<name>``. Names are rendered ``<tenant>/<name>``, so
another tenant's receiver or interval cannot be reached by any spelling; an unknown one is an error.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: pager, channel_type: webhook, config: {url: "https://example.com/a"}}
        - {name: blackhole}
      route:
        receiver: blackhole
        routes:
          - {receiver: pager, matchers: ['severity="critical"']}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: pager, channel_type: webhook, config: {url: "https://example.com/a"}}
      route:
        routes:
          - {receiver: pagr, matchers: ['severity="critical"']}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R135
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    from receivers_cli.validation.route_tree import problems_of

    return problems_of(ctx, RULE.id)


RULE = Rule(R135, ValidationLevel.STANDARD,
            "native routes name the owner's receivers and intervals", check)
