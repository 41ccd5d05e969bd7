"""R505 time-interval-never-active: every time interval can be active at some moment (warning).

A time interval spec is the intersection of its fields (``times`` and ``weekdays`` and
``days_of_month`` and ``months`` and ``years``). Alertmanager loads one that no date satisfies,
such as ``months: [february]`` with ``days_of_month: ["30:31"]``, or an empty list
(``weekdays: []`` matches no day), and then never applies it: a route ``active_during`` it never
notifies, one ``muted_during`` it is never muted. The check tries every day of 28 years (every
weekday and leap-year combination) or of the listed ``years``. An interval is the union of its
entries, so an entry that cannot match beside others that can is reported as dead text. A receiver
both ``active_during`` and ``muted_during`` the same interval is never notified either. The shared
intervals of ``receivers.yaml`` are checked the same way.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, active_during: [month-end], config: {url: "https://example.com/a"}}
        - {name: all, channel_type: webhook, config: {url: "https://example.com/b"}}
      time_intervals:
        - name: month-end
          time_intervals: [{months: [february], days_of_month: ["-1"]}]

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, muted_during: [month-end], config: {url: "https://example.com/a"}}
      time_intervals:
        - name: month-end
          time_intervals: [{months: [february], days_of_month: ["30:31"]}]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from receivers_cli.alertmanager.timeintervals import IntervalSpec, TimeIntervalError, parse_interval_spec
from receivers_cli.codes import R505
from receivers_cli.errors import Problem
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import TimeInterval, TimeIntervalSpec
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._warn import warning

CYCLE_YEARS = 28  # weekdays and leap years repeat every 28 years (within 1901-2099)
FIRST_YEAR = 2024


def why_never(spec: TimeIntervalSpec) -> str | None:
    """Why no moment satisfies ``spec`` (None when some moment does, or it does not load: R164)."""
    try:
        parsed = parse_interval_spec(spec.model_dump(exclude_none=True))
    except TimeIntervalError:
        return None
    for name in ("times", "weekdays", "days_of_month", "months", "years"):
        if getattr(parsed, name) == ():
            return f"{name}: [] matches nothing"
    if parsed.days_of_month is None and parsed.years is None:
        return None  # weekdays and months alone always meet some day
    return None if _some_day(parsed) else "no date satisfies its days_of_month, months, weekdays and years together"


def _some_day(spec: IntervalSpec) -> bool:
    # Days only: the time of day and the zone do not change which dates exist.
    day_spec = replace(spec, times=None, location=None, location_name=None)
    years = [b for b, _ in spec.years] if spec.years else [FIRST_YEAR]
    for start in years:
        day = date(max(start, 1), 1, 1)
        end = date(min(day.year + CYCLE_YEARS, 9999), 1, 1)
        while day < end:
            if day_spec.contains(datetime(day.year, day.month, day.day, 12)):
                return True
            day += timedelta(days=1)
    return False


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        yield from _intervals(tenant.doc, (tenant.id, "time_intervals"), tenant.model.time_intervals)
        for i, receiver in enumerate(tenant.model.receivers):
            for name in sorted(set(receiver.active_during) & set(receiver.muted_during)):
                k = receiver.active_during.index(name)
                yield warning(tenant.doc.problem(
                    (tenant.id, "receivers", i, "active_during", k), RULE.id,
                    f"receiver {receiver.name!r} is active during and muted during {name!r}: it never notifies",
                    "keep the interval in one of active_during and muted_during",
                ))


def platform_problems(platform: Platform, doc: SourceDocument) -> Iterator[Problem]:
    """The same check of the shared intervals in ``receivers.yaml`` (every tenant may use them)."""
    yield from _intervals(doc, ("time_intervals",), platform.time_intervals)


def _intervals(doc: SourceDocument, base: DataPath, intervals: Sequence[TimeInterval]) -> Iterator[Problem]:
    """An interval is the union of its specs: it is never active when none of them can match; a
    spec that cannot match beside others that can is dead text, said as such."""
    for j, interval in enumerate(intervals):
        reasons = [why_never(spec) for spec in interval.time_intervals]
        for k, reason in enumerate(reasons):
            if reason is None:
                continue
            if all(r is not None for r in reasons):
                message = f"time interval {interval.name!r} is never active: {reason}"
            else:
                message = (f"time interval {interval.name!r}: its entry {k} never matches ({reason}); "
                           "the interval is active only through its other entries")
            yield warning(doc.problem(
                (*base, j, "time_intervals", k), RULE.id, message,
                "fix the dates (e.g. days_of_month: [\"-1\"] is the last day of any month)",
            ))


RULE = Rule(R505, ValidationLevel.STANDARD, "time intervals can be active (warning)", check, warning=True)
