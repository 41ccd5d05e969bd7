from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from receivers_cli.alertmanager.routing import build_route_tree
from receivers_cli.alertmanager.timeintervals import (
    TimeIntervalError,
    apply_time_intervals,
    intervals_containing,
    parse_interval_spec,
    parse_time_intervals,
)


def contains(spec: dict[str, Any], moment: datetime) -> bool:
    return parse_interval_spec(spec).contains(moment)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def test_times_start_inclusive_end_exclusive() -> None:
    spec = {"times": [{"start_time": "09:00", "end_time": "17:00"}]}
    assert contains(spec, utc(2024, 5, 6, 9, 0))
    assert contains(spec, utc(2024, 5, 6, 16, 59))
    assert not contains(spec, utc(2024, 5, 6, 17, 0))
    assert not contains(spec, utc(2024, 5, 6, 8, 59))
    assert contains({"times": [{"start_time": "23:00", "end_time": "24:00"}]}, utc(2024, 5, 6, 23, 59))


def test_weekdays_sunday_first() -> None:
    weekend = {"weekdays": ["Saturday", "sunday"]}
    assert contains(weekend, utc(2024, 5, 5))  # a Sunday
    assert contains(weekend, utc(2024, 5, 4))  # a Saturday
    assert not contains(weekend, utc(2024, 5, 6))
    assert contains({"weekdays": ["monday:friday"]}, utc(2024, 5, 10))
    assert not contains({"weekdays": ["monday:friday"]}, utc(2024, 5, 11))
    with pytest.raises(TimeIntervalError, match="start day cannot be after the end day"):
        parse_interval_spec({"weekdays": ["saturday:sunday"]})


def test_days_of_month_with_negatives_and_clamping() -> None:
    last_two = {"days_of_month": ["-2:-1"]}
    assert contains(last_two, utc(2024, 2, 28)) and contains(last_two, utc(2024, 2, 29))  # leap year
    assert not contains(last_two, utc(2024, 2, 27))
    assert contains(last_two, utc(2023, 2, 27)) and not contains(last_two, utc(2023, 2, 26))
    assert contains({"days_of_month": ["25:31"]}, utc(2024, 2, 29))  # clamped to the month's end
    assert not contains({"days_of_month": ["30:31"]}, utc(2024, 2, 29))  # starts past the end
    assert contains({"days_of_month": ["1", "15"]}, utc(2024, 7, 15))
    # Counted back past the start of a short month, the range is empty (as in Alertmanager).
    assert not contains({"days_of_month": ["-31:-30"]}, utc(2024, 2, 1))
    assert contains({"days_of_month": ["-31:-29"]}, utc(2024, 2, 1))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("days_of_month", ["0"], "not a valid day"),
        ("days_of_month", ["32"], "not a valid day"),
        ("days_of_month", ["-3:5"], "end day must be negative"),
        ("days_of_month", ["10:5"], "always before"),
        ("months", ["may:january"], "before start month"),
        ("months", ["mayo"], "not a valid month"),
        ("years", ["2022:2020"], "before start year"),
        ("weekdays", ["funday"], "not a valid weekday"),
        ("weekdays", ["monday:tuesday:friday"], "invalid format"),
        ("times", [{"start_time": "9:00", "end_time": "10:00"}], "invalid format"),
        ("times", [{"start_time": "10:00", "end_time": "10:00"}], "equal or greater"),
        ("times", [{"start_time": "10:00"}], "both start and end"),
        ("times", [{"start_time": "24:00", "end_time": "24:00"}], "equal or greater"),
        ("location", "Mars/Olympus", "unknown time zone"),
    ],
)
def test_invalid_specs(field: str, value: Any, message: str) -> None:
    with pytest.raises(TimeIntervalError, match=message):
        parse_interval_spec({field: value})


def test_months_years_and_all_fields_anded() -> None:
    spec = {"months": ["may:august", "12"], "years": ["2024:2025"], "weekdays": ["monday:friday"]}
    assert contains(spec, utc(2024, 6, 3))
    assert contains(spec, utc(2025, 12, 1))
    assert not contains(spec, utc(2024, 6, 1))  # a Saturday
    assert not contains(spec, utc(2026, 6, 1))
    assert not contains(spec, utc(2024, 9, 2))
    assert contains({}, utc(2024, 1, 1))  # an empty spec is always


def test_location() -> None:
    spec = {"times": [{"start_time": "09:00", "end_time": "17:00"}], "location": "Europe/Berlin"}
    assert contains(spec, utc(2024, 7, 1, 7, 0))  # 09:00 CEST
    assert not contains(spec, utc(2024, 7, 1, 15, 0))  # 17:00 CEST
    assert contains(spec, utc(2024, 1, 15, 8, 0))  # 09:00 CET
    assert contains(spec, datetime(2024, 7, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))))
    assert contains({"times": [{"start_time": "07:00", "end_time": "08:00"}]}, datetime(2024, 7, 1, 7, 30))  # naive=UTC
    # Weekday and day of month are taken in the location too.
    tokyo = {"weekdays": ["monday"], "location": "Asia/Tokyo"}
    assert contains(tokyo, utc(2024, 5, 5, 16, 0))  # Sunday 16:00 UTC is Monday 01:00 in Tokyo


CONFIG: dict[str, Any] = {
    "route": {
        "receiver": "default",
        "routes": [
            {"matchers": ["team=db"], "receiver": "db", "continue": True, "mute_time_intervals": ["weekend"]},
            {"matchers": ["team=db"], "receiver": "db-office", "active_time_intervals": ["office", "weekend"]},
        ],
    },
    "receivers": [{"name": "default"}, {"name": "db"}, {"name": "db-office"}],
    "time_intervals": [
        {
            "name": "office",
            "time_intervals": [
                {"weekdays": ["monday:friday"], "times": [{"start_time": "09:00", "end_time": "17:00"}]},
            ],
        },
        {"name": "empty", "time_intervals": []},
    ],
    "mute_time_intervals": [{"name": "weekend", "time_intervals": [{"weekdays": ["saturday", "sunday"]}]}],
}  # fmt: skip


def test_routes_muted_and_active() -> None:
    root = build_route_tree(CONFIG)
    intervals = parse_time_intervals(CONFIG)
    assert set(intervals) == {"office", "weekend", "empty"}
    routes = root.match({"team": "db"})

    saturday = apply_time_intervals(routes, intervals, utc(2024, 5, 4, 12))
    assert [(n.receiver, n.muted, n.muted_by) for n in saturday] == [
        ("db", True, ("weekend",)),
        ("db-office", False, ()),
    ]

    monday_night = apply_time_intervals(routes, intervals, utc(2024, 5, 6, 22))
    assert [(n.receiver, n.muted, n.outside_active) for n in monday_night] == [
        ("db", False, False),
        ("db-office", True, True),
    ]

    monday_noon = apply_time_intervals(routes, intervals, utc(2024, 5, 6, 12))
    assert not any(n.muted for n in monday_noon)
    assert intervals_containing(["empty"], intervals, utc(2024, 5, 6, 12)) == []  # no specs: never


def test_interval_errors() -> None:
    with pytest.raises(TimeIntervalError, match="doesn't exist"):
        intervals_containing(["nope"], {}, utc(2024, 1, 1))
    with pytest.raises(TimeIntervalError, match="not unique"):
        parse_time_intervals({"time_intervals": [{"name": "a"}], "mute_time_intervals": [{"name": "a"}]})
    with pytest.raises(TimeIntervalError, match=r"time interval 'x': .*not a valid weekday"):
        parse_time_intervals({"time_intervals": [{"name": "x", "time_intervals": [{"weekdays": ["x"]}]}]})
