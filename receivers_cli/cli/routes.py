"""``receivers routes show|test``: where alerts go, from the tenant files, with no secrets needed."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from receivers_cli.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ConfigOption, TenantsOption, VersionOption
from receivers_cli.cli.output import console, write_json
from receivers_cli.isolation import naming

if TYPE_CHECKING:
    from datetime import datetime

    from receivers_cli.alertmanager.routing import Route
    from receivers_cli.alertmanager.versions import Version
    from receivers_cli.analysis.explain import Explanation
    from receivers_cli.analysis.routing_view import RoutingView



class RoutesFormat(str, Enum):
    text = "text"
    json = "json"


app = typer.Typer(help="Show the routing tree and test where a label set goes.", no_args_is_help=True)


def _load(tenants: Path, config: Path, version: str | None,
          labels: list[str] | None = None) -> tuple[RoutingView, Route]:
    from receivers_cli.alertmanager.routing import build_route_tree
    from receivers_cli.analysis.routing_view import routing_view
    from receivers_cli.errors import ProblemsError
    from receivers_cli.report import print_problems

    try:
        view = routing_view(tenants, config, version, labels)
    except ProblemsError as exc:
        print_problems(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from None
    if view.problems:
        # A broken tenant fails alone: report it, answer for the others, exit 1 at the end.
        print_problems(view.problems)
        sys.stderr.write(f"left out, their files have errors: {', '.join(view.broken) or 'see above'}\n")
    return view, build_route_tree(view.config, view.version)


def _done(view: RoutingView, code: int = EXIT_OK) -> typer.Exit:
    return typer.Exit(EXIT_PROBLEMS if view.problems else code)


@app.command("show")
def show(
    tenants: Path = TenantsOption,
    config: Path = ConfigOption,
    tenant: str | None = typer.Option(None, "--tenant", help="Only this tenant's subtree."),
    alertmanager_version: str | None = VersionOption,
    output: RoutesFormat = typer.Option(RoutesFormat.text, "--format", help="text (a tree) or json (nested nodes)."),
) -> None:
    """Print the routing tree: matchers, receiver, continue, timings and the tenant file line."""
    from rich.markup import escape
    from rich.tree import Tree

    view, root = _load(tenants, config, alertmanager_version)
    if tenant is not None and not any(naming.owned_by(child.receiver, tenant) for child in root.routes):
        if tenant in view.broken:
            sys.stderr.write(f"tenant {tenant!r} has errors (above): it has no routes to show\n")
            raise typer.Exit(EXIT_PROBLEMS)
        known = sorted(naming.tenant_owners(child.receiver for child in root.routes))
        sys.stderr.write(f"error: no tenant {tenant!r}; tenants: {', '.join(known) or 'none'}\n")
        raise typer.Exit(EXIT_USAGE)

    def describe(route: Route) -> str:
        # Names and matcher values come from tenant files: escaped, never read as rich markup.
        parts = [f"[bold]{escape(route.label())}[/bold]", f"receiver: [cyan]{escape(route.receiver)}[/cyan]"]
        if route.continue_:
            parts.append("continue")
        if route.is_root or route.depth == 1:
            parts.append(f"wait {_span(route.group_wait)}/{_span(route.group_interval)}/{_span(route.repeat_interval)}")
        if route.active_time_intervals:
            parts.append("active: " + escape(", ".join(route.active_time_intervals)))
        if route.mute_time_intervals:
            parts.append("muted: " + escape(", ".join(route.mute_time_intervals)))
        source = view.sources.get(route.receiver, "")
        if source and not route.is_root:
            parts.append(f"[dim]{escape(source)}[/dim]")
        return "  ".join(parts)

    shown = [child for child in root.routes if tenant is None or naming.owned_by(child.receiver, tenant)]
    if output is RoutesFormat.json:
        write_json({"route": _node(root, view.sources, shown)})
        raise _done(view)

    def add(branch: Tree, route: Route) -> None:
        for child in route.routes:
            add(branch.add(describe(child), highlight=False), child)

    tree = Tree(describe(root), highlight=False)
    for child in shown:
        add(tree.add(describe(child), highlight=False), child)
    # Piped: one node per line however long (no wrapping mid-node at a guessed width).
    console().print(tree)
    raise _done(view)


def _node(route: Route, sources: dict[str, str], children: list[Route] | None = None) -> dict[str, object]:
    """One route node as JSON: what the text tree shows, with durations in seconds."""
    node: dict[str, object] = {
        "label": route.label(),
        "matchers": [str(m) for m in route.matchers],
        "receiver": route.receiver,
        "continue": route.continue_,
        "group_by": ["..."] if route.group_by_all else list(route.group_by),
        "group_wait": _span(route.group_wait),
        "group_interval": _span(route.group_interval),
        "repeat_interval": _span(route.repeat_interval),
        "active_time_intervals": list(route.active_time_intervals),
        "mute_time_intervals": list(route.mute_time_intervals),
        "source": "" if route.is_root else sources.get(route.receiver, ""),
    }
    node["routes"] = [_node(child, sources) for child in (route.routes if children is None else children)]
    return node


@app.command("test")
def test(
    labels: list[str] = typer.Argument(..., help="Labels of the alert, as LABEL=VALUE."),
    tenants: Path = TenantsOption,
    config: Path = ConfigOption,
    alertmanager_version: str | None = VersionOption,
    output: RoutesFormat = typer.Option(RoutesFormat.text, "--format", help="text (like amtool) or json."),
    verify: str | None = typer.Option(None, "--verify", help="Expected receivers, comma-separated; exit 1 if not."),
    at: str | None = typer.Option(
        None, "--at", help="RFC 3339 time: routes muted then (time intervals) notify nobody."
    ),
    firing: list[str] = typer.Option(
        [], "--firing", help="Another alert firing meanwhile, LABEL=VALUE,... (repeatable; for inhibit rules)."
    ),
    explain: bool = typer.Option(
        False, "--explain", help="For every receiver of the tenant: reached or not, and why (matcher, interval, "
        "inhibit rule, file:line)."
    ),
) -> None:
    """Print the receivers an alert with these labels reaches, in amtool's order.

    Without --at and --firing the answer is amtool's (`amtool config routes test`); with them,
    routes muted at that time and alerts an inhibit rule suppresses are left out of it."""
    from receivers_cli.analysis.explain import lineage, parse_time, split_labels

    # Focused on the tenant the labels name: no other tenant's route can take the alert.
    view, root = _load(tenants, config, alertmanager_version, labels)
    label_set = _label_set(labels, view.version)
    moment = None
    if at is not None:
        moment = parse_time(at)
        if moment is None:
            sys.stderr.write(f"error: --at {at!r} is not a time; use RFC 3339, e.g. 2026-11-27T09:30:00Z\n")
            raise typer.Exit(EXIT_USAGE)
    others = [_label_set(split_labels(item), view.version) for item in firing]
    if view.tenant_label in label_set:
        # Another alert is the same tenant's unless it says otherwise: tenant inhibit rules are
        # confined to the tenant's own alerts on both sides.
        others = [{view.tenant_label: label_set[view.tenant_label], **other} for other in others]
    result = _explain(view, root, label_set, moment, others)
    broken = [v for k, v in label_set.items() if k == view.tenant_label and v in view.broken]
    if broken:
        sys.stderr.write(f"tenant {broken[0]!r} has errors (above): this answer leaves its routes out\n")
    else:
        for hint in result.hints:
            sys.stderr.write(f"hint: {hint}\n")
    timed = moment is not None or bool(others)
    names = list(result.notified) if timed else list(result.matched)
    if output is RoutesFormat.json:
        entries = [
            {
                "receiver": r.receiver,
                "route": [m.label() for m in lineage(r)],
                "source": view.sources.get(r.receiver, ""),
            }
            for r in (result.notified_routes if timed else root.match(label_set))
        ]
        document: dict[str, object] = {"labels": label_set, "receivers": entries}
        if moment is not None:
            document["at"] = moment.isoformat()
        if others:
            document["firing"] = others
        document["hints"] = list(result.hints)
        if explain:
            document["explain"] = [v.as_dict() for v in result.verdicts]
        write_json(document)
    else:
        sys.stdout.write(",".join(names) + "\n")
        if explain:
            sys.stdout.write(_explain_text(result))
    if verify is not None and verify != ",".join(names):
        sys.stdout.write("WARNING: Expected receivers did not match resolved receivers.\n")
        raise typer.Exit(EXIT_PROBLEMS)
    raise _done(view)


def _explain(view: RoutingView, root: Route, labels: dict[str, str], moment: datetime | None,
             firing: list[dict[str, str]]) -> Explanation:
    from receivers_cli.alertmanager.inhibition import InhibitionError, parse_inhibit_rules
    from receivers_cli.alertmanager.timeintervals import TimeIntervalError, parse_time_intervals
    from receivers_cli.analysis.explain import explain

    try:
        rules = parse_inhibit_rules(view.config, view.version) if firing else []
        intervals = parse_time_intervals(view.config) if moment is not None else {}
        return explain(root, labels, view.explain_context(), rules=rules, intervals=intervals, moment=moment,
                       firing=firing)
    except (InhibitionError, TimeIntervalError) as exc:  # validated input: only a bug gets here
        sys.stderr.write(f"error: the rendered config cannot be simulated: {exc}\n")
        raise typer.Exit(EXIT_PROBLEMS) from None


def _explain_text(result: Explanation) -> str:
    if not result.verdicts:
        return "  (no receiver of a tenant is concerned)\n"
    width = max(len(v.receiver) for v in result.verdicts)
    lines = []
    for v in result.verdicts:
        state = "notified" if v.reached else "NOT notified"
        line = f"  {v.receiver:<{width}}  {state}"
        if not v.reached:
            line += f": {v.detail}"
        if v.route:
            line += f"\n  {'':<{width}}  route {v.route}" + (f" ({v.route_source})" if v.route_source else "")
        lines.append(line)
    return "\n".join(lines) + "\n"


def _label_set(arguments: list[str], version: Version) -> dict[str, str]:
    """The labels as amtool of the target version reads its arguments: each one is parsed as a
    matcher (the classic parser before 0.27, UTF-8 with classic fallback after) and must be ``=``;
    a repeated name keeps the last value. Anything amtool refuses is a usage error here too."""
    from receivers_cli.alertmanager.matchers import MatcherError, MatchType, parse_matcher

    label_set: dict[str, str] = {}
    for item in arguments:
        try:
            matcher = parse_matcher(item, version)
        except MatcherError as exc:
            sys.stderr.write(f"error: cannot read the label {item!r}: {exc}\n")
            raise typer.Exit(EXIT_USAGE) from None
        if matcher.type is not MatchType.EQUAL:
            sys.stderr.write(f"error: {item!r}: labels must be given as LABEL=VALUE\n")
            raise typer.Exit(EXIT_USAGE)
        label_set[matcher.name] = matcher.value
    return label_set


def _span(delta: object) -> str:
    from datetime import timedelta

    assert isinstance(delta, timedelta)
    seconds = int(delta.total_seconds())
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
