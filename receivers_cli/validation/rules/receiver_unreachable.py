"""R507 receiver-unreachable: every enabled receiver can be reached by some route (warning).

A receiver is defined to be notified; when no route can ever take an alert to it, it is dead
configuration that looks like coverage. Reported, with the route that makes it so:

- a route whose matchers cannot all hold (``min_severity: critical`` with ``match: {severity:
  info}``, ``team="a"`` below ``team="b"``);
- a native route shadowed by an earlier sibling without ``continue`` whose matchers are a subset
  of its own (the earlier one takes every alert the later would);
- a route (or receiver) active only during time intervals that are never active (R505);
- a route's own receiver when a child without matchers or ``continue`` takes every alert first
  (the tenant's default receiver included).

Disabled receivers are not reported: ``enabled: false`` says so on purpose.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: pager, channel_type: webhook, config: {url: "https://example.com/p"}}
        - {name: chat, channel_type: webhook, config: {url: "https://example.com/c"}}
      route:
        receiver: chat
        routes:
          - {receiver: pager, matchers: ['team="db"', 'severity="critical"']}
          - {receiver: chat, matchers: ['team="db"']}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: pager, channel_type: webhook, config: {url: "https://example.com/p"}}
        - {name: chat, channel_type: webhook, config: {url: "https://example.com/c"}}
      route:
        receiver: chat
        routes:
          - {receiver: chat, matchers: ['team="db"']}
          - {receiver: pager, matchers: ['team="db"', 'severity="critical"']}
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from receivers_cli.alertmanager.matchers import Matcher, MatcherError, MatchType, parse_matcher_list
from receivers_cli.codes import R507
from receivers_cli.errors import Problem
from receivers_cli.loading.yaml_source import DataPath
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import PLATFORM_INTERVAL_PREFIX, NativeRoute, TimeInterval
from receivers_cli.render.native_routes import node_matchers, tree_receivers
from receivers_cli.render.severity import severity_matchers
from receivers_cli.validation.context import CheckedTenant, RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._warn import warning
from receivers_cli.validation.rules.time_interval_never_active import why_never


def contradiction(matchers: Sequence[Matcher]) -> str | None:
    """Why ``matchers`` (all of them) can match no label set, or None when some set may match.

    Decided label by label from the equality matchers: a label equal to one value must satisfy
    every other matcher on it. Regex-only labels are assumed satisfiable.
    """
    by_label: dict[str, list[Matcher]] = {}
    for m in matchers:
        by_label.setdefault(m.name, []).append(m)
    for found in by_label.values():
        equal = next((m for m in found if m.type is MatchType.EQUAL), None)
        if equal is None:
            continue
        other = next((m for m in found if not m.matches_value(equal.value)), None)
        if other is not None:
            return f"{equal} and {other} cannot both hold"
    return None


@dataclass
class _Walk:
    tenant: CheckedTenant
    dead_intervals: set[str]
    problems: list[Problem] = field(default_factory=list)
    reached: set[str] = field(default_factory=set)
    # Receiver → why a route naming it is never taken (the first reason found).
    blocked: dict[str, str] = field(default_factory=dict)

    def report(self, path: DataPath, message: str, hint: str, receiver: str | None) -> None:
        self.problems.append(warning(self.tenant.doc.problem(path, RULE.id, message, hint)))
        if receiver is not None:
            self.blocked.setdefault(receiver, message)

    def dead(self, names: Sequence[str]) -> bool:
        return bool(names) and all(n in self.dead_intervals for n in names)


def _where(path: DataPath) -> str:
    return "route." + ".".join(str(p) for p in path[2:]) if len(path) > 2 else "route"


def _catch_all(node: NativeRoute, matchers: dict[int, list[Matcher]]) -> bool:
    return not node.continue_ and not matchers[id(node)]


def _visit(walk: _Walk, nodes: list[NativeRoute], base: DataPath, inherited: list[Matcher],
           receiver: str | None, matchers: dict[int, list[Matcher]]) -> None:
    # Earlier siblings that stop the search, with their matchers' texts (made once: a wide tree
    # compares every route with each earlier sibling).
    taken: list[tuple[frozenset[str], DataPath]] = []
    for i, node in enumerate(nodes):
        path = (*base, i)
        own = matchers[id(node)]
        effective = node.receiver or receiver
        reason = contradiction([*inherited, *own])
        hint = "fix the matchers, or remove the route"
        mine = frozenset(str(m) for m in own)
        if reason is None:
            earlier = next((p for texts, p in taken if texts <= mine), None)
            if earlier is not None:
                reason = f"the route at {_where(earlier)} (no continue) takes every alert it matches first"
                hint = "move it before that route, or give that route continue: true"
        if reason is None and walk.dead(node.active_time_intervals):
            reason = "it is active only during time intervals that are never active (R505)"
            hint = "fix the time intervals"
        if reason is not None:
            walk.report(path, f"the route at {_where(path)} is never taken: {reason}", hint, effective)
            continue
        if not node.continue_:
            taken.append((mine, path))
        if effective is not None and not any(_catch_all(c, matchers) for c in node.routes):
            walk.reached.add(effective)
        _visit(walk, node.routes, (*path, "routes"), [*inherited, *own], effective, matchers)


def _dead_intervals(own: list[TimeInterval], shared: list[TimeInterval]) -> set[str]:
    def dead(interval: TimeInterval) -> bool:
        return all(why_never(spec) is not None for spec in interval.time_intervals)

    names = {i.name for i in own if dead(i)}
    return names | {PLATFORM_INTERVAL_PREFIX + i.name for i in shared if dead(i)}


def tenant_problems(tenant: CheckedTenant, platform: Platform, version: tuple[int, int]) -> list[Problem]:
    from receivers_cli.render.native_routes import walk as walk_tree

    model = tenant.model
    matchers: dict[int, list[Matcher]] = {}
    try:
        for node, _, _ in walk_tree(model.route.routes, ()):
            matchers[id(node)] = node_matchers(node, platform, version)
    except (MatcherError, ValueError):
        return []  # R111/R136 report the route; reachability is not judged on a broken tree
    walk = _Walk(tenant, _dead_intervals(model.time_intervals, platform.time_intervals))
    in_tree = tree_receivers(model)
    for i, receiver in enumerate(model.receivers):
        if not receiver.enabled or receiver.name in in_tree:
            continue
        try:
            own = parse_matcher_list(severity_matchers(platform, receiver.min_severity), version)
        except (MatcherError, ValueError):
            continue  # an unknown min_severity is R111's
        own += [Matcher(label, MatchType.EQUAL, value) for label, value in receiver.match.items()]
        reason = contradiction(own)
        if reason is None and walk.dead(receiver.active_during):
            reason = "it is active only during time intervals that are never active (R505)"
        if reason is None:
            walk.reached.add(receiver.name)
        else:
            walk.report((tenant.id, "receivers", i, "name"), f"receiver {receiver.name!r} is never notified: {reason}",
                        "fix min_severity, match or active_during", None)
            walk.blocked[receiver.name] = "reported above"
    default = model.route.receiver
    top = model.route.routes
    if default and not any(_catch_all(node, matchers) for node in top):
        walk.reached.add(default)
    elif default:
        walk.blocked.setdefault(default, "a top-level route without matchers or continue takes every alert first")
    _visit(walk, top, (tenant.id, "route", "routes"), [], default, matchers)
    for i, receiver in enumerate(model.receivers):
        name = receiver.name
        if not receiver.enabled or name in walk.reached or walk.blocked.get(name) == "reported above":
            continue
        why = walk.blocked.get(name, "every route naming it is taken by another route first")
        walk.problems.append(warning(tenant.doc.problem(
            (tenant.id, "receivers", i, "name"), RULE.id, f"receiver {name!r} is reached by no route: {why}",
            "route to it from a route that can match, or disable it (enabled: false)",
        )))
    return walk.problems


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        yield from tenant_problems(tenant, ctx.platform, ctx.version)


RULE = Rule(R507, ValidationLevel.STANDARD, "every enabled receiver can be reached (warning)", check, warning=True)
