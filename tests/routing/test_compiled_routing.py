"""The compiled tree (receivers_cli/alertmanager/compiled_routing.py) answers exactly like ``Route.match``.

Two generators: the routing property tests' random configs (all four operators, legacy maps,
nested ``continue``), and wide nodes where many children pin one label by equality (the shape
the compiled index serves), mixed with children that pin it twice, pin another label, pin it by
regex or not at all, so that every branch of the index is taken."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receivers_cli.alertmanager.compiled_routing import compile_tree
from receivers_cli.alertmanager.routing import Route, build_route_tree
from tests.routing.test_amtool_agreement import LABEL_NAMES, VALUES, route_node, scenario

TEAMS = [f"t{i}" for i in range(6)]


@st.composite
def wide_child(draw: st.DrawFn, depth: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(["pin", "pin", "pin", "pin-twice", "pin-other", "regex", "none", "not-equal"]))
    team = draw(st.sampled_from([*TEAMS, ""]))
    matchers = {
        "pin": [f'team="{team}"'],
        "pin-twice": [f'team="{team}"', f'team="{draw(st.sampled_from(TEAMS))}"'],
        "pin-other": [f'env="{draw(st.sampled_from(["prod", "dev"]))}"'],
        "regex": [f'team=~"{team}|t1"'],
        "none": [],
        "not-equal": [f'team!="{team}"'],
    }[kind]
    if draw(st.booleans()):
        matchers.append(f'severity=~"{draw(st.sampled_from(["critical", "warning|info", ".*"]))}"')
    node: dict[str, Any] = {"receiver": draw(st.sampled_from(["a", "b", "c"]))}
    if matchers:
        node["matchers"] = matchers
    if draw(st.booleans()):
        node["continue"] = True
    if depth < 2 and draw(st.integers(0, 3)) == 0:
        node["routes"] = draw(st.lists(wide_child(depth + 1), min_size=1, max_size=8))
    return node


@st.composite
def wide_case(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, str]]]:
    routes = draw(st.lists(wide_child(1), min_size=4, max_size=24))
    config = {"route": {"receiver": "default", "routes": routes},
              "receivers": [{"name": n} for n in ("default", "a", "b", "c")]}
    labels = st.fixed_dictionaries({}, optional={
        "team": st.sampled_from([*TEAMS, "", "t9"]), "env": st.sampled_from(["prod", "dev", "qa"]),
        "severity": st.sampled_from(["critical", "warning", "info", ""])})
    return config, draw(st.lists(labels, min_size=10, max_size=10))


def _same(tree: Route, sets: list[dict[str, str]]) -> None:
    compiled = compile_tree(tree)
    for labels in sets:
        want = tree.match(labels)
        got = compiled.match(labels)
        assert [r.path for r in got] == [r.path for r in want], labels
        assert all(a is b for a, b in zip(got, want, strict=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=wide_case())
def test_wide_nodes_route_alike(case: tuple[dict[str, Any], list[dict[str, str]]]) -> None:
    config, sets = case
    _same(build_route_tree(config, (0, 25)), sets)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=scenario())
def test_random_configs_route_alike(case: tuple[dict[str, Any], list[dict[str, str]]]) -> None:
    config, sets = case
    _same(build_route_tree(config, (0, 34)), sets)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(node=route_node(1), sets=st.lists(st.dictionaries(st.sampled_from(LABEL_NAMES), st.sampled_from(VALUES),
                                                         max_size=4), min_size=5, max_size=5))
def test_one_deep_route_routes_alike(node: dict[str, Any], sets: list[dict[str, str]]) -> None:
    config = {"route": {"receiver": "default", "routes": [node] * 5}}
    _same(build_route_tree(config, (0, 34)), sets)


def test_the_index_is_built_on_a_wide_node_and_skips_other_teams() -> None:
    routes = [{"receiver": "a", "matchers": [f'team="t{i}"']} for i in range(50)]
    routes.insert(25, {"receiver": "b", "matchers": ['severity="critical"'], "continue": True})
    tree = build_route_tree({"route": {"receiver": "default", "routes": routes}}, (0, 25))
    compiled = compile_tree(tree)
    assert compiled.index_name == "team"
    assert [c.route.receiver for c in compiled.index["t30"]] == ["b", "a"]  # the unpinned child stays in order
    assert [r.receiver for r in compiled.match({"team": "t30", "severity": "critical"})] == ["b", "a"]
    assert [r.receiver for r in compiled.match({"team": "t99"})] == ["default"]
