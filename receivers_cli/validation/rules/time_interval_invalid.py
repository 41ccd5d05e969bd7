"""R164 time-interval-invalid: time intervals are ones Alertmanager loads.

Alertmanager refuses the whole configuration, for every tenant, when one time interval is
malformed, so each entry is checked here the way Alertmanager's ``timeinterval`` package reads it
(the same in 0.24 to 0.34): weekday names and ranges within one week (``monday:friday``, not
``saturday:sunday``); days of the month ``1``..``31`` or ``-31``..``-1`` with a start that is not
always after the end and a negative start only with a negative end; months ``1``..``12`` or names;
years with the start not after the end; plain ASCII numbers (``٣`` or ``+ 5`` are refused);
``times`` starting before they end. ``location`` is a file read of the tzdata folder and is
checked by R207 (file-field-forbidden), so it is reported once, there.

PASS::

    acme:
      metadata: {name: Acme}
      time_intervals:
        - name: office
          time_intervals:
            - weekdays: ["monday:friday"]
              days_of_month: ["1:-1"]
              months: ["january:june"]
              years: ["2024:2030"]
              times: [{start_time: "09:00", end_time: "17:00"}]
              location: Europe/Berlin

FAIL::

    acme:
      metadata: {name: Acme}
      time_intervals:
        - name: office
          time_intervals:
            - weekdays: ["friday:monday"]
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R164
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    from receivers_cli.alertmanager.timeintervals import spec_problems

    for tenant in ctx.tenants:
        for i, interval in enumerate(tenant.model.time_intervals):
            for j, spec in enumerate(interval.time_intervals):
                for path, message in spec_problems(spec.model_dump(exclude_none=True)):
                    if path[:1] == ("location",):
                        continue  # R207 owns location: it names a file Alertmanager reads
                    field = ".".join(str(p) for p in path[:1])
                    yield tenant.doc.problem(
                        (tenant.id, "time_intervals", i, "time_intervals", j, *path),
                        RULE.id,
                        f"time interval {interval.name!r}, {field}: {message}; Alertmanager would refuse "
                        "the whole config",
                        "see `receivers validate --explain R164` for what each field takes",
                    )


RULE = Rule(R164, ValidationLevel.STANDARD, "time intervals load in Alertmanager", check)
