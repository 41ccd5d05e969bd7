"""Warnings (R134, R501-R507): reported with their location, exit 0 unless --strict-warnings.

The rule docstrings hold one passing and one failing example each (test_rule_catalogue.py); these
tests cover the other shapes: native route trees, inherited timers, every reason a route or a
receiver is unreachable, and the exit codes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.api import load_project, validate_project
from receivers_cli.cli.app import app
from receivers_cli.errors import Problem, Severity
from receivers_cli.validation.levels import ValidationLevel
from tests.helpers import FIXTURES
from tests.repos import make_repo

WARNINGS = FIXTURES / "warnings"
HOOK = {"name": "hook", "channel_type": "webhook", "config": {"url": "https://example.com/a"}}


def _problems(root: Path, tenants: dict[str, object], platform: object = None) -> list[Problem]:
    make_repo(root, tenants, platform)  # type: ignore[arg-type]
    project = load_project([root / "tenants"], root / "receivers.yaml" if platform is not None else None)
    return validate_project(project, ValidationLevel.STANDARD)


def _fixture(root: Path, *names: str) -> list[Problem]:
    return _problems(root, {n: (WARNINGS / f"{n}.yaml").read_text("utf-8") for n in names})


def _found(problems: list[Problem]) -> list[tuple[int, str]]:
    assert all(p.severity is Severity.WARNING for p in problems), [str(p) for p in problems]
    return [(p.line, p.rule) for p in problems]


def test_timers_are_checked_with_the_values_each_native_route_inherits(tmp_path: Path) -> None:
    problems = _fixture(tmp_path, "timers")
    assert _found(problems) == [(12, "R503"), (14, "R504")]
    wait, repeat = problems
    assert "group_wait 5m is longer than group_interval 2m on the route at route.routes.0" in wait.message
    # The child sets only repeat_interval; group_interval 2m comes from the tenant route above it.
    assert "repeat_interval 1m is shorter than group_interval 2m on the route at route.routes.0.routes.0" \
        in repeat.message


def test_timers_inherited_unchanged_are_reported_once_where_set(tmp_path: Path) -> None:
    body = {"metadata": {"name": "A"}, "receivers": [HOOK],
            "routing": {"group_wait": "10m", "group_interval": "5m"},
            "route": {"receiver": "hook", "routes": [{"receiver": "hook", "matchers": ['team="a"']}]}}
    assert [(p.rule, p.path[-1]) for p in _problems(tmp_path, {"acme": body})] == [("R503", "group_wait")]


def test_tier_defaults_draw_no_timer_warning(tmp_path: Path) -> None:
    body = {"metadata": {"name": "A", "tier": "premium"}, "receivers": [HOOK]}
    assert _problems(tmp_path, {"acme": body}) == []


def test_the_platform_s_tiers_and_routes_are_checked_once_in_receivers_yaml(tmp_path: Path) -> None:
    platform = {
        "receivers": [{"name": "ops", "channel_type": "webhook", "config": {"url": "https://example.com/ops"}}],
        # basic: the tier's wait outlasts its interval; premium: its repeat comes before its interval.
        "tiers": {"basic": {"group_wait": "15m", "group_interval": "10m", "repeat_interval": "12h"},
                  "premium": {"group_wait": "10s", "group_interval": "2h", "repeat_interval": "1h"}},
        # A platform route inherits the root's timers (the standard tier's: 5m group_interval).
        "routes": {"before": [{"receiver": "ops", "matchers": ['team="sre"'], "repeat_interval": "1m"}]},
    }
    tenants = {"a": {"metadata": {"name": "A", "tier": "basic"}, "receivers": [HOOK]},
               "b": {"metadata": {"name": "B", "tier": "premium"}, "receivers": [HOOK]}}
    problems = _problems(tmp_path, tenants, platform)
    assert all(p.file.endswith("receivers.yaml") and p.severity is Severity.WARNING for p in problems), problems
    found = sorted((p.rule, ".".join(str(x) for x in p.path)) for p in problems)
    # Reported where the platform wrote them, once: the tenants of those tiers are not warned.
    assert found == [("R503", "tiers.basic.group_wait"), ("R504", "routes.before.0.repeat_interval"),
                     ("R504", "tiers.premium.repeat_interval")], found
    assert any("on the basic tier" in p.message for p in problems)
    assert any("on the route at routes.before.0" in p.message and "group_interval 5m" in p.message
               for p in problems)


def test_a_platform_file_without_tiers_draws_no_timer_warning(tmp_path: Path) -> None:
    assert _problems(tmp_path, {"a": {"metadata": {"name": "A"}, "receivers": [HOOK]}}, {}) == []


def test_every_reason_a_route_or_receiver_is_unreachable(tmp_path: Path) -> None:
    problems = _fixture(tmp_path, "routes")
    assert _found(problems) == [(5, "R507"), (7, "R507"), (8, "R507"), (16, "R507"), (17, "R507"), (19, "R507"),
                                (22, "R505")]
    text = "\n".join(p.message for p in problems)
    assert 'severity="critical" and severity="info" cannot both hold' in text  # min_severity vs match
    assert 'team="a" and team="b" cannot both hold' in text  # a child's matchers against its parent's
    assert "route.routes.2 (no continue) takes every alert it matches first" in text  # shadowed
    assert "active only during time intervals that are never active" in text
    assert "'off'" not in text and "'deep'" not in text  # disabled: on purpose; deep: reached at its parent


def test_a_catch_all_child_leaves_the_default_receiver_unreached(tmp_path: Path) -> None:
    body = {"metadata": {"name": "A"},
            "receivers": [HOOK, {**HOOK, "name": "other", "config": {"url": "https://example.com/b"}}],
            "route": {"receiver": "hook", "routes": [{"receiver": "other"}]}}
    (problem,) = _problems(tmp_path, {"acme": body})
    assert problem.rule == "R507" and "'hook'" in problem.message and "takes every alert first" in problem.message


def test_continue_routes_do_not_shadow(tmp_path: Path) -> None:
    body = {"metadata": {"name": "A"},
            "receivers": [HOOK, {**HOOK, "name": "other", "config": {"url": "https://example.com/b"}}],
            "route": {"receiver": "hook", "routes": [{"receiver": "other", "matchers": ['a="1"'], "continue": True},
                                                      {"receiver": "hook", "matchers": ['a="1"', 'b="2"']}]}}
    assert _problems(tmp_path, {"acme": body}) == []


@pytest.mark.parametrize(("spec", "never"), [
    ({"months": ["february"], "days_of_month": ["30:31"]}, True),
    ({"months": ["april", "june"], "days_of_month": ["31"]}, True),
    ({"weekdays": []}, True),
    ({"times": []}, True),
    ({"months": ["february"], "days_of_month": ["29"]}, False),  # leap years
    ({"months": ["february"], "days_of_month": ["29"], "years": ["2025:2027"]}, True),
    ({"weekdays": ["friday"], "days_of_month": ["13"], "months": ["february"]}, False),
    ({"days_of_month": ["-1"]}, False),
    ({"weekdays": ["saturday"], "times": [{"start_time": "09:00", "end_time": "17:00"}]}, False),
])
def test_time_interval_never_active(spec: dict[str, object], never: bool, tmp_path: Path) -> None:
    body = {"metadata": {"name": "A"}, "receivers": [{**HOOK, "muted_during": ["w"]}],
            "time_intervals": [{"name": "w", "time_intervals": [spec]}]}
    assert [p.rule for p in _problems(tmp_path, {"acme": body})] == (["R505"] if never else [])


def test_an_interval_is_the_union_of_its_entries(tmp_path: Path) -> None:
    dead = {"months": ["february"], "days_of_month": ["30"]}
    body = {"metadata": {"name": "A"}, "receivers": [{**HOOK, "muted_during": ["w"]}],
            "time_intervals": [{"name": "w", "time_intervals": [{"weekdays": ["monday"]}, dead]}]}
    (problem,) = _problems(tmp_path, {"acme": body})
    # The interval is active (on Mondays): only its second entry is dead text.
    assert problem.rule == "R505" and problem.path[-1] == 1
    assert "is never active" not in problem.message and "entry 1 never matches" in problem.message


def test_shared_intervals_of_receivers_yaml_are_checked(tmp_path: Path) -> None:
    platform = {"time_intervals": [
        {"name": "ok", "time_intervals": [{"weekdays": ["saturday", "sunday"]}]},
        {"name": "never", "time_intervals": [{"months": ["april"], "days_of_month": ["31"]}]},
    ]}
    problems = _problems(tmp_path, {"a": {"metadata": {"name": "A"}, "receivers": [HOOK]}}, platform)
    assert [(p.rule, p.file.endswith("receivers.yaml"), p.path) for p in problems] == [
        ("R505", True, ("time_intervals", 1, "time_intervals", 0))]
    assert "'never' is never active" in problems[0].message


def test_active_and_muted_during_the_same_interval(tmp_path: Path) -> None:
    body = {"metadata": {"name": "A"},
            "receivers": [{**HOOK, "active_during": ["w"], "muted_during": ["w"]},
                          {**HOOK, "name": "all", "config": {"url": "https://example.com/b"}}],
            "time_intervals": [{"name": "w", "time_intervals": [{"weekdays": ["monday"]}]}]}
    (problem,) = _problems(tmp_path, {"acme": body})
    assert problem.rule == "R505" and "never notifies" in problem.message


def test_test_severity_off_the_ladder_in_firing_alerts(tmp_path: Path) -> None:
    body = {"metadata": {"name": "A"}, "receivers": [HOOK],
            "tests": [{"name": "t", "labels": {"severity": "critical"}, "firing": [{"severity": "warn"}],
                       "expect": ["hook"]}]}
    (problem,) = _problems(tmp_path, {"acme": body})
    assert problem.rule == "R506" and problem.hint == "did you mean 'warning'?"


def test_disabled_receivers_only_reach_nobody(tmp_path: Path) -> None:
    body = {"metadata": {"name": "A"}, "receivers": [{**HOOK, "enabled": False}]}
    (problem,) = _problems(tmp_path, {"acme": body})
    assert problem.rule == "R501" and "only disabled receivers" in problem.message


def test_alerts_dropped_only_when_the_top_rung_reaches_nobody(tmp_path: Path) -> None:
    paging_only = {"metadata": {"name": "A"}, "receivers": [{**HOOK, "min_severity": "critical"}]}
    assert _problems(tmp_path / "a", {"acme": paging_only}) == []
    native_default = {"metadata": {"name": "A"},
                      "receivers": [{**HOOK, "match": {"team": "db"}},
                                    {**HOOK, "name": "all", "config": {"url": "https://example.com/b"}}],
                      "route": {"routes": [{"receiver": "all"}]}}
    assert [p.rule for p in _problems(tmp_path / "b", {"acme": native_default})] == []


def _cli(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_warnings_exit_0_unless_strict_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"timers": (WARNINGS / "timers.yaml").read_text("utf-8")})
    code, out = _cli(tmp_path, monkeypatch=monkeypatch)
    assert code == 0 and "warning R503" in out and "0 errors, 2 warnings" in out
    code, out = _cli(tmp_path, "--strict-warnings", monkeypatch=monkeypatch)
    assert code == 1 and "warning R503" in out


def test_warnings_are_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for rule in ("R501", "R502", "R503", "R504", "R505", "R506", "R507", "R134"):
        code, out = _cli(tmp_path, "--explain", rule, monkeypatch=monkeypatch)
        assert code == 0 and out.startswith(f"{rule} ") and "warning" in out.splitlines()[0], rule


def test_regex_like_values_in_native_routes(tmp_path: Path) -> None:
    body = {"metadata": {"name": "A"}, "receivers": [HOOK], "route": {"receiver": "hook", "routes": [
        {"match": {"component": "db|x"}},
        {"matchers": ['service="api.*"', 'team!="a|b"', 'env=~"prod|staging"', 'host="db1.example.com"']},
    ]}}
    problems = _problems(tmp_path, {"acme": body})
    assert [(p.rule, p.path[-2:]) for p in problems] == [
        ("R134", ("match", "component")), ("R134", ("matchers", 0)), ("R134", ("matchers", 1))]
