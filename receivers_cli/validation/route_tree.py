"""Checks of native route trees: a tenant's ``route:`` and the platform's ``routes:``.

One analysis walks a tree (iteratively, within the size limits) and returns findings with the rule
ids of several rules: R131 (tenant label), R135 (undefined receiver or interval), R136 (matcher
invalid or too large), R137 (shorthand on a receiver the tree routes), R138 (tree too large), and
for fields that exist elsewhere too, R111 (severity), R162 (group_by) and R163 (timers). Each rule
module reports the findings of its own id (:func:`problems_of`).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from receivers_cli.alertmanager.durations import parse_prometheus
from receivers_cli.alertmanager.matchers import LEGACY_LABEL_NAME, MatcherError, parse_matcher_list
from receivers_cli.alertmanager.versions import Version
from receivers_cli.codes import R111, R122, R130, R131, R132, R135, R136, R137, R138, R162, R163, R164
from receivers_cli.errors import Issue, Problem
from receivers_cli.loading.yaml_source import SourceDocument
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import PLATFORM_INTERVAL_PREFIX, NativeRoute
from receivers_cli.render.native_routes import (
    MAX_MATCHER_LENGTH,
    MAX_ROUTE_DEPTH,
    MAX_ROUTE_NODES,
    tree_receivers,
)
from receivers_cli.validation.context import CheckedTenant, RuleContext
from receivers_cli.wording import did_you_mean

Path = tuple[str | int, ...]
SHORTHAND = ("min_severity", "match", "active_during", "muted_during")
TIMERS = ("group_wait", "group_interval", "repeat_interval")
UTF8_NAMES: Version = (0, 27)




@dataclass(frozen=True)
class Scope:
    """What a tree may reference, and whether it is a (hostile) tenant's."""

    owner: str  # "tenant acme" / "the platform", for messages
    receivers: Mapping[str, bool]  # name → enabled
    intervals: Sequence[str]
    platform_intervals: Sequence[str]
    tenant_label: str | None  # a tenant's tree may not match on it
    limits: bool


def check_tree(routes: list[NativeRoute], base: Path, scope: Scope, platform: Platform,
               version: Version) -> list[Issue]:
    from receivers_cli.render.native_routes import walk

    found: list[Issue] = []
    nodes = 0
    too_deep: set[Path] = set()
    for node, path, depth in walk(routes, base):
        if any(path[:len(p)] == p for p in too_deep):
            continue
        nodes += 1
        if scope.limits and nodes > MAX_ROUTE_NODES:
            found.append(Issue(path, R138, f"the route tree has more than {MAX_ROUTE_NODES} routes",
                                 "merge routes with regex matchers (label=~\"a|b\")"))
            break
        if scope.limits and depth > MAX_ROUTE_DEPTH:
            found.append(Issue(path, R138, f"routes nest more than {MAX_ROUTE_DEPTH} levels deep",
                                 "flatten the tree: siblings with continue: true often do the same"))
            too_deep.add(path)
            continue
        found.extend(_node(node, path, scope, platform, version))
    return found


def _node(node: NativeRoute, path: Path, scope: Scope, platform: Platform, version: Version) -> Iterator[Issue]:
    if node.receiver is not None:
        yield from _receiver_ref(node.receiver, (*path, "receiver"), scope)
    for field in ("active_time_intervals", "mute_time_intervals"):
        for k, name in enumerate(getattr(node, field)):
            yield from _interval_ref(name, (*path, field, k), scope)
    if node.min_severity is not None and node.min_severity not in platform.severities:
        ladder = platform.severities
        yield Issue((*path, "min_severity"), R111, f"unknown severity {node.min_severity!r}",
                      did_you_mean(node.min_severity, ladder, "one of: " + ", ".join(ladder)))
    yield from _matchers(node, path, scope, version)
    yield from timing_findings(node.group_by, {t: getattr(node, t) for t in TIMERS}, path, version)


def _receiver_ref(name: str, path: Path, scope: Scope) -> Iterator[Issue]:
    if name not in scope.receivers:
        yield Issue(path, R135, f"receiver {name!r} is not defined by {scope.owner}",
                      did_you_mean(name, sorted(scope.receivers), "define it under receivers: in the same file"))
    elif not scope.receivers[name]:
        yield Issue(path, R135, f"receiver {name!r} is disabled (enabled: false) but a route names it",
                      "enable it, or route to another receiver (a null receiver has no channel_type)")


def _interval_ref(name: str, path: Path, scope: Scope) -> Iterator[Issue]:
    if name.startswith(PLATFORM_INTERVAL_PREFIX):
        shared = name.removeprefix(PLATFORM_INTERVAL_PREFIX)
        if shared not in scope.platform_intervals:
            yield Issue(path, R135, f"platform time interval {shared!r} is not defined in receivers.yaml",
                          did_you_mean(shared, scope.platform_intervals, "see time_intervals: in receivers.yaml"))
    elif name not in scope.intervals:
        yield Issue(path, R135, f"time interval {name!r} is not defined by {scope.owner}",
                      did_you_mean(name, scope.intervals,
                                    "define it under time_intervals:, or use a shared one as _platform/<name>"))


def _matchers(node: NativeRoute, path: Path, scope: Scope, version: Version) -> Iterator[Issue]:
    label = scope.tenant_label
    hint = "remove it: the tenant's route already matches only its own alerts"
    for key in ("match", "match_re"):
        mapping: dict[str, str] = getattr(node, key)
        if label is not None and label in mapping:
            yield Issue((*path, key, label), R131, f"{key} on the tenant label {label!r} is not allowed",
                          hint, at_key=True)
        for name, value in mapping.items():
            if len(value) > MAX_MATCHER_LENGTH:
                yield Issue((*path, key, name), R136, f"{key} value is longer than {MAX_MATCHER_LENGTH} characters",
                              "shorten the regex")
            if key == "match_re":
                try:
                    parse_matcher_list([f'{name}=~"{_escape(value)}"'], version)
                except MatcherError as exc:
                    yield Issue((*path, key, name), R136, f"invalid regex: {exc.message}", "RE2 syntax, anchored")
    for k, text in enumerate(node.matchers):
        where = (*path, "matchers", k)
        if len(text) > MAX_MATCHER_LENGTH:
            yield Issue(where, R136, f"matcher is longer than {MAX_MATCHER_LENGTH} characters", "shorten it")
            continue
        try:
            parsed = parse_matcher_list([text], version)
        except MatcherError as exc:
            yield Issue(where, R136, f"invalid matcher: {exc.message}",
                          'write label="value", label!="value", label=~"regex" or label!~"regex"')
            continue
        # The parsed name is what Alertmanager compares, whatever the spelling (quoted, escaped, UTF-8).
        if label is not None and any(m.name == label for m in parsed):
            yield Issue(where, R131, f"matcher on the tenant label {label!r} is not allowed", hint)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def timing_findings(group_by: list[str] | None, timers: Mapping[str, str | None], path: Path,
                    version: Version) -> Iterator[Issue]:
    """R162 for ``group_by`` and R163 for the timers of one route (as for ``routing:``)."""
    for i, name in enumerate(group_by or []):
        where = (*path, "group_by", i)
        if name == "...":
            if len(group_by or []) > 1:
                yield Issue(where, R162, "'...' (every label) cannot be combined with other labels",
                              "use [...] alone, or list the labels")
        elif not name or (version < UTF8_NAMES and not LEGACY_LABEL_NAME.match(name)):
            yield Issue(where, R162, f"group_by: {name!r} is not a label name",
                          "letters, digits and '_', not starting with a digit")
        elif name in (group_by or [])[:i]:
            yield Issue(where, R162, f"group_by lists {name!r} twice (Alertmanager refuses it)",
                          "remove the second one")
    for field, text in timers.items():
        if text is None:
            continue
        nanos = parse_prometheus(text)
        if nanos is None:
            yield Issue((*path, field), R163, f"{field}: {text!r} is longer than Alertmanager can hold",
                          "use at most a few years, e.g. 1y")
        elif nanos == 0 and field != "group_wait":
            yield Issue((*path, field), R163, f"{field} cannot be zero (Alertmanager refuses the whole config)",
                          "use a positive duration, e.g. 5m")


def tenant_findings(tenant: CheckedTenant, platform: Platform, version: Version) -> list[Issue]:
    model = tenant.model
    if model.route is None:
        return []
    route = model.route
    base: Path = (tenant.id, "route")
    scope = Scope(
        owner=f"tenant {tenant.id}",
        receivers={r.name: r.enabled for r in model.receivers},
        intervals=[t.name for t in model.time_intervals],
        platform_intervals=[t.name for t in platform.time_intervals],
        tenant_label=platform.tenant_label,
        limits=True,
    )
    found: list[Issue] = []
    if route.receiver is not None:
        found.extend(_receiver_ref(route.receiver, (*base, "receiver"), scope))
    found.extend(timing_findings(route.group_by, {t: getattr(route, t) for t in TIMERS}, base, version))
    for field in ("group_by", *TIMERS):
        if getattr(route, field) is not None and getattr(model.routing, field) is not None:
            found.append(Issue((*base, field), R137, f"{field} is set in both routing: and route:",
                                 "keep one: route: takes the same fields as routing:", at_key=True))
    found.extend(check_tree(route.routes, (*base, "routes"), scope, platform, version))
    routed = tree_receivers(model)
    for i, receiver in enumerate(model.receivers):
        if receiver.name not in routed:
            continue
        for field in SHORTHAND:
            if getattr(receiver, field):
                found.append(Issue(
                    (tenant.id, "receivers", i, field), R137,
                    f"receiver {receiver.name!r} is routed by route:, so its {field} would never apply",
                    "move it into the route that names the receiver (min_severity, matchers, "
                    "active_time_intervals, mute_time_intervals)", at_key=True,
                ))
    return found


# One analysis per validation run: eight rules read the same findings, and a tree walk parses every
# matcher and compiles every regex. Kept for the last RuleContext only (a context is unhashable,
# so it is recognised by identity through a weak reference, and never kept alive by this cache).
_LAST: tuple[weakref.ref[RuleContext], list[tuple[CheckedTenant, list[Issue]]]] | None = None


def _all_findings(ctx: RuleContext) -> list[tuple[CheckedTenant, list[Issue]]]:
    global _LAST
    if _LAST is not None and _LAST[0]() is ctx:
        return _LAST[1]
    found = [(t, tenant_findings(t, ctx.platform, ctx.version)) for t in ctx.tenants]
    _LAST = (weakref.ref(ctx), found)
    return found


def problems_of(ctx: RuleContext, rule_id: str) -> Iterator[Problem]:
    """The problems of ``rule_id`` in every checked tenant's route tree."""
    for tenant, findings in _all_findings(ctx):
        for f in findings:
            if f.rule == rule_id:
                yield tenant.doc.problem_at(f)


def platform_problems(platform: Platform, doc: SourceDocument, version: Version) -> Iterator[Problem]:
    """Platform routes, inhibit rules and shared time intervals (trusted, but checked)."""
    from receivers_cli.alertmanager.timeintervals import spec_problems

    scope = Scope(
        owner="the platform",
        receivers={r.name: r.enabled for r in platform.receivers},
        intervals=[t.name for t in platform.time_intervals],
        platform_intervals=[t.name for t in platform.time_intervals],
        tenant_label=None,
        limits=False,
    )
    for side in ("before", "after"):
        for f in check_tree(getattr(platform.routes, side), ("routes", side), scope, platform, version):
            yield doc.problem(f.path, R122 if f.rule == R135 and f.path[-1] == "receiver" else f.rule,
                              f.message, f.hint, at_key=f.at_key)
    for i, rule in enumerate(platform.inhibit_rules):
        for key in ("source_matchers", "target_matchers"):
            for k, text in enumerate(getattr(rule, key)):
                try:
                    parse_matcher_list([text], version)
                except MatcherError as exc:
                    yield doc.problem(("inhibit_rules", i, key, k), R132, f"invalid matcher: {exc.message}",
                                      'write label="value", label!="value", label=~"regex" or label!~"regex"')
        for key in ("source_match_re", "target_match_re"):
            for name, value in getattr(rule, key).items():
                try:
                    parse_matcher_list([f'{name}=~"{_escape(value)}"'], version)
                except MatcherError as exc:
                    yield doc.problem(("inhibit_rules", i, key, name), R132, f"invalid regex: {exc.message}",
                                      "RE2 syntax, anchored")
    seen: set[str] = set()
    for i, interval in enumerate(platform.time_intervals):
        if interval.name in seen:
            yield doc.problem(("time_intervals", i, "name"), R130,
                              f"time interval {interval.name!r} is defined twice", "rename or merge them")
        seen.add(interval.name)
        for j, spec in enumerate(interval.time_intervals):
            for path, message in spec_problems(spec.model_dump(exclude_none=True)):
                yield doc.problem(("time_intervals", i, "time_intervals", j, *path), R164,
                                  f"time interval {interval.name!r}: {message}; Alertmanager would refuse the "
                                  "whole config", "see `receivers validate --explain R164`")
