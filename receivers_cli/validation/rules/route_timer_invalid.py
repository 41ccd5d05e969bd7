"""R163 route-timer-invalid: a tenant's route timers are ones Alertmanager accepts.

Alertmanager refuses the whole configuration when a route has ``group_interval: 0`` or
``repeat_interval: 0`` (any spelling of zero: ``0``, ``0s``, ``0m``), or a duration longer than
Go's ``time.Duration`` holds (about 292 years). ``group_wait`` may be zero.

PASS::

    acme:
      metadata: {name: Acme}
      routing: {group_wait: 0s, group_interval: 5m, repeat_interval: 4h}

FAIL::

    acme:
      metadata: {name: Acme}
      routing: {group_interval: 0m}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R163
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

NOT_ZERO = ("group_interval", "repeat_interval")


def check(ctx: RuleContext) -> Iterator[Problem]:
    from receivers_cli.alertmanager.durations import parse_prometheus

    for tenant in ctx.tenants:
        routing = tenant.model.routing
        for field in ("group_wait", "group_interval", "repeat_interval"):
            text = getattr(routing, field)
            if text is None:
                continue
            nanos = parse_prometheus(text)
            path = (tenant.id, "routing", field)
            if nanos is None:
                yield tenant.doc.problem(path, RULE.id, f"{field}: {text!r} is longer than Alertmanager can hold",
                                         "use at most a few years, e.g. 1y")
            elif nanos == 0 and field in NOT_ZERO:
                yield tenant.doc.problem(path, RULE.id,
                                         f"{field} cannot be zero (Alertmanager refuses the whole config)",
                                         "use a positive duration, e.g. 5m; or leave it out for the tier's")

    from receivers_cli.validation.route_tree import problems_of

    yield from problems_of(ctx, RULE.id)  # the same check in native route trees (route:)


RULE = Rule(R163, ValidationLevel.STANDARD, "route timers are not zero or too long", check)
