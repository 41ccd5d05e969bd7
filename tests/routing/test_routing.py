from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from receivers_cli.alertmanager.routing import (
    RoutingError,
    build_route_tree,
    parse_duration,
    receivers_for,
    routes_test_output,
)
from tests.routing.amtool_support import Amtool

# The example of tooling.md §3, with its transcript of amtool 0.25 answers.
TWO_TENANTS: dict[str, Any] = {
    "route": {
        "receiver": "default",
        "group_by": ["tenant", "alertname"],
        "routes": [
            {
                "matchers": ['tenant="acme"'],
                "receiver": "acme-default",
                "routes": [
                    {"matchers": ['severity=~"critical|warning"'], "continue": True, "receiver": "acme-oncall"},
                    {"matchers": ['severity="critical"'], "continue": True, "receiver": "acme-pager"},
                ],
            },
            {
                "matchers": ['tenant="globex"'],
                "receiver": "globex-default",
                "routes": [
                    {"matchers": ['severity=~"critical|warning"'], "continue": True, "receiver": "globex-oncall"},
                    {"matchers": ['severity="critical"'], "continue": True, "receiver": "globex-chat"},
                ],
            },
        ],
    },
    "receivers": [
        {"name": n}
        for n in [
            "default",
            "acme-default",
            "acme-oncall",
            "acme-pager",
            "globex-default",
            "globex-oncall",
            "globex-chat",
        ]
    ],
}


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ({"tenant": "acme", "severity": "critical"}, "acme-oncall,acme-pager"),
        ({"tenant": "acme", "severity": "warning"}, "acme-oncall"),
        ({"tenant": "acme", "severity": "info"}, "acme-default"),
        ({"tenant": "initech"}, "default"),
        ({}, "default"),
        ({"tenant": "globex", "severity": "critical"}, "globex-oncall,globex-chat"),
    ],
)
def test_documented_answers(labels: dict[str, str], expected: str) -> None:
    assert routes_test_output(build_route_tree(TWO_TENANTS), labels) == expected


def test_first_match_wins_without_continue_and_duplicates_are_kept() -> None:
    config = {
        "route": {
            "receiver": "d",
            "routes": [
                {"receiver": "x", "matchers": ["a=1"], "continue": True},
                {"receiver": "x", "matchers": ['a=~"1|2"'], "continue": True},
                {"matchers": ['b=""']},  # inherits "d"
                {"receiver": "never", "matchers": ['a=~".*"']},
            ],
        },
        "receivers": [{"name": "d"}, {"name": "x"}, {"name": "never"}],
    }
    root = build_route_tree(config)
    assert receivers_for(root, {"a": "1"}) == ["x", "x", "d"]  # amtool 0.25 prints x,x,d
    assert receivers_for(root, {"a": "1", "b": "2"}) == ["x", "x", "never"]
    assert receivers_for(root, {"b": "2"}) == ["never"]
    assert [r.path for r in root.match({"a": "1"})] == [(0,), (1,), (2,)]


def test_a_matching_node_with_no_matching_child_is_the_match() -> None:
    root = build_route_tree(TWO_TENANTS)
    (match,) = root.match({"tenant": "acme"})
    assert match.path == (0,)
    assert match.raw is TWO_TENANTS["route"]["routes"][0]
    assert root.find((1, 1)).receiver == "globex-chat"


def test_inheritance() -> None:
    config = {
        "route": {
            "receiver": "root",
            "group_by": ["alertname"],
            "group_wait": "10s",
            "repeat_interval": "1h30m",
            "routes": [
                {
                    "matchers": ["team=db"],
                    "group_by": ["..."],
                    "group_interval": "1m",
                    "mute_time_intervals": ["nights"],
                    "routes": [{"matchers": ["severity=critical"], "receiver": "pager"}, {"matchers": ["x=y"]}],
                }
            ],
        }
    }
    root = build_route_tree(config)
    team = root.routes[0]
    assert (team.receiver, team.group_by_all, team.group_wait, team.group_interval) == (
        "root",
        True,
        timedelta(seconds=10),
        timedelta(minutes=1),
    )
    assert team.repeat_interval == timedelta(hours=1, minutes=30)
    pager, other = team.routes
    assert pager.receiver == "pager" and other.receiver == "root"
    assert pager.group_by_all and pager.group_interval == timedelta(minutes=1)
    assert team.mute_time_intervals == ("nights",) and pager.mute_time_intervals == ()  # not inherited
    assert root.group_by == ("alertname",) and root.group_interval == timedelta(minutes=5)
    assert str(pager) == '{severity="critical"}  receiver: pager'
    assert [r.path for r in root.walk()] == [(), (0,), (0, 0), (0, 1)]


def test_empty_group_by_depends_on_version() -> None:
    config = {"receiver": "r", "group_by": ["a"], "routes": [{"group_by": [], "matchers": ["x=y"]}]}
    assert build_route_tree(config, (0, 25)).routes[0].group_by == ("a",)
    assert build_route_tree(config, (0, 31)).routes[0].group_by == ()


def test_legacy_and_new_matchers_are_anded() -> None:
    config = {
        "receiver": "r",
        "routes": [{"receiver": "hit", "match": {"a": "1"}, "match_re": {"b": "x|y"}, "matchers": ["c!=z"]}],
    }
    root = build_route_tree(config)
    assert receivers_for(root, {"a": "1", "b": "y"}) == ["hit"]
    assert receivers_for(root, {"a": "1", "b": "y", "c": "z"}) == ["r"]
    assert receivers_for(root, {"a": "1", "b": "yy"}) == ["r"]


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ({}, "default receiver"),
        ({"receiver": "r", "matchers": ["a=b"]}, "must not have any matchers"),
        ({"receiver": "r", "continue": True}, "continue in root"),
        ({"receiver": "r", "routes": [{"matchers": ["a"]}]}, "route.routes[0]: bad matcher format: a"),
        ({"receiver": "r", "routes": [{"group_wait": "1.5m"}]}, "not a valid duration"),
        ({"receiver": "r", "routes": [{"group_interval": "0"}]}, "group_interval cannot be zero"),
        ({"receiver": "r", "routes": [{"group_by": ["...", "a"]}]}, "wildcard"),
        ({"receiver": "r", "routes": [{"recevier": "x"}]}, "field recevier not found"),
        (
            {"receiver": "r", "routes": [{"routes": [{"receiver": "nope"}]}]},
            "route.routes[0].routes[0]: undefined receiver",
        ),
    ],
)
def test_invalid_trees(route: dict[str, Any], message: str) -> None:
    with pytest.raises(RoutingError) as caught:
        build_route_tree({"route": route, "receivers": [{"name": "r"}]})
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", timedelta(0)), ("30s", timedelta(seconds=30)), ("1h30m", timedelta(minutes=90)), ("1y", timedelta(days=365)),
     ("2w1d", timedelta(days=15)), ("100ms", timedelta(milliseconds=100))],
)  # fmt: skip
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "1.5m", "30m1h", "5", "1hh", "-1s"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.amtool
def test_documented_answers_agree_with_amtool(amtool: Amtool) -> None:
    path = amtool.write_config(TWO_TENANTS, "two-tenants.yml")
    root = build_route_tree(TWO_TENANTS)
    for labels in ({"tenant": "acme", "severity": "critical"}, {"tenant": "globex", "severity": "warning"}, {}):
        assert routes_test_output(root, labels) == amtool.routes_test(path, labels)
