"""R132 inhibit-matcher-invalid: inhibit rules use matchers Alertmanager can parse.

Each entry of ``source_matchers`` and ``target_matchers`` is parsed the way the target
Alertmanager version parses it (``label="value"``, ``label=~"regex"``, ...), so a typo is
reported with its line instead of by ``amtool check-config`` after the render.

PASS::

    acme:
      metadata: {name: Acme}
      inhibit:
        - {source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: [alertname]}

FAIL::

    acme:
      metadata: {name: Acme}
      inhibit:
        - {source_matchers: ['severity=="critical"'], target_matchers: ['severity="warning"'], equal: [alertname]}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R132
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    from receivers_cli.alertmanager.matchers import MatcherError, parse_matchers

    for tenant in ctx.tenants:
        for i, rule in enumerate(tenant.model.inhibit):
            for side in ("source_matchers", "target_matchers"):
                for k, text in enumerate(getattr(rule, side)):
                    try:
                        parse_matchers(text, ctx.version)
                    except MatcherError as exc:
                        yield tenant.doc.problem(
                            (tenant.id, "inhibit", i, side, k), RULE.id, f"invalid matcher: {exc.message}",
                            'write label="value", label!="value", label=~"regex" or label!~"regex"',
                        )


RULE = Rule(R132, ValidationLevel.STANDARD, "inhibit matchers parse", check)
