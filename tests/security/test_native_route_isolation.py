"""Hostile native routes: a tenant's ``route:`` can neither name the tenant label (any operator,
any spelling), nor reach another tenant's receivers or intervals, nor grow without bound."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from receivers_cli.api import load_project, validate_project
from receivers_cli.errors import Severity
from receivers_cli.render.yaml_emit import dump
from receivers_cli.validation.levels import ValidationLevel

VICTIM = {"victim": {"metadata": {"name": "Victim"}, "receivers": [{"name": "hook", "channel_type": "webhook",
          "config": {"url": "https://victim.example.com/h"}}],
          "time_intervals": [{"name": "nights", "time_intervals": [{"times": [{"start_time": "00:00",
                                                                              "end_time": "06:00"}]}]}]}}


def _problems(tmp_path: Path, route: dict[str, Any], version: str = "0.33") -> list[tuple[str, str]]:
    tenants = tmp_path / "tenants"
    tenants.mkdir(exist_ok=True)
    (tenants / "victim.yaml").write_text(dump(VICTIM), encoding="utf-8")
    attacker = {"attacker": {"metadata": {"name": "Attacker"}, "receivers": [
        {"name": "hook", "channel_type": "webhook", "config": {"url": "https://attacker.example.com/h"}}],
        "route": route}}
    (tenants / "attacker.yaml").write_text(dump(attacker), encoding="utf-8")
    config = tmp_path / "receivers.yaml"
    config.write_text(f'alertmanager_version: "{version}"\n', encoding="utf-8")
    project = load_project([tenants], config)
    # Errors only: the attack files are minimal, so warnings (R5xx: no default receiver, ...) may join.
    return [(p.rule, p.message) for p in validate_project(project, ValidationLevel.STANDARD)
            if p.severity is Severity.ERROR]


SPELLINGS = [
    'tenant="victim"', 'tenant!="attacker"', 'tenant=~"vic.*"', 'tenant!~"attacker"',
    '"tenant"="victim"', '{tenant="victim"}', ' tenant = "victim" ', 'alertname="x",tenant=~".+"',
    '"ten\\u0061nt"="victim"', '"\\x74enant"=~".*"',
]


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("version", ["0.25", "0.33"])
def test_tenant_label_matcher_in_nested_route_is_refused(tmp_path: Path, spelling: str, version: str) -> None:
    route = {"routes": [{"receiver": "hook", "routes": [{"receiver": "hook", "matchers": [spelling]}]}]}
    problems = _problems(tmp_path, route, version)
    # Refused either as a tenant-label matcher or (a spelling this parser version cannot read) as invalid.
    assert any(rule in ("R131", "R136") for rule, _ in problems), problems


@pytest.mark.parametrize("key", ["match", "match_re"])
def test_tenant_label_in_old_forms_is_refused(tmp_path: Path, key: str) -> None:
    route = {"routes": [{"receiver": "hook", key: {"tenant": "victim"}}]}
    assert any(rule == "R131" for rule, _ in _problems(tmp_path, route))


@pytest.mark.parametrize("route", [
    {"receiver": "victim/hook"},  # not an id: the structure check refuses it
    {"routes": [{"receiver": "../victim/hook"}]},
    {"routes": [{"receiver": "hoook"}]},
    {"routes": [{"receiver": "hook", "active_time_intervals": ["nights"]}]},  # the victim's interval
    {"routes": [{"receiver": "hook", "mute_time_intervals": ["victim/nights"]}]},
    {"routes": [{"receiver": "hook", "mute_time_intervals": ["_platform/nights"]}]},  # no such platform one
])
def test_references_outside_the_tenant_are_refused(tmp_path: Path, route: dict[str, Any]) -> None:
    problems = _problems(tmp_path, route)
    # R112/R102: not a name of this tenant's (structure); R135: no such receiver or interval here.
    assert problems and {rule for rule, _ in problems} <= {"R112", "R102", "R135"}, problems


def test_unknown_receiver_has_did_you_mean(tmp_path: Path) -> None:
    problems = _problems(tmp_path, {"routes": [{"receiver": "hoook"}]})
    assert ("R135", "receiver 'hoook' is not defined by tenant attacker") in problems


def test_deep_nesting_is_refused_quickly(tmp_path: Path) -> None:
    node: dict[str, Any] = {"receiver": "hook"}
    for _ in range(25):
        node = {"receiver": "hook", "routes": [node]}
    started = time.monotonic()
    problems = _problems(tmp_path, {"routes": [node]})
    assert [r for r, _ in problems] == ["R138"], problems
    assert time.monotonic() - started < 10


def test_too_many_routes_are_refused(tmp_path: Path) -> None:
    routes = [{"receiver": "hook", "matchers": [f'n="{i}"']} for i in range(600)]
    problems = _problems(tmp_path, {"routes": routes})
    assert [r for r, _ in problems] == ["R138"]


def test_huge_regex_is_refused(tmp_path: Path) -> None:
    problems = _problems(tmp_path, {"routes": [{"receiver": "hook", "matchers": ['a=~"' + "x|" * 3000 + 'y"']}]})
    assert [r for r, _ in problems] == ["R136"]


def test_shorthand_on_a_tree_routed_receiver_is_refused(tmp_path: Path) -> None:
    tenants = tmp_path / "tenants"
    tenants.mkdir()
    (tenants / "acme.yaml").write_text(dump({"acme": {"metadata": {"name": "Acme"}, "receivers": [
        {"name": "hook", "channel_type": "webhook", "min_severity": "critical",
         "config": {"url": "https://a.example.com/h"}}], "route": {"receiver": "hook"}}}), encoding="utf-8")
    project = load_project([tenants], None)
    problems = validate_project(project, ValidationLevel.STANDARD)
    assert [(p.rule, p.path[-1]) for p in problems] == [("R137", "min_severity")]
