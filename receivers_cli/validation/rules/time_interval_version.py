"""R133 time-interval-version: time interval fields exist in the target Alertmanager.

``location`` (an IANA time zone for a time interval) needs Alertmanager 0.25; an older target
would reject the rendered file, so it is refused here with the version it needs.

PASS::

    # file: receivers.yaml
    alertmanager_version: "0.24"
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
      time_intervals:
        - name: nights
          time_intervals: [{times: [{start_time: "00:00", end_time: "06:00"}]}]

FAIL::

    # file: receivers.yaml
    alertmanager_version: "0.24"
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
      time_intervals:
        - name: nights
          time_intervals: [{times: [{start_time: "00:00", end_time: "06:00"}], location: Europe/Berlin}]
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.alertmanager.versions import format_version
from receivers_cli.codes import R133
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

LOCATION_SINCE = (0, 25)


def check(ctx: RuleContext) -> Iterator[Problem]:
    if ctx.version >= LOCATION_SINCE:
        return
    for tenant in ctx.tenants:
        for i, interval in enumerate(tenant.model.time_intervals):
            for j, spec in enumerate(interval.time_intervals):
                if spec.location is not None:
                    yield tenant.doc.problem(
                        (tenant.id, "time_intervals", i, "time_intervals", j, "location"),
                        RULE.id,
                        f"time interval 'location' needs Alertmanager >= {format_version(LOCATION_SINCE)}; "
                        f"target is {format_version(ctx.version)}",
                        "remove location (times are then UTC), or raise alertmanager_version",
                        at_key=True,
                    )


RULE = Rule(R133, ValidationLevel.STANDARD, "time interval fields exist in the target",
            check)
