"""R130 time-interval-undefined: ``active_during`` / ``muted_during`` name the tenant's own intervals.

PASS::

    acme:
      metadata: {name: Acme}
      time_intervals:
        - name: office-hours
          time_intervals: [{weekdays: ["monday:friday"], times: [{start_time: "09:00", end_time: "17:00"}]}]
      receivers:
        - {name: chat, channel_type: webhook, active_during: [office-hours], config: {url: "https://example.com/a"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: chat, channel_type: webhook, active_during: [office-hours], config: {url: "https://example.com/a"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R130
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.wording import did_you_mean


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        defined = [t.name for t in tenant.model.time_intervals]
        seen: set[str] = set()
        for j, interval in enumerate(tenant.model.time_intervals):
            if interval.name in seen:
                yield tenant.doc.problem(
                    (tenant.id, "time_intervals", j, "name"), RULE.id,
                    f"time interval {interval.name!r} is defined twice", "rename or merge them",
                )
            seen.add(interval.name)
        for i, receiver in enumerate(tenant.model.receivers):
            for field in ("active_during", "muted_during"):
                for k, name in enumerate(getattr(receiver, field)):
                    if name not in defined:
                        hint = did_you_mean(name, defined, "define it under time_intervals: in this file")
                        yield tenant.doc.problem(
                            (tenant.id, "receivers", i, field, k), RULE.id,
                            f"time interval {name!r} is not defined in this tenant", hint,
                        )


RULE = Rule(
    R130, ValidationLevel.STANDARD, "time windows name the tenant's intervals", check
)
