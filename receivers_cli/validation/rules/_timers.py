"""The grouping timers in force at each route (shared by R503 and R504).

A route's ``group_wait``, ``group_interval`` and ``repeat_interval`` come from the route itself,
else from its parent: the tenant route takes ``route:``, then ``routing:``, then the tier's
defaults in ``receivers.yaml``; native routes inherit from the route above them. The platform's
own settings are walked too, once, in ``receivers.yaml``: each tier it sets (a tenant that
inherits a tier is not warned about the platform's values) and its ``routes.before``/``after``,
which inherit the root route's timers (the standard tier's, as the render writes them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from receivers_cli.alertmanager.durations import parse_prometheus
from receivers_cli.codes import Code
from receivers_cli.errors import Problem
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import NativeRoute
from receivers_cli.validation.context import CheckedTenant, RuleContext
from receivers_cli.validation.rules._warn import warning

TIMERS = ("group_wait", "group_interval", "repeat_interval")


@dataclass(frozen=True)
class Timers:
    """One route's timers: the text in force and, for those set at this route, where."""

    route: str  # for messages: "the tenant route" / "route at route.routes[0]"
    values: dict[str, str]
    set_at: dict[str, DataPath]

    def nanos(self, name: str) -> int | None:
        return parse_prometheus(self.values[name])


def tenant_timers(tenant: CheckedTenant, platform: Platform) -> Iterator[Timers]:
    """The tenant route's timers, then every native route's, parents first."""
    model = tenant.model
    tier = platform.timing(model.metadata.tier)
    values: dict[str, str] = {}
    set_at: dict[str, DataPath] = {}
    for name in TIMERS:
        own, legacy = getattr(model.route, name), getattr(model.routing, name)
        if own is not None:
            values[name], set_at[name] = own, (tenant.id, "route", name)
        elif legacy is not None:
            values[name], set_at[name] = legacy, (tenant.id, "routing", name)
        else:
            values[name] = getattr(tier, name)
    yield Timers("the tenant route", values, set_at)
    yield from _nodes(model.route.routes, (tenant.id, "route", "routes"), values)


def platform_timers(platform: Platform) -> Iterator[Timers]:
    """Each tier ``receivers.yaml`` sets, then its native routes (before, after), parents first."""
    tiers = platform.tiers if "tiers" in platform.model_fields_set else {}  # the defaults are sound
    for tier, timing in tiers.items():
        values = {name: getattr(timing, name) for name in TIMERS}
        yield Timers(f"the {tier} tier", values, {name: ("tiers", tier, name) for name in TIMERS})
    root = platform.timing("standard")
    inherited = {name: getattr(root, name) for name in TIMERS}
    for side in ("before", "after"):
        yield from _nodes(getattr(platform.routes, side), ("routes", side), inherited, skip=0)


def timer_pairs(
    tenant: CheckedTenant, platform: Platform, first: str, second: str
) -> Iterator[tuple[Timers, DataPath, int, int]]:
    """Each route of ``tenant`` where ``first`` or ``second`` is set, with where (the first one set
    there) and both in nanoseconds. Routes that inherit both are left to the route that set them; an
    unreadable duration is R106/R163's, so it is left out too."""
    return pairs(tenant_timers(tenant, platform), first, second)


def pairs(routes: Iterator[Timers], first: str, second: str) -> Iterator[tuple[Timers, DataPath, int, int]]:
    """:func:`timer_pairs` over any walk of routes (a tenant's or the platform's)."""
    for timers in routes:
        where = timers.set_at.get(first) or timers.set_at.get(second)
        a, b = timers.nanos(first), timers.nanos(second)
        if where is not None and a is not None and b is not None:
            yield timers, where, a, b


# One rule's verdict on a route's pair of timers: None when they agree, else (where, rule, message, hint).
Finding = Callable[[Timers, DataPath, int, int], "tuple[DataPath, Code, str, str] | None"]


def tenant_findings(ctx: RuleContext, first: str, second: str, finding: Finding) -> Iterator[Problem]:
    """``finding`` over every tenant route where ``first`` or ``second`` is set, as warnings."""
    for tenant in ctx.tenants:
        for item in timer_pairs(tenant, ctx.platform, first, second):
            found = finding(*item)
            if found is not None:
                yield warning(tenant.doc.problem(*found))


def platform_findings(platform: Platform, doc: SourceDocument, first: str, second: str,
                      finding: Finding) -> Iterator[Problem]:
    """The same over receivers.yaml's tiers and platform routes."""
    for item in pairs(platform_timers(platform), first, second):
        found = finding(*item)
        if found is not None:
            yield warning(doc.problem(*found))


def _nodes(routes: list[NativeRoute], base: DataPath, inherited: dict[str, str], skip: int = 1) -> Iterator[Timers]:
    """``skip``: how many leading parts of a path name the file's top key (the tenant id), not the route."""
    stack = [(node, (*base, i), inherited) for i, node in reversed(list(enumerate(routes)))]
    while stack:
        node, path, parent = stack.pop()
        values = dict(parent)
        set_at: dict[str, DataPath] = {}
        for name in TIMERS:
            if getattr(node, name) is not None:
                values[name], set_at[name] = getattr(node, name), (*path, name)
        where = ".".join(str(p) for p in path[skip:])
        yield Timers(f"the route at {where}", values, set_at)
        stack.extend((child, (*path, "routes", i), values) for i, child in reversed(list(enumerate(node.routes))))
