""""Why didn't it page?": for one alert, each receiver it reaches or misses, and why.

The answer is computed on the same simulated tree as ``routes test`` (Alertmanager's semantics, see
alertmanager/routing.py), then each receiver of the alert's tenant gets one verdict:

* ``notified``: a matched route delivers to it (and no interval or inhibit rule stops it);
* ``matcher``: a route on the way to it does not match; the first failing matcher is named with
  the label value the alert has;
* ``earlier_route``: an earlier sibling route matched without ``continue`` and ended the search;
* ``child_route``: its route matched, but a child route took the alert (the node is then not a match);
* ``muted`` / ``inactive``: its route matched, but a ``mute_time_intervals`` interval contains the
  moment, or none of its ``active_time_intervals`` does;
* ``inhibited``: an inhibit rule suppresses the alert, given the other alerts firing;
* ``no_route``: no route names the receiver.

Each verdict carries the file:line of what is responsible (a route node, an interval, an inhibit
rule), from :func:`locations`, which walks the project in the order the build emits routes, so
the native tree's child indices map back to tenant and platform lines. Hints are added for label
values that look like mistakes: a tenant that does not exist, a severity that is not on the ladder.
Nothing here holds a receiver setting, so no secret can reach an explanation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from receivers_cli.alertmanager.inhibition import InhibitRule, inhibited
from receivers_cli.alertmanager.routing import Route
from receivers_cli.alertmanager.timeintervals import IntervalSpec, apply_time_intervals
from receivers_cli.isolation import naming
from receivers_cli.wording import closest

if TYPE_CHECKING:
    from receivers_cli.api import Project
    from receivers_cli.loading.yaml_source import SourceDocument
    from receivers_cli.model.tenant import NativeRoute

Labels = Mapping[str, str]

NOTIFIED = "notified"
MATCHER = "matcher"
EARLIER_ROUTE = "earlier_route"
CHILD_ROUTE = "child_route"
MUTED = "muted"
INACTIVE = "inactive"
INHIBITED = "inhibited"
NO_ROUTE = "no_route"

# Converting a moment to a time interval's zone moves it by up to a day; at the edges of Python's
# datetime range (years 1 and 9999) that overflows, so times keep a year clear of both ends.
FIRST_YEAR, LAST_YEAR = 2, 9998


def parse_time(text: str) -> datetime | None:
    """An RFC 3339 time (``Z`` or an offset; none = UTC), or None when it is not one."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def split_labels(text: str) -> list[str]:
    """``a=b,c="d,e"`` → ``['a=b', 'c="d,e"']``: commas outside double quotes separate labels."""
    parts, current, quoted, escaped = [], "", False, False
    for char in text.strip().removeprefix("{").removesuffix("}"):
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            parts.append(current.strip())
            current = ""
            continue
        current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def route_key(path: Sequence[int]) -> str:
    return "route:" + "/".join(str(i) for i in path)


def interval_key(name: str) -> str:
    return "interval:" + name


def inhibit_key(index: int) -> str:
    return f"inhibit:{index}"


def inhibit_name_key(index: int) -> str:
    """The rule's name as written (Alertmanager before 0.30 has no ``name``, so it is not emitted)."""
    return f"inhibit-name:{index}"


@dataclass(frozen=True)
class Context:
    """What the explanation needs besides the tree: source lines and the platform's vocabulary."""

    locations: Mapping[str, str] = field(default_factory=dict)  # route_key/interval_key/inhibit_key → file:line
    tenant_label: str = "tenant"
    severity_label: str = "severity"
    severities: tuple[str, ...] = ()
    receivers: tuple[str, ...] = ()  # every receiver name of the config, in config order
    tenants: tuple[str, ...] | None = None  # every tenant's id, when the tree holds only some of them


@dataclass(frozen=True)
class Verdict:
    receiver: str
    reason: str  # one of the kinds above
    detail: str  # one plain sentence
    route: str = ""  # the route responsible, as amtool prints a route ({a="b"} > {c="d"})
    source: str = ""  # file:line of what is responsible (the route, interval or inhibit rule)
    route_source: str = ""  # file:line of the route

    @property
    def reached(self) -> bool:
        return self.reason == NOTIFIED

    def as_dict(self) -> dict[str, Any]:
        return {"receiver": self.receiver, "reached": self.reached, "reason": self.reason,
                "detail": self.detail, "route": self.route, "source": self.source, "route_source": self.route_source}


@dataclass(frozen=True)
class Explanation:
    labels: dict[str, str]
    matched: tuple[str, ...]  # receivers of the matched routes, amtool's answer (duplicates kept)
    notified: tuple[str, ...]  # those that notify at the moment, given the alerts firing
    verdicts: tuple[Verdict, ...]
    hints: tuple[str, ...] = ()
    notified_routes: tuple[Route, ...] = field(default=(), compare=False)  # the routes behind ``notified``

    def verdict(self, receiver: str) -> Verdict | None:
        return next((v for v in self.verdicts if v.receiver == receiver), None)


def explain(
    root: Route,
    labels: Labels,
    context: Context,
    *,
    rules: Sequence[InhibitRule] = (),
    intervals: Mapping[str, Sequence[IntervalSpec]] | None = None,
    moment: datetime | None = None,
    firing: Sequence[Labels] = (),
    only_tenant: str | None = None,
) -> Explanation:
    """Explain where ``labels`` goes at ``moment`` (None: intervals are not considered) while the
    ``firing`` alerts fire too (for inhibition). Verdicts cover the receivers of the alert's tenant
    (``only_tenant`` forces one) and any other receiver a route matched."""
    matched = root.match(labels)
    notes = apply_time_intervals(matched, intervals or {}, moment) if moment is not None else []
    muted_routes = {id(n.route): n for n in notes if n.muted}
    inhibition = inhibited(rules, [labels, *firing]).get(0) if firing else None

    inhibit_verdict: Verdict | None = None
    if inhibition is not None:
        rule = inhibition.rule
        source_alert = firing[inhibition.source_alert - 1]
        written = rule.name or context.locations.get(inhibit_name_key(rule.index), "")
        name = f" {written!r}" if written else ""
        line = context.locations.get(inhibit_key(rule.index), "")
        inhibit_verdict = Verdict(
            "", INHIBITED,
            f"inhibit rule{name}{_at(line)} suppresses it while {_labels_text(source_alert)} fires"
            + (f" with the same {', '.join(rule.equal)}" if rule.equal else ""),
            source=line,
        )

    notifying = [] if inhibition else [r for r in matched if id(r) not in muted_routes]
    tenant = only_tenant if only_tenant is not None else labels.get(context.tenant_label)
    candidates = [
        name for name in context.receivers
        if (tenant and naming.owned_by(name, tenant) and name != naming.unrouted(tenant))
        or any(r.receiver == name for r in matched)
    ]
    nodes: dict[str, list[Route]] = {}
    for node in root.walk():
        nodes.setdefault(node.receiver, []).append(node)

    verdicts = []
    for name in dict.fromkeys(candidates):
        hits = [r for r in matched if r.receiver == name]
        if hits:
            verdicts.append(_matched_verdict(name, hits, muted_routes, inhibit_verdict, context))
            continue
        own = [n for n in nodes.get(name, []) if n.raw.get("receiver") == name or n.is_root]
        own = own or nodes.get(name, [])
        if not own:
            verdicts.append(Verdict(name, NO_ROUTE, "no route sends alerts to it"))
            continue
        missed = _missed_verdict(name, own[0], labels, context)
        if len(own) > 1:
            # The first route to it is explained; the others failed too (none matched).
            missed = replace(missed, detail=f"{missed.detail} (and {len(own) - 1} more route(s) to it do not "
                                                f"match either)")
        verdicts.append(missed)
    return Explanation(dict(labels), tuple(r.receiver for r in matched), tuple(r.receiver for r in notifying),
                       tuple(verdicts), tuple(hints(labels, context, root)), tuple(notifying))


def _matched_verdict(
    name: str, hits: list[Route], muted: Mapping[int, Any], inhibit: Verdict | None, context: Context
) -> Verdict:
    first = hits[0]
    where = context.locations.get(route_key(first.path), "")
    if inhibit is not None:
        return Verdict(name, INHIBITED, inhibit.detail, lineage_label(first), inhibit.source, where)
    free = [r for r in hits if id(r) not in muted]
    if free:
        line = context.locations.get(route_key(free[0].path), "")
        return Verdict(name, NOTIFIED, "notified", lineage_label(free[0]), line, line)
    note = muted[id(first)]
    if note.muted_by:
        interval = note.muted_by[0]
        line = context.locations.get(interval_key(interval), "")
        return Verdict(name, MUTED, f"its route matched, but mute interval {interval!r}{_at(line)} contains the moment",
                       lineage_label(first), line or where, where)
    active = first.active_time_intervals
    names = ", ".join(f"{n!r}{_at(context.locations.get(interval_key(n), ''))}" for n in active)
    return Verdict(name, INACTIVE, f"its route matched, but it is active only during {names}, not at this moment",
                   lineage_label(first), context.locations.get(interval_key(active[0]), where), where)


def _at(line: str) -> str:
    return f" ({line})" if line else ""


def _missed_verdict(name: str, node: Route, labels: Labels, context: Context) -> Verdict:
    chain = lineage(node)
    for depth in range(1, len(chain)):
        step, parent = chain[depth], chain[depth - 1]
        for sibling in parent.routes[: step.path[-1]]:
            if not sibling.continue_ and sibling.match(labels):
                return Verdict(name, EARLIER_ROUTE,
                               f"an earlier route matched without continue and ended the search: "
                               f"{sibling.label()} (receiver {sibling.receiver})",
                               *_route_at(sibling, context))
        failing = [m for m in step.matchers if not m.matches(labels)]
        if failing:
            m = failing[0]
            have = f"{m.name}={labels[m.name]!r}" if m.name in labels else f"no {m.name} label"
            return Verdict(name, MATCHER, f"matcher {m} does not match: the alert has {have}",
                           *_route_at(step, context))
    for child in node.routes:
        if child.match(labels):
            return Verdict(name, CHILD_ROUTE,
                           f"its route matched, but a child route took the alert: {child.label()} "
                           f"(receiver {child.receiver})",
                           *_route_at(child, context))
    return Verdict(name, MATCHER, "its route does not match", *_route_at(node, context))


def _route_at(route: Route, context: Context) -> tuple[str, str, str]:
    line = context.locations.get(route_key(route.path), "")
    return lineage_label(route), line, line


def hints(labels: Labels, context: Context, root: Route) -> list[str]:
    """Label values that look like mistakes: an unknown tenant, a severity off the ladder."""
    found: list[str] = []
    if context.tenants is not None:
        tenants = sorted(context.tenants)
    else:
        tenants = sorted(naming.tenant_owners(child.receiver for child in root.routes))
    tenant = labels.get(context.tenant_label)
    matched = root.match(labels)
    if tenant is None:
        if all(r.is_root for r in matched):  # a platform route that takes it needs no tenant
            found.append(f"the alert has no {context.tenant_label} label, so no tenant route can take it"
                         f" (tenants: {_few(tenants)})")
    elif tenant not in tenants:
        close = closest(tenant, tenants)
        guess = f"; did you mean {close!r}?" if close is not None else f" (tenants: {_few(tenants)})"
        found.append(f"no tenant {tenant!r}{guess}")
    if tenant in tenants and all(r.receiver == naming.unrouted(str(tenant)) for r in matched):
        found.append(f"no route of tenant {tenant!r} matched: nobody is notified (--explain says why)")
    severity = labels.get(context.severity_label)
    if context.severities and severity is not None and severity not in context.severities:
        close = closest(severity, context.severities, cutoff=0.5)
        guess = f"; did you mean {close!r}?" if close is not None else ""
        found.append(f"{context.severity_label} {severity!r} is not on the ladder "
                     f"({', '.join(context.severities)}): min_severity routes never match it{guess}")
    return found


def lineage(route: Route) -> list[Route]:
    chain = []
    node: Route | None = route
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def lineage_label(route: Route) -> str:
    """``{tenant="a"} > {severity="critical"}``: the route and its ancestors below the root."""
    return " > ".join(r.label() for r in lineage(route)[1:]) or route.label()


def _labels_text(labels: Labels) -> str:
    return "{" + ",".join(f'{k}="{v}"' for k, v in labels.items()) + "}"


def _few(names: list[str], limit: int = 8) -> str:
    if not names:
        return "none"
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


# --------------------------------------------------------------------------- source lines


def locations(project: Project) -> dict[str, str]:
    """file:line of each route node, time interval and inhibit rule of the project's native config.

    Walks the project in the order ``render/build.py`` emits them (observers, ``routes.before``,
    tenants by id with their shorthand routes then their tree, ``routes.after``; platform inhibit
    rules and intervals first, then each tenant's), so keys are the native tree's child indices."""
    from receivers_cli.render.native_routes import tree_receivers

    found: dict[str, str] = {}
    platform, doc = project.platform, project.platform_doc

    def at(document: SourceDocument | None, path: tuple[str | int, ...], key: bool = False) -> str:
        if document is None:
            return ""
        return f"{document.file}:{document.locate(path, at_key=key).line}"

    def tree(path: tuple[int, ...], node: NativeRoute, document: SourceDocument | None,
             data_path: tuple[str | int, ...]) -> None:
        found[route_key(path)] = at(document, data_path)
        for j, child in enumerate(node.routes):
            tree((*path, j), child, document, (*data_path, "routes", j))

    index = 0
    for i, _ in enumerate(platform.observers):
        found[route_key((index,))] = at(doc, ("observers", i))
        index += 1
    for i, node in enumerate(platform.routes.before):
        tree((index,), node, doc, ("routes", "before", i))
        index += 1
    inhibit = len(platform.inhibit_rules)
    for i, rule in enumerate(platform.inhibit_rules):
        found[inhibit_key(i)] = at(doc, ("inhibit_rules", i))
        if rule.name:
            found[inhibit_name_key(i)] = naming.scoped(naming.PLATFORM, rule.name)
    for i, interval in enumerate(platform.time_intervals):
        found[interval_key(naming.scoped(naming.PLATFORM, interval.name))] = at(doc, ("time_intervals", i))
    for tenant in sorted(project.tenants, key=lambda t: t.id):
        model, tdoc = tenant.model, tenant.doc
        found[route_key((index,))] = at(tdoc, (tenant.id, "route") if model.route.receiver else (tenant.id,),
                                        key=not model.route.receiver)
        child = 0
        in_tree = tree_receivers(model)
        for r, receiver in enumerate(model.receivers):
            if receiver.enabled and receiver.name not in in_tree:
                found[route_key((index, child))] = at(tdoc, (tenant.id, "receivers", r))
                child += 1
        for j, node in enumerate(model.route.routes):
            tree((index, child), node, tdoc, (tenant.id, "route", "routes", j))
            child += 1
        for j, tenant_rule in enumerate(model.inhibit):
            found[inhibit_key(inhibit)] = at(tdoc, (tenant.id, "inhibit", j))
            if tenant_rule.name:
                found[inhibit_name_key(inhibit)] = naming.scoped(tenant.id, tenant_rule.name)
            inhibit += 1
        for j, interval in enumerate(model.time_intervals):
            found[interval_key(naming.scoped(tenant.id, interval.name))] = at(tdoc, (tenant.id, "time_intervals", j))
        index += 1
    for i, node in enumerate(platform.routes.after):
        tree((index,), node, doc, ("routes", "after", i))
        index += 1
    return found


def context_of(project: Project, config: Mapping[str, Any]) -> Context:
    """The explanation context of a project and its (preview) native config."""
    return Context(
        locations(project),
        project.platform.tenant_label,
        project.platform.severity_label,
        tuple(project.platform.severities),
        tuple(str(r.get("name")) for r in config.get("receivers") or []),
    )
