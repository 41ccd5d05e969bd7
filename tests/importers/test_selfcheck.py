"""The import self-check (receivers_cli/importers/selfcheck.py): what its label sets cover, that its
fast paths answer like the simulator, and that a difference planted deep in a big tree is caught."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import receivers_cli.api
from receivers_cli.alertmanager.inhibition import InhibitRule, inhibited
from receivers_cli.alertmanager.routing import Route, build_route_tree
from receivers_cli.errors import ProblemsError
from receivers_cli.importers import selfcheck
from receivers_cli.importers.run import run_import
from receivers_cli.loading.yaml_source import load_file
from tests.helpers import FIXTURES
from tests.judges import judge_exactly, judge_for
from tests.routing.test_amtool_agreement import for_release, scenario

VERSION = (0, 25)


def monolith(teams: int = 8, per_team: int = 7) -> dict[str, Any]:
    """The benchmark's shape (benchmarks/bench_import.py), one level deeper: a team route, its
    service routes (regex alternatives, continue, legacy match_re) and a grandchild per service."""
    routes: list[dict[str, Any]] = [{"receiver": "heartbeat", "matchers": ['alertname="Watchdog"']}]
    receivers: list[dict[str, Any]] = [{"name": "default"}, {"name": "heartbeat"}]
    for t in range(teams):
        team = f"t{t:02d}"
        names = [f"{team}-pager", f"{team}-chat", f"{team}-mail"]
        receivers.extend({"name": n, "webhook_configs": [{"url": f"https://hooks.example.org/{n}"}]} for n in names)
        children = []
        for i in range(per_team):
            child: dict[str, Any] = {"receiver": names[i % 3],
                                     "matchers": [f'service="svc-{i}"', 'severity=~"critical|error"'],
                                     "routes": [{"receiver": names[(i + 1) % 3], "matchers": ['region=~"eu-.*|us"']}]}
            if i % 4 == 0:
                child["continue"] = True
            if i % 5 == 0:
                child["match_re"] = {"env": "prod|staging"}
            children.append(child)
        # After the services, the team's critical alerts also page (reached past a continue).
        children.append({"receiver": names[0], "matchers": ['severity="critical"']})
        routes.append({"receiver": names[1], "matchers": [f'team="{team}"'], "routes": children})
    return {"route": {"receiver": "default", "group_by": ["alertname", "team"], "routes": routes},
            "receivers": receivers,
            "inhibit_rules": [{"source_matchers": ['severity="critical"'], "target_matchers": ['severity="warning"'],
                               "equal": ["alertname", "team"]}]}


def _leaves(tree: Route) -> list[Route]:
    return [node for node in tree.walk() if not node.routes]


def _reached(tree: Route, sets: list[dict[str, str]]) -> set[tuple[int, ...]]:
    return {route.path for labels in sets for route in tree.match(labels)}


SOURCES = sorted(p for p in (FIXTURES / "import").glob("*.yml"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_reachable_leaf_route_of_a_fixture_is_reached_by_a_label_set(source: Path) -> None:
    # Read as the importer reads a source: merge keys resolved, the first document only.
    tree, rules = selfcheck.build_trees(load_file(source, merge_keys=True, first_document=True).data, VERSION)
    # What any combination of the values the config names can reach (a route shadowed by an
    # earlier sibling without continue is reached by none).
    candidates = selfcheck._candidates(selfcheck._all_matchers(tree, rules))
    names = sorted(candidates)
    every = [{n: v for n, v in zip(names, values, strict=True) if v}
             for values in itertools.product(*(candidates[n] for n in names))]
    reachable = {leaf.path for leaf in _leaves(tree)} & _reached(tree, every)
    assert reachable <= _reached(tree, selfcheck.label_sets(tree, rules))


def test_a_regex_written_anchored_is_still_routed() -> None:
    # ``^(critical|error)$`` (Alertmanager anchors it again): before, no value was found for it and
    # the route below team="db" was never compared.
    tree, rules = selfcheck.build_trees(load_file(FIXTURES / "import" / "old-syntax.yml").data, VERSION)
    sets = selfcheck.label_sets(tree, rules)
    assert (0, 0) in _reached(tree, sets)
    assert {s.get("severity") for s in sets if (0, 0) in {r.path for r in tree.match(s)}} >= {"critical", "error"}


def test_every_leaf_route_of_a_big_tree_is_reached_and_each_matcher_is_failed() -> None:
    tree, rules = selfcheck.build_trees(monolith(teams=30, per_team=12), VERSION)
    sets = selfcheck.label_sets(tree, rules)
    leaves = _leaves(tree)
    assert len(leaves) == 1 + 30 * 13
    assert {leaf.path for leaf in leaves} <= _reached(tree, sets)
    # Every route's own matchers are also failed one label at a time (its boundary with its siblings):
    # some label set reaches its parent's subtree while one of the route's own matchers rejects it.
    for node in tree.walk():
        if node.parent is None:
            continue
        for name in {m.name for m in node.matchers}:
            assert any(node.parent.matches_labels(s) and all(a.matches_labels(s) for a in _ancestors(node))
                       and not all(m.matches(s) for m in node.matchers if m.name == name)
                       and all(m.matches(s) for m in node.matchers if m.name != name) for s in sets), (node.path, name)


def _ancestors(node: Route) -> list[Route]:
    found = []
    current = node.parent
    while current is not None:
        found.append(current)
        current = current.parent
    return found


def _import(tmp_path: Path, config: dict[str, Any]) -> None:
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "alertmanager.yml"
    source.write_text(json.dumps(config))
    run_import(source, tenant=None, by="team", tenants_dir=tmp_path / "tenants", config=tmp_path / "receivers.yaml",
               amtool=None, alertmanager_version="0.25", dry_run=True)


def _plant(monkeypatch: pytest.MonkeyPatch, change: Any) -> None:
    """Make the render the self-check compares with differ from what the files render to."""
    real = receivers_cli.api.preview_config

    def planted(project: Any) -> dict[str, Any]:
        rendered = copy.deepcopy(real(project))
        change(rendered)
        return rendered

    monkeypatch.setattr(receivers_cli.api, "preview_config", planted)


def _deep_route(rendered: dict[str, Any], team: str, service: str) -> dict[str, Any]:
    for node in _walk_raw(rendered["route"]):
        if any(f'service="{service}"' in m for m in node.get("matchers", [])) and team in str(node.get("receiver")):
            return node
    raise AssertionError(f"no route for {team} {service}")


def _walk_raw(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = [node]
    for child in node.get("routes") or []:
        found.extend(_walk_raw(child))
    return found


def test_a_planted_receiver_change_in_one_deep_route_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _import(tmp_path / "clean", monolith())  # the unplanted import passes

    def change(rendered: dict[str, Any]) -> None:
        grandchild = _deep_route(rendered, "t05", "svc-6")["routes"][0]
        assert grandchild["receiver"] == "t05/t05-chat", grandchild
        grandchild["receiver"] = "t05/t05-mail"

    _plant(monkeypatch, change)
    with pytest.raises(ProblemsError) as caught:
        _import(tmp_path / "planted", monolith())
    assert any(p.rule.id == "I004" and 'team="t05"' in p.message and "routing" in p.message
               for p in caught.value.problems)


def test_a_planted_narrower_regex_in_one_deep_route_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Only an alert whose region is "us" tells the two apart: the self-check must try each literal
    # alternative of a regex, not only the first value that matches it.
    def change(rendered: dict[str, Any]) -> None:
        grandchild = _deep_route(rendered, "t06", "svc-3")["routes"][0]
        grandchild["matchers"] = ['region=~"eu-.*"']

    _plant(monkeypatch, change)
    with pytest.raises(ProblemsError) as caught:
        _import(tmp_path, monolith())
    assert any(p.rule.id == "I004" and 'region="us"' in p.message for p in caught.value.problems)


def test_a_planted_dropped_continue_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def change(rendered: dict[str, Any]) -> None:
        del _deep_route(rendered, "t07", "svc-4")["continue"]

    _plant(monkeypatch, change)
    with pytest.raises(ProblemsError) as caught:
        _import(tmp_path, monolith())
    assert any(p.rule.id == "I004" and 'team="t07"' in p.message for p in caught.value.problems)


# --------------------------------------------------------------------------- pair inhibition

LABELS = ["severity", "team", "alertname"]
VALUES = ["", "critical", "warning", "a", "b"]
matcher_texts = st.builds(lambda n, op, v: f'{n}{op}"{v}"', st.sampled_from(LABELS),
                          st.sampled_from(["=", "!=", "=~", "!~"]), st.sampled_from([*VALUES, "crit.*|a", ".+"]))
rules = st.lists(st.builds(lambda s, t, e: InhibitRule.from_config(
    {"source_matchers": s, "target_matchers": t, "equal": e}),
    st.lists(matcher_texts, max_size=2), st.lists(matcher_texts, max_size=2),
    st.lists(st.sampled_from(LABELS), max_size=2, unique=True)), max_size=3)
alerts = st.lists(st.dictionaries(st.sampled_from(LABELS), st.sampled_from(VALUES), max_size=3), min_size=1,
                  max_size=6)


@settings(max_examples=300, deadline=None)
@given(rules=rules, alerts=alerts)
def test_pair_inhibition_answers_like_the_simulator(rules: list[InhibitRule], alerts: list[dict[str, str]]) -> None:
    pairs = selfcheck._PairInhibition(rules, alerts)
    for a, source in enumerate(alerts):
        for b, target in enumerate(alerts):
            assert pairs(a, b) == (1 in inhibited(rules, [source, target])), (source, target)


def test_routing_is_compared_on_the_same_label_sets_as_before() -> None:
    # The label sets are the comparison's coverage: drawn from the tree alone, deterministic.
    tree, rules = selfcheck.build_trees(monolith(), VERSION)
    assert selfcheck.label_sets(tree, rules) == selfcheck.label_sets(build_route_tree(monolith(), VERSION), rules)


# --------------------------------------------------------------------------- the real amtool


@pytest.mark.amtool
@pytest.mark.parametrize("release", [(0, 25), (0, 33)], ids=["0.25", "0.33"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(case=scenario())
def test_amtool_prints_every_route_as_the_simulator_reads_it(tmp_path: Path, release: tuple[int, int],
                                                             case: tuple[dict[str, Any], list[dict[str, str]]]) -> None:
    # The import trusts the simulator's comparison for amtool when both trees print alike: that
    # printing must agree on every shape the routing property tests draw (all operators and
    # spellings, legacy match/match_re, UTF-8 names at 0.33, routes without matchers).
    judge = judge_exactly(release)
    config, _ = for_release(case, judge.version)
    path = tmp_path / f"config-{release[1]}.yml"
    path.write_text(json.dumps(config, ensure_ascii=False), "utf-8")
    assert selfcheck._amtool_printed_tree(judge.amtool, path) == selfcheck.amtool_tree(
        build_route_tree(config, judge.version))


@pytest.mark.amtool
def test_an_import_judged_by_amtool_compares_every_route_and_a_sample(tmp_path: Path) -> None:
    judge = judge_for((0, 25))
    source = tmp_path / "alertmanager.yml"
    source.write_text(json.dumps(monolith(teams=40, per_team=5)))
    report = run_import(source, tenant=None, by="team", tenants_dir=tmp_path / "tenants",
                        config=tmp_path / "receivers.yaml", amtool=judge.amtool, alertmanager_version=judge.label,
                        dry_run=True)
    original, _ = selfcheck.build_trees(json.loads(source.read_text()), judge.version)
    assert report.amtool_routes is not None and report.amtool_routes > 2 * sum(1 for _ in original.walk())
    # 491 routes: the spread sample is the smallest one.
    assert report.amtool_sets == selfcheck.MAX_AMTOOL_AGREED


@pytest.mark.amtool
def test_a_tree_amtool_reads_otherwise_falls_back_to_the_larger_sample(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    judge = judge_for((0, 25))
    real = selfcheck.amtool_tree

    def misread(tree: Route) -> list[tuple[int, str]]:
        lines = real(tree)
        return [*lines[:-1], (lines[-1][0], lines[-1][1] + " (misread)")]

    monkeypatch.setattr(selfcheck, "amtool_tree", misread)
    source = tmp_path / "alertmanager.yml"
    source.write_text(json.dumps(monolith(teams=40, per_team=5)))
    report = run_import(source, tenant=None, by="team", tenants_dir=tmp_path / "tenants",
                        config=tmp_path / "receivers.yaml", amtool=judge.amtool, alertmanager_version=judge.label,
                        dry_run=True)
    assert report.amtool_routes is None
    assert report.amtool_sets == selfcheck.MAX_AMTOOL


# --------------------------------------------------------------------------- scratch files


def test_scratch_files_go_to_shared_memory_unless_tmpdir_is_set(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert selfcheck.scratch_parent() is None  # tempfile then uses TMPDIR
    monkeypatch.delenv("TMPDIR")
    monkeypatch.setattr(selfcheck, "SHARED_MEMORY", str(tmp_path / "missing"))
    assert selfcheck.scratch_parent() is None
    monkeypatch.setattr(selfcheck, "SHARED_MEMORY", str(tmp_path))
    monkeypatch.setattr(selfcheck, "SCRATCH_MIN_FREE", 0)
    assert selfcheck.scratch_parent() == str(tmp_path)
    monkeypatch.setattr(selfcheck, "SCRATCH_MIN_FREE", 1 << 62)  # not roomy enough
    assert selfcheck.scratch_parent() is None


def test_an_import_leaves_no_scratch_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    scratch = tmp_path / "shm"
    scratch.mkdir()
    monkeypatch.delenv("TMPDIR", raising=False)
    monkeypatch.setattr(selfcheck, "SHARED_MEMORY", str(scratch))
    monkeypatch.setattr(selfcheck, "SCRATCH_MIN_FREE", 0)
    used: list[str] = []
    real = selfcheck.scratch_parent

    def spy() -> str | None:
        found = real()
        used.append(str(found))
        return found

    monkeypatch.setattr(selfcheck, "scratch_parent", spy)
    _import(tmp_path / "out", monolith(teams=2, per_team=2))
    assert used == [str(scratch)]
    assert list(scratch.iterdir()) == []
