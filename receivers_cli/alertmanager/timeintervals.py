"""Alertmanager time intervals: parse ``time_intervals``/``mute_time_intervals`` and evaluate them.

A named interval is a list of specs; it contains a moment when **any** spec does. A spec ANDs its
fields, an omitted field meaning "any":

* ``times``: ``HH:MM`` (two-digit hours, ``24:00`` allowed as an end); start inclusive, end
  exclusive, start before end.
* ``weekdays``: names (case-insensitive) or inclusive ranges ``monday:friday``; the week runs
  Sunday (0) to Saturday (6), so ``saturday:sunday`` is invalid.
* ``days_of_month``: ``1``..``31`` or ``-31``..``-1`` (from the end of the month), ranges
  ``1:5``/``-3:-1``; a negative start needs a negative end; days past the month's end are clamped.
* ``months``: names or numbers, ranges; ``years``: numbers, ranges.
* ``location``: an IANA zone, ``UTC`` or ``Local`` (the machine's zone); default UTC.

Routes: a route with ``mute_time_intervals`` is muted while any of them contains the moment; a
route with ``active_time_intervals`` is muted while none of them does. A muted route still
*matches* (it stops the search for siblings like any match) but notifies nobody:
:func:`apply_time_intervals` returns the matches with a ``muted`` flag.

Difference from 0.25, on purpose: 0.25 computed the month length from a duration, so in a zone
with a DST change that month was one day short for negative ``days_of_month``; this module uses
the calendar (as Alertmanager does since the fix in 0.29+).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from receivers_cli.alertmanager.routing import Route

__all__ = [
    "IntervalSpec",
    "RouteNotification",
    "TimeIntervalError",
    "TimeRange",
    "apply_time_intervals",
    "intervals_containing",
    "is_route_muted",
    "parse_interval_spec",
    "parse_time_intervals",
    "spec_problems",
]

_WEEKDAYS = {
    name: index
    for index, name in enumerate(["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"])
}
_MONTH_NAMES = "january february march april may june july august september october november december"
_MONTHS = {name: index + 1 for index, name in enumerate(_MONTH_NAMES.split())}
_VALID_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]\Z|24:00\Z")
_SPEC_KEYS = frozenset({"times", "weekdays", "days_of_month", "months", "years", "location"})


class TimeIntervalError(ValueError):
    """A time interval definition Alertmanager would refuse, or an undefined interval name."""


Range = tuple[int, int]


@dataclass(frozen=True)
class TimeRange:
    start_minute: int
    end_minute: int

    def __str__(self) -> str:
        start, end = divmod(self.start_minute, 60), divmod(self.end_minute, 60)
        return f"{start[0]:02d}:{start[1]:02d}-{end[0]:02d}:{end[1]:02d}"


@dataclass(frozen=True)
class IntervalSpec:
    """One entry of a named interval's ``time_intervals`` list; ``None`` fields match anything."""

    times: tuple[TimeRange, ...] | None = None
    weekdays: tuple[Range, ...] | None = None
    days_of_month: tuple[Range, ...] | None = None
    months: tuple[Range, ...] | None = None
    years: tuple[Range, ...] | None = None
    location: tzinfo | None = None
    location_name: str | None = None

    def contains(self, moment: datetime) -> bool:
        """Whether ``moment`` (naive = UTC) falls inside this spec."""
        local = _localize(moment, self.location)
        if self.times is not None:
            minute = local.hour * 60 + local.minute
            if not any(r.start_minute <= minute < r.end_minute for r in self.times):
                return False
        if self.days_of_month is not None and not any(
            _day_in_range(local, begin, end) for begin, end in self.days_of_month
        ):
            return False
        if self.months is not None and not any(b <= local.month <= e for b, e in self.months):
            return False
        weekday = (local.weekday() + 1) % 7  # Sunday = 0
        if self.weekdays is not None and not any(b <= weekday <= e for b, e in self.weekdays):
            return False
        return self.years is None or any(b <= local.year <= e for b, e in self.years)


def _localize(moment: datetime, location: tzinfo | None) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if location is None:
        return moment.astimezone(UTC)
    return moment.astimezone(location)


def _day_in_range(local: datetime, begin: int, end: int) -> bool:
    days = calendar.monthrange(local.year, local.month)[1]
    first = days + begin + 1 if begin < 0 else begin
    last = days + end + 1 if end < 0 else end
    if first > days:
        return False
    first = max(-days, min(first, days))
    last = max(-days, min(last, days))
    return first <= local.day <= last


# --------------------------------------------------------------------------- parsing


def _strings(value: object, field: str) -> list[str]:
    if not isinstance(value, list):
        raise TimeIntervalError(f"{field} must be a list")
    return [str(item).lower() for item in value]


# Go's strconv.Atoi: an optional sign and ASCII digits, within int64. Python's int() also takes
# " 5", "5_0" and "٥", which Alertmanager refuses.
_GO_INT = re.compile(r"[+-]?[0-9]+\Z")
_INT64 = 2**63


def _member(text: str, names: Mapping[str, int], what: str, numeric: bool) -> int:
    if text in names:
        return names[text]
    if numeric and _GO_INT.match(text) and -_INT64 <= int(text) < _INT64:
        return int(text)
    raise TimeIntervalError(f"{text!r} is not a valid {what}")


def _range(text: str, names: Mapping[str, int], what: str, numeric: bool) -> Range:
    if ":" in text:
        parts = text.split(":")
        if len(parts) != 2:
            raise TimeIntervalError(f"couldn't parse range {text}, invalid format")
        return _member(parts[0], names, what, numeric), _member(parts[1], names, what, numeric)
    value = _member(text, names, what, numeric)
    return value, value


def _weekdays(value: object) -> tuple[Range, ...]:
    result = []
    for text in _strings(value, "weekdays"):
        begin, end = _range(text, _WEEKDAYS, "weekday", numeric=False)
        if begin > end:
            raise TimeIntervalError(
                f"{text!r}: the week runs sunday to saturday, so the start day cannot be after the end day"
            )
        result.append((begin, end))
    return tuple(result)


def _days_of_month(value: object) -> tuple[Range, ...]:
    result = []
    for text in _strings(value, "days_of_month"):
        begin, end = _range(text, {}, "day of the month", numeric=True)
        for day in (begin, end):
            if day == 0 or not -31 <= day <= 31:
                raise TimeIntervalError(f"{day} is not a valid day of the month: out of range")
        if begin < 0 < end:
            raise TimeIntervalError("end day must be negative if start day is negative")
        check_begin = 28 + begin if begin < 0 else begin
        check_end = 28 + end if end < 0 else end
        if check_begin > check_end:
            raise TimeIntervalError(f"end day {end} is always before start day {begin}")
        result.append((begin, end))
    return tuple(result)


def _months(value: object) -> tuple[Range, ...]:
    result = []
    for text in _strings(value, "months"):
        begin, end = _range(text, _MONTHS, "month", numeric=True)
        for month in (begin, end):
            # Alertmanager takes any number here and then never matches it; a month that can never
            # match is a mistake, so it is refused.
            if not 1 <= month <= 12:
                raise TimeIntervalError(f"{month} is not a month (1-12 or a name)")
        if begin > end:
            raise TimeIntervalError(f"end month {end} is before start month {begin}")
        result.append((begin, end))
    return tuple(result)


def _years(value: object) -> tuple[Range, ...]:
    result = []
    for text in _strings(value, "years"):
        begin, end = _range(text, {}, "year", numeric=True)
        if begin > end:
            raise TimeIntervalError(f"end year {end} is before start year {begin}")
        result.append((begin, end))
    return tuple(result)


def _minutes(text: object) -> int:
    value = str(text)
    if not _VALID_TIME.match(value):
        raise TimeIntervalError(f"couldn't parse timestamp {value}, invalid format")
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def _times(value: object) -> tuple[TimeRange, ...]:
    if not isinstance(value, list):
        raise TimeIntervalError("times must be a list")
    result = []
    for item in value:
        if not isinstance(item, Mapping):
            raise TimeIntervalError("a times entry must have start_time and end_time")
        if not item.get("start_time") or not item.get("end_time"):
            raise TimeIntervalError("both start and end times must be provided")
        start, end = _minutes(item["start_time"]), _minutes(item["end_time"])
        if start >= end:
            raise TimeIntervalError("start time cannot be equal or greater than end time")
        result.append(TimeRange(start, end))
    return tuple(result)


# An IANA zone name: slash-separated components, each starting with a letter. Anything else
# (``..``, absolute paths, dots) is not a zone, whatever file it might name on the Alertmanager host.
ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z][A-Za-z0-9_+-]*)*\Z")
ZONE_KEYWORDS = frozenset({"", "UTC", "Local"})


def valid_zone(name: str) -> bool:
    """Whether ``name`` is a ``location`` Alertmanager loads as a zone (and not as some file)."""
    if name in ZONE_KEYWORDS:
        return True
    if not ZONE_NAME.match(name):
        return False
    try:
        ZoneInfo(name)
        return True
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return not _known_zones()  # without a tzdata directory, the shape is all we can check


@cache
def _known_zones() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def _location(name: object) -> tzinfo | None:
    text = str(name)
    if text in ("", "UTC"):
        return UTC
    if text == "Local":
        return datetime.now().astimezone().tzinfo
    if not ZONE_NAME.match(text):
        raise TimeIntervalError(f"{text!r} is not an IANA time zone name (like Europe/Berlin)")
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise TimeIntervalError(f"unknown time zone {text!r}") from None


def spec_problems(spec: Mapping[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every reason Alertmanager would refuse one spec, as (path inside the spec, message).

    Each list entry is checked on its own so the message points at the entry itself.
    """
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for key in sorted(set(spec) - _SPEC_KEYS):
        problems.append(((key,), f"field {key} not found in type timeinterval.plain"))
    parsers = {"times": _times, "weekdays": _weekdays, "days_of_month": _days_of_month, "months": _months,
               "years": _years}
    for key, parse in parsers.items():
        value = spec.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            problems.append(((key,), f"{key} must be a list"))
            continue
        for i, item in enumerate(value):
            try:
                parse([item])
            except TimeIntervalError as error:
                problems.append(((key, i), str(error)))
    if spec.get("location") is not None:
        try:
            _location(spec["location"])
        except TimeIntervalError as error:
            problems.append((("location",), str(error)))
    return problems


def parse_interval_spec(spec: Mapping[str, Any]) -> IntervalSpec:
    """One spec (``times``, ``weekdays``, ``days_of_month``, ``months``, ``years``, ``location``)."""
    unknown = sorted(set(spec) - _SPEC_KEYS)
    if unknown:
        raise TimeIntervalError(f"field {unknown[0]} not found in type timeinterval.plain")

    def present(key: str) -> bool:
        return spec.get(key) is not None

    return IntervalSpec(
        times=_times(spec["times"]) if present("times") else None,
        weekdays=_weekdays(spec["weekdays"]) if present("weekdays") else None,
        days_of_month=_days_of_month(spec["days_of_month"]) if present("days_of_month") else None,
        months=_months(spec["months"]) if present("months") else None,
        years=_years(spec["years"]) if present("years") else None,
        location=_location(spec["location"]) if present("location") else None,
        location_name=str(spec["location"]) if present("location") else None,
    )


def parse_time_intervals(config: Mapping[str, Any]) -> dict[str, list[IntervalSpec]]:
    """Every named interval of a native config (``time_intervals`` and ``mute_time_intervals``)."""
    result: dict[str, list[IntervalSpec]] = {}
    for key in ("mute_time_intervals", "time_intervals"):
        for entry in config.get(key) or []:
            if not isinstance(entry, Mapping):
                raise TimeIntervalError(f"{key} entries must be mappings")
            name = entry.get("name")
            if not name:
                raise TimeIntervalError("missing name in time interval")
            if name in result:
                raise TimeIntervalError(f"time interval {name!r} is not unique")
            try:
                result[str(name)] = [parse_interval_spec(spec) for spec in entry.get("time_intervals") or []]
            except TimeIntervalError as error:
                raise TimeIntervalError(f"time interval {name!r}: {error}") from None
    return result


# --------------------------------------------------------------------------- routes


def intervals_containing(
    names: Iterable[str], intervals: Mapping[str, Sequence[IntervalSpec]], moment: datetime
) -> list[str]:
    """The names among ``names`` whose interval contains ``moment``; unknown names raise."""
    found = []
    for name in names:
        if name not in intervals:
            raise TimeIntervalError(f"time interval {name} doesn't exist in config")
        if any(spec.contains(moment) for spec in intervals[name]):
            found.append(name)
    return found


@dataclass(frozen=True)
class RouteNotification:
    """A matched route and whether it notifies at the given moment."""

    route: Route
    muted_by: tuple[str, ...] = ()  # mute_time_intervals that contain the moment
    outside_active: bool = False  # active_time_intervals are set and none contains the moment

    @property
    def receiver(self) -> str:
        return self.route.receiver

    @property
    def muted(self) -> bool:
        return bool(self.muted_by) or self.outside_active


def is_route_muted(route: Route, intervals: Mapping[str, Sequence[IntervalSpec]], moment: datetime) -> bool:
    return apply_time_intervals([route], intervals, moment)[0].muted


def apply_time_intervals(
    routes: Sequence[Route], intervals: Mapping[str, Sequence[IntervalSpec]], moment: datetime
) -> list[RouteNotification]:
    """Flag each matched route muted or not at ``moment`` (naive datetimes are UTC)."""
    result = []
    for route in routes:
        muted_by = intervals_containing(route.mute_time_intervals, intervals, moment)
        outside = bool(route.active_time_intervals) and not intervals_containing(
            route.active_time_intervals, intervals, moment
        )
        result.append(RouteNotification(route, tuple(muted_by), outside))
    return result
