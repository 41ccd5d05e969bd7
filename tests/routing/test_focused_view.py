"""``routes test`` answers from a view focused on the labels' tenant (analysis/routing_view.py).

Property: on generated repositories (platform observers and ``routes.before``/``after``, native
tenant trees with ``continue`` and nesting, default receivers, tenants with broken files), the
focused view answers every label set (the labels' tenant, another one, one that no file defines,
none at all) exactly as the full view does: the receivers, the explanation and its file:lines,
the sources; the hints too when every file is sound. Its problems are the full view's for every
file it checks in full (the asked tenant's, and every file the quick check fails), and never more.
The full view itself agrees with amtool on the render (tests/routing/test_tenant_agreement.py);
one CLI test here asks the real amtool too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receivers_cli.alertmanager.routing import Route, build_route_tree
from receivers_cli.analysis.explain import explain
from receivers_cli.analysis.routing_view import RoutingView, routing_view
from tests.repos import dump_yaml, make_repo

IDS = ["acme", "globex", "initech"]
SEVERITIES = ["info", "warning", "error", "critical"]

matchers = st.lists(st.sampled_from(['severity="critical"', 'severity=~"warning|error"', 'alertname="Db"',
                                     'alertname!="Db"', 'team="a"', 'team=~"a|b"']), max_size=2, unique=True)


@st.composite
def native_route(draw: st.DrawFn, names: list[str], depth: int = 0) -> dict[str, Any]:
    node: dict[str, Any] = {"receiver": draw(st.sampled_from(names))}
    if found := draw(matchers):
        node["matchers"] = found
    if draw(st.booleans()):
        node["continue"] = True
    if depth < 2 and draw(st.integers(0, 3)) == 0:
        node["routes"] = draw(st.lists(native_route(names, depth + 1), min_size=1, max_size=2))
    return node


@st.composite
def tenant_body(draw: st.DrawFn, tid: str) -> dict[str, Any]:
    receivers: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 3))):
        spec: dict[str, Any] = {"name": f"r{i}", "channel_type": "webhook",
                                "config": {"url": f"https://hooks.example.com/{tid}/{i}"}}
        receivers.append(spec)
    receivers.append({"name": "sink"})
    names = [r["name"] for r in receivers]
    body: dict[str, Any] = {"metadata": {"name": tid.title()}, "receivers": receivers}
    if draw(st.booleans()):
        tree = draw(st.lists(native_route(names), min_size=1, max_size=3))
        in_tree = {n["receiver"] for n in _walk(tree)}
        route: dict[str, Any] = {"routes": tree}
        if draw(st.booleans()):
            route["receiver"] = draw(st.sampled_from(names))
            in_tree.add(route["receiver"])
        body["route"] = route
    else:
        in_tree = set()
    for spec in receivers:
        if spec["name"] not in in_tree and spec.get("channel_type"):
            if severity := draw(st.sampled_from([None, *SEVERITIES])):
                spec["min_severity"] = severity
            if draw(st.integers(0, 2)) == 0:
                spec["match"] = {"team": draw(st.sampled_from(["a", "b"]))}
    return body


def _walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for node in nodes:
        found.append(node)
        found.extend(_walk(node.get("routes", [])))
    return found


# How a tenant file may be broken: only the full check sees the first (the URL); the quick check
# sees the others, and then the file is checked in full.
BREAKS = {
    "url": lambda text: text.replace("https://hooks.example.com", "ftp://hooks.example.com", 1),
    "channel_type": lambda text: text.replace("channel_type: webhook", "channel_type: webhok", 1),
    "syntax": lambda text: text + "  oops: [\n",
    "model": lambda text: text.replace("metadata:", "metadata:\n    nam: x", 1),
    "stem": lambda text: "other" + text[text.index(":"):],
}


@st.composite
def repos(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, Any]]:
    ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True))
    files = {tid: dump_yaml({tid: draw(tenant_body(tid))}) for tid in ids}
    if draw(st.booleans()):
        victim = draw(st.sampled_from(ids))
        files[victim] = BREAKS[draw(st.sampled_from(sorted(BREAKS)))](files[victim])
    platform: dict[str, Any] = {
        "alertmanager_version": "0.25",
        "receivers": [{"name": "noc", "channel_type": "webhook", "config": {"url": "https://noc.example.com/h"}},
                      {"name": "sink"}],
    }
    if draw(st.booleans()):
        platform["observers"] = [{"receiver": "noc", "min_severity": "critical"}]
    routes: dict[str, Any] = {}
    for where in ("before", "after"):
        if draw(st.booleans()):
            routes[where] = [{"receiver": draw(st.sampled_from(["noc", "sink"])),
                              "matchers": draw(st.sampled_from([['alertname="Watchdog"'], ['tenant="acme"'],
                                                                ['severity="critical"'], ['tenant=~"glob.*"']])),
                              **({"continue": True} if draw(st.booleans()) else {})}]
    if routes:
        platform["routes"] = routes
    return files, platform


label_sets = st.lists(
    st.fixed_dictionaries(
        # Mostly a tenant of the repository; also one no file defines, a near miss, and none at all.
        {"tenant": st.sampled_from([*IDS, *IDS, *IDS, "nobody", "acm", ""])},
        optional={
            "severity": st.sampled_from([*SEVERITIES, "crit"]),
            "alertname": st.sampled_from(["Db", "Watchdog", "X"]),
            "team": st.sampled_from(["a", "b"]),
        },
    ).map(lambda labels: {k: v for k, v in labels.items() if v}),
    min_size=4,
    max_size=4,
)


def _arguments(labels: dict[str, str]) -> list[str]:
    return [f"{k}={v}" for k, v in labels.items()] or ["alertname=none"]


def _answer(view: RoutingView, labels: dict[str, str]) -> tuple[Any, ...]:
    root: Route = build_route_tree(view.config, view.version)
    matched = root.match(labels)
    result = explain(root, labels, view.explain_context())
    return (
        [r.receiver for r in matched],
        [view.sources.get(r.receiver, "") for r in matched],
        [v.as_dict() for v in result.verdicts],
        result.hints,
    )


def _problems(view: RoutingView) -> set[tuple[str, int, int, str, str]]:
    return {(p.file, p.line, p.column, str(p.rule), p.message) for p in view.problems}


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECEIVERS_NO_CACHE", "1")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(repo=repos(), labels=label_sets)
def test_the_focused_view_answers_as_the_full_view(
    tmp_path_factory: pytest.TempPathFactory, repo: tuple[dict[str, str], dict[str, Any]],
    labels: list[dict[str, str]],
) -> None:
    files, platform = repo
    root = make_repo(tmp_path_factory.mktemp("repo"), files, platform)
    tenants, config = root / "tenants", root / "receivers.yaml"
    full = routing_view(tenants, config, None)
    for label_set in labels:
        focused = routing_view(tenants, config, None, _arguments(label_set))
        expected, got = _answer(full, label_set), _answer(focused, label_set)
        assert got[:3] == expected[:3], (label_set, files)
        if not full.problems:
            assert got == expected and not focused.problems
        # Never a problem the full view does not have; all of those of the files checked in full.
        assert _problems(focused) <= _problems(full)
        asked = label_set.get("tenant")
        checked = {p.file for p in focused.problems} | {f"{tenants}/{asked}.yaml"}
        assert {p for p in _problems(full) if p[0] in checked} <= _problems(focused)
        if asked in full.broken:
            assert asked in focused.broken


def test_a_file_broken_where_only_the_full_check_looks_is_left_to_validate(tmp_path: Path) -> None:
    """The documented trade: a semantic error of another tenant's file (here an ftp:// URL) is not
    seen by ``routes test`` about a different tenant; asked about that tenant, it is."""
    body = {"metadata": {"name": "A"}, "receivers": [{"name": "hook", "channel_type": "webhook",
                                                        "config": {"url": "ftp://x.example.com/a"}}]}
    good = {"metadata": {"name": "B"}, "receivers": [{"name": "hook", "channel_type": "webhook",
                                                        "config": {"url": "https://x.example.com/b"}}]}
    root = make_repo(tmp_path, {"acme": body, "globex": good}, {"alertmanager_version": "0.25"})
    tenants, config = root / "tenants", root / "receivers.yaml"
    other = routing_view(tenants, config, None, ["tenant=globex"])
    assert not other.problems and other.tenants == ("acme", "globex")
    asked = routing_view(tenants, config, None, ["tenant=acme"])
    assert asked.broken == ("acme",) and asked.problems
    assert routing_view(tenants, config, None).broken == ("acme",)
