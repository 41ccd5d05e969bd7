"""Property test: the routing simulator answers exactly like ``amtool config routes test``.

Random native configs (a root with per-tenant routes, nested children with and without
``continue``, matchers with all four operators in several spellings, legacy ``match``/``match_re``,
regexes with alternation, classes, flags and escapes) and random label sets are given to both the
simulator and the real amtool; the printed receiver lines must be identical. It runs against the
real 0.25 (classic matcher parser) and 0.33 (UTF-8 parser): at 0.33 the label names include dotted and
non-ASCII ones (``service.name``, ``名前``), which 0.25 cannot read, so there they are renamed to
classic names before either side sees the case.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings, target
from hypothesis import strategies as st

from receivers_cli.alertmanager.matchers import Matcher, MatchType
from receivers_cli.alertmanager.routing import build_route_tree, routes_test_output
from tests.routing.amtool_support import Amtool

EXAMPLES = 60
LABEL_SETS_PER_CONFIG = 5

TENANTS = ["acme", "globex", "initech"]
LABEL_NAMES = ["tenant", "severity", "team", "env", "svc", "service.name", "名前"]
# What the UTF-8 names become for a release with the classic parser only (before 0.28 in configs).
CLASSIC_NAMES = {"service.name": "service_name", "名前": "namae"}
VALUES = [
    "", "acme", "globex", "initech", "critical", "warning", "info", "prod", "a.b", "axb",
    'say "hi"', "back\\slash", "two words", "ünïcode", "a,b", "{x}", "line\nbreak", "x=~y",
    " lead", "trail ", "CRITICAL", "123", "db-01",
]  # fmt: skip
REGEXES = [
    ".*", ".+", "", "crit.*", "critical|warning", "(?i)CRITICAL", "a\\.b", "a.b", "[a-z]+",
    "[0-9]+", "acme|globex|", "\\d*", "war.+|inf.", 'say "hi"', "back\\\\slash", "(a|b)\\.b",
    "[^,]*", "\\w+\\s\\w+", "ü.*", ".*\\n.*", "(?s).*\\n.*", "db-[0-9]{2}", "[[:upper:]]+",
    "x=~y", "\\{x\\}", "(?:acme)|(?:globex)", "in(fo)?", "tr.*\\s", "[ \\t]lead",
]  # fmt: skip
COMMON_VALUES = ["", "critical", "warning", "prod", "db-01"]
COMMON_REGEXES = [".*", "crit.*|warn.*", "", "prod|dev", "db-[0-9]{2}", "(?i)CRITICAL|info"]
UNQUOTED_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.*+|()[]-?")

RECEIVERS = [f"recv-{i}" for i in range(4)]
receiver_names = st.sampled_from(RECEIVERS)
values = st.one_of(st.sampled_from(COMMON_VALUES), st.sampled_from(VALUES))
regexes = st.one_of(st.sampled_from(COMMON_REGEXES), st.sampled_from(REGEXES))


@st.composite
def matcher_text(draw: st.DrawFn, name: str | None = None) -> str:
    """One matcher, spelled canonically, with spaces, or (when safe) unquoted."""
    name = name or draw(st.sampled_from(LABEL_NAMES))
    op = draw(st.sampled_from(list(MatchType)))
    regex = op in (MatchType.REGEX, MatchType.NOT_REGEX)
    value = draw(regexes if regex else values)
    canonical = str(Matcher(name, op, value))
    style = draw(st.sampled_from(["canonical", "spaced", "unquoted"]))
    if style == "spaced":
        return canonical.replace(op.value, f" {op.value} ", 1)
    if style == "unquoted" and value and set(value) <= UNQUOTED_SAFE:
        return f"{name}{op.value}{value}"
    return canonical


@st.composite
def matchers_entries(draw: st.DrawFn, tenant: str | None = None) -> list[str]:
    entries = []
    if tenant is not None:
        entries.append(draw(st.sampled_from([f'tenant="{tenant}"', f"tenant={tenant}", f'tenant=~"{tenant}"'])))
    for _ in range(draw(st.sampled_from([0, 0, 1] if tenant else [0, 1, 1, 2]))):
        group = draw(st.lists(matcher_text(), min_size=1, max_size=2))
        text = draw(st.sampled_from([",", ", "])).join(group)
        if len(group) > 1 or draw(st.booleans()):
            text = "{" + text + "}" if draw(st.booleans()) else text
        entries.append(text)
    return entries


@st.composite
def route_node(draw: st.DrawFn, depth: int, tenant: str | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {}
    entries = draw(matchers_entries(tenant))
    if entries:
        node["matchers"] = entries
    if tenant is None and draw(st.integers(0, 3)) == 0:  # deprecated maps
        name = draw(st.sampled_from(LABEL_NAMES[1:5]))  # Alertmanager reads only classic names in these maps
        if draw(st.booleans()):
            node["match"] = {name: draw(values)}
        else:
            node["match_re"] = {name: draw(regexes)}
    if tenant is not None or draw(st.booleans()):
        node["receiver"] = draw(receiver_names)
    if draw(st.integers(0, 2)) > 0:
        node["continue"] = True
    if depth < 3:
        children = draw(st.lists(route_node(depth + 1), max_size=3 if depth < 2 else 2))
        if children:
            node["routes"] = children
    return node


@st.composite
def native_config(draw: st.DrawFn) -> dict[str, Any]:
    tenants = list(draw(st.permutations(TENANTS)))[: draw(st.integers(2, 3))]
    if draw(st.booleans()):  # a second route for the same tenant
        tenants.insert(draw(st.integers(0, len(tenants))), draw(st.sampled_from(tenants)))
    routes = [draw(route_node(1, tenant)) for tenant in tenants]
    if draw(st.booleans()):  # a catch-all platform route after the tenants
        routes.append(draw(route_node(2)))
    root: dict[str, Any] = {"receiver": "default", "group_by": ["tenant", "alertname"], "x-tenants": tenants}
    if routes:
        root["routes"] = routes
    receivers = [{"name": name} for name in ["default", *RECEIVERS]]
    return {"route": root, "receivers": receivers}


def label_sets(tenants: list[str]) -> st.SearchStrategy[dict[str, str]]:
    """Mostly a tenant the config routes (plus other labels), sometimes anything at all."""
    for_tenant = st.fixed_dictionaries(
        {"tenant": st.sampled_from(tenants)}, optional={name: values for name in LABEL_NAMES[1:]}
    )
    anything = st.dictionaries(st.sampled_from(LABEL_NAMES), values, max_size=4)
    return st.one_of(for_tenant, for_tenant, for_tenant, anything)


@st.composite
def scenario(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, str]]]:
    config = draw(native_config())
    tenants = config["route"]["x-tenants"]
    del config["route"]["x-tenants"]
    sets = draw(st.lists(label_sets(tenants), min_size=LABEL_SETS_PER_CONFIG, max_size=LABEL_SETS_PER_CONFIG))
    return config, sets


def for_release(
    case: tuple[dict[str, Any], list[dict[str, str]]], version: tuple[int, int]
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The case with UTF-8 label names renamed to classic ones where the release cannot read them."""
    if version >= (0, 28):
        return case
    text = json.dumps(case, ensure_ascii=False)
    for utf8, classic in CLASSIC_NAMES.items():
        text = text.replace(utf8, classic)
    config, labels = json.loads(text)
    return config, labels


@pytest.mark.amtool
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=scenario())
def test_simulator_agrees_with_amtool(amtool_at: Amtool, case: tuple[dict[str, Any], list[dict[str, str]]]) -> None:
    amtool = amtool_at
    config, labels = for_release(case, amtool.version)
    config_file = amtool.write_config(config)
    root = build_route_tree(config, amtool.version)
    most = 0
    for label_set in labels:
        expected = amtool.routes_test(config_file, label_set)
        assert routes_test_output(root, label_set) == expected, (label_set, config)
        matched = root.match(label_set)
        most = max(most, len(matched))
        event(
            "fell through to the root"
            if matched == [root]
            else f"deepest match at depth {max(r.depth for r in matched)}"
        )
        if len(matched) > 1:
            event("several receivers" if len({r.receiver for r in matched}) == len(matched) else "duplicate receivers")
    target(float(most), label="most routes matched by one label set")
