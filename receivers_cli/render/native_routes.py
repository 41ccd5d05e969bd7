"""Native route trees (tenant ``route:`` and platform ``routes:``) → native Alertmanager routes.

Isolation by construction: every receiver and interval name of a tenant tree is emitted as
``<tenant>/<name>`` (a platform interval as ``_platform/<name>``, its own spelling), and every
matcher is parsed and re-emitted in canonical form, so what Alertmanager reads is exactly what
validation checked (no tenant-label matcher, see rule R136). The tree hangs below the tenant route,
which matches only ``<tenant_label>="<id>"``: a node there never sees another tenant's alert.

Platform trees (``routes.before`` / ``routes.after``) are trusted and rendered the same way with
``_platform/`` names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from receivers_cli.alertmanager.matchers import Matcher, MatchType, parse_matcher_list
from receivers_cli.alertmanager.versions import Version
from receivers_cli.isolation import naming
from receivers_cli.model.platform import Platform, PlatformInhibitRule
from receivers_cli.model.tenant import PLATFORM_INTERVAL_PREFIX, NativeRoute, Tenant, TimeInterval
from receivers_cli.render.severity import severity_matchers

PLATFORM_OWNER = naming.PLATFORM

# Limits for a tenant tree: a hostile file must not make validation, the simulator or Alertmanager
# slow (every alert walks the tree; regexes are RE2, linear, but their size still costs).
MAX_ROUTE_DEPTH = 16
MAX_ROUTE_NODES = 500
MAX_MATCHER_LENGTH = 4096

Path = tuple[str | int, ...]


def node_matchers(node: NativeRoute, platform: Platform, version: Version) -> list[Matcher]:
    """Every matcher of ``node`` (min_severity, match, match_re, matchers), parsed; raises MatcherError."""

    texts = severity_matchers(platform, node.min_severity) if node.min_severity else []
    found = parse_matcher_list(texts, version)
    found += [Matcher(label, MatchType.EQUAL, value) for label, value in node.match.items()]
    found += [Matcher(label, MatchType.REGEX, value) for label, value in node.match_re.items()]
    found += parse_matcher_list(node.matchers, version)
    return found


def walk(routes: list[NativeRoute], base: Path) -> Iterator[tuple[NativeRoute, Path, int]]:
    """Every node below ``base`` with its document path and depth (1 = a top-level node), parents first."""
    stack: list[tuple[NativeRoute, Path, int]] = [
        (node, (*base, i), 1) for i, node in reversed(list(enumerate(routes)))
    ]
    while stack:
        node, path, depth = stack.pop()
        yield node, path, depth
        stack.extend((child, (*path, "routes", i), depth + 1) for i, child in reversed(list(enumerate(node.routes))))


def tree_receivers(tenant: Tenant) -> set[str]:
    """The receiver names a tenant's ``route:`` names (its default and every node's)."""
    if tenant.route is None:
        return set()
    names = {tenant.route.receiver} if tenant.route.receiver else set()
    names |= {node.receiver for node, _, _ in walk(tenant.route.routes, ()) if node.receiver}
    return names


def render_routes(
    routes: list[NativeRoute], owner: str, platform: Platform, version: Version
) -> list[dict[str, Any]]:
    """The native form of ``routes`` with ``owner``'s names (validated input)."""
    return [_render(node, owner, platform, version, 1) for node in routes]


def _name(owner: str) -> Callable[[str], str]:
    return lambda name: name if name.startswith(PLATFORM_INTERVAL_PREFIX) else naming.scoped(owner, name)


def _render(node: NativeRoute, owner: str, platform: Platform, version: Version, depth: int) -> dict[str, Any]:
    named = _name(owner)
    native: dict[str, Any] = {}
    if node.receiver:
        native["receiver"] = naming.scoped(owner, node.receiver)
    matchers = node_matchers(node, platform, version)
    if matchers:
        native["matchers"] = [str(m) for m in matchers]
    if node.continue_:
        native["continue"] = True
    if node.group_by is not None:
        native["group_by"] = list(node.group_by)
    for key in ("group_wait", "group_interval", "repeat_interval"):
        if getattr(node, key) is not None:
            native[key] = getattr(node, key)
    if node.active_time_intervals:
        native["active_time_intervals"] = [named(n) for n in node.active_time_intervals]
    if node.mute_time_intervals:
        native["mute_time_intervals"] = [named(n) for n in node.mute_time_intervals]
    if node.routes:
        native["routes"] = [_render(child, owner, platform, version, depth + 1) for child in node.routes]
    return native


def tenant_route_options(tenant: Tenant) -> dict[str, Any]:
    """What ``route:`` sets on the tenant route itself (grouping and timings)."""
    if tenant.route is None:
        return {}
    options: dict[str, Any] = {}
    for key in ("group_by", "group_wait", "group_interval", "repeat_interval"):
        value = getattr(tenant.route, key)
        if value is not None:
            options[key] = list(value) if key == "group_by" else value
    return options


def platform_inhibit_rule(rule: PlatformInhibitRule, version: Version) -> dict[str, Any]:
    """A platform inhibit rule as written (old forms kept: Alertmanager reads them all)."""
    native: dict[str, Any] = {}
    if rule.name and version >= (0, 30):
        native["name"] = naming.scoped(PLATFORM_OWNER, rule.name)
    for key in ("source_matchers", "source_match", "source_match_re", "target_matchers", "target_match",
                "target_match_re", "equal"):
        value = getattr(rule, key)
        if value:
            native[key] = [str(m) for m in parse_matcher_list(value, version)] if key.endswith("_matchers") else (
                dict(value) if isinstance(value, dict) else list(value)
            )
    return native


def platform_time_interval(interval: TimeInterval) -> dict[str, Any]:
    specs = [spec.model_dump(exclude_none=True) for spec in interval.time_intervals]
    return {"name": naming.scoped(PLATFORM_OWNER, interval.name), "time_intervals": specs}
