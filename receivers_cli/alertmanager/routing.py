"""The Alertmanager routing tree, built from a native ``route`` dict, and its matching.

Semantics (Alertmanager ``dispatch/route.go``, identical in 0.25 and 0.34):

* ``receiver``, ``group_by``, ``group_wait``, ``group_interval`` and ``repeat_interval`` are
  inherited from the parent when a node does not set them; ``mute_time_intervals`` and
  ``active_time_intervals`` are not (only a node's own list counts).
* A node's matchers are ``match`` (equality), ``match_re`` (anchored regexes) and ``matchers``,
  all ANDed.
* :meth:`Route.match` is depth-first and left-to-right: a node that does not match returns
  nothing; otherwise its children are tried in order, a matching child's matches are collected,
  and the search stops after the first matching child unless that child has ``continue: true``.
  When no child matched, the node itself is the match.
* ``amtool config routes test`` prints the matched routes' receivers in that order, joined by
  ``,`` and **without removing duplicates** (see :func:`receivers_for`).

Every :class:`Route` keeps its ``path`` (child indices from the root) and the ``raw`` mapping it
was built from, so callers can map a match back to a source line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from receivers_cli.alertmanager.durations import parse_prometheus
from receivers_cli.alertmanager.matchers import (
    LEGACY_LABEL_NAME,
    Matcher,
    MatcherError,
    ParserMode,
    format_matchers,
    matchers_from_legacy,
    parse_matcher_list,
    sort_matchers,
)
from receivers_cli.alertmanager.versions import EMPTY_GROUP_BY_RESETS, SIMULATED_DEFAULT, UTF8_MATCHERS, Version

__all__ = [
    "DEFAULT_GROUP_INTERVAL",
    "DEFAULT_GROUP_WAIT",
    "DEFAULT_REPEAT_INTERVAL",
    "Route",
    "RoutingError",
    "build_route_tree",
    "parse_duration",
    "receivers_for",
    "routes_test_output",
]

DEFAULT_GROUP_WAIT = timedelta(seconds=30)
DEFAULT_GROUP_INTERVAL = timedelta(minutes=5)
DEFAULT_REPEAT_INTERVAL = timedelta(hours=4)

_ROUTE_KEYS = frozenset(
    {
        "receiver", "group_by", "continue", "matchers", "match", "match_re", "group_wait",
        "group_interval", "repeat_interval", "mute_time_intervals", "active_time_intervals",
        "routes", "labels",
    }
)  # fmt: skip


class RoutingError(ValueError):
    """The route tree is not one Alertmanager would load; ``path`` locates the offending node."""

    def __init__(self, message: str, path: tuple[int, ...] = ()) -> None:
        where = "route" + "".join(f".routes[{i}]" for i in path)
        super().__init__(f"{where}: {message}")
        self.message = message
        self.path = path




def parse_duration(text: object) -> timedelta:
    """A Prometheus duration (``1h30m``, ``0``; units y w d h m s ms, largest first, each once)."""
    value = str(text)
    nanos = parse_prometheus(value)
    if nanos is None:
        raise ValueError(f"not a valid duration string: {value!r}")
    return timedelta(microseconds=nanos // 1000)


@dataclass(eq=False)
class Route:
    """One node of the routing tree, with the options it inherited already applied."""

    path: tuple[int, ...]
    receiver: str
    matchers: tuple[Matcher, ...] = ()
    continue_: bool = False
    group_by: tuple[str, ...] = ()
    group_by_all: bool = False
    group_wait: timedelta = DEFAULT_GROUP_WAIT
    group_interval: timedelta = DEFAULT_GROUP_INTERVAL
    repeat_interval: timedelta = DEFAULT_REPEAT_INTERVAL
    mute_time_intervals: tuple[str, ...] = ()
    active_time_intervals: tuple[str, ...] = ()
    routes: list[Route] = field(default_factory=list)
    parent: Route | None = field(default=None, repr=False)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def is_root(self) -> bool:
        return self.parent is None

    @property
    def depth(self) -> int:
        return len(self.path)

    def matches_labels(self, labels: Mapping[str, str]) -> bool:
        """Whether this node's own matchers accept the label set (missing label = empty)."""
        return all(m.matches(labels) for m in self.matchers)

    def match(self, labels: Mapping[str, str]) -> list[Route]:
        """The routes an alert with ``labels`` is handled by, in Alertmanager's order."""
        if not self.matches_labels(labels):
            return []
        found: list[Route] = []
        for child in self.routes:
            child_matches = child.match(labels)
            found.extend(child_matches)
            if child_matches and not child.continue_:
                break
        return found or [self]

    def walk(self) -> Iterator[Route]:
        """Every node, depth-first, parents before children."""
        yield self
        for child in self.routes:
            yield from child.walk()

    def find(self, path: Sequence[int]) -> Route:
        node = self
        for index in path:
            node = node.routes[index]
        return node

    def label(self) -> str:
        """How ``amtool config routes`` names the node: ``default-route`` or ``{matchers}``."""
        return "default-route" if self.is_root else format_matchers(self.matchers)

    def __str__(self) -> str:
        text = self.label()
        if self.continue_:
            text += "  continue: true"
        return f"{text}  receiver: {self.receiver}"


def receivers_for(root: Route, labels: Mapping[str, str]) -> list[str]:
    """Receiver names in the order ``amtool config routes test`` prints them (duplicates kept)."""
    return [route.receiver for route in root.match(labels)]


def routes_test_output(root: Route, labels: Mapping[str, str]) -> str:
    """The stdout line of ``amtool config routes test`` (without the newline)."""
    return ",".join(receivers_for(root, labels))


def routing_part(native: Mapping[str, Any]) -> dict[str, Any]:
    """What routing questions need of a native config: receiver names, never their settings."""
    part: dict[str, Any] = {k: native[k] for k in ("route", "inhibit_rules", "time_intervals") if k in native}
    part["receivers"] = [{"name": r["name"]} for r in native.get("receivers", [])]
    return part


def build_route_tree(
    config: Mapping[str, Any],
    version: Version = SIMULATED_DEFAULT,
    mode: ParserMode | None = None,
    *,
    check_receivers: bool = True,
) -> Route:
    """Build the tree from a native config dict (with a ``route`` key) or a bare route dict.

    With ``check_receivers`` and a ``receivers`` list in ``config``, an undefined receiver name
    raises :class:`RoutingError` like Alertmanager does.
    """
    if "route" in config:
        raw_root = config["route"]
        known = {r.get("name") for r in config.get("receivers") or [] if isinstance(r, Mapping)}
        check = check_receivers and "receivers" in config
    else:
        raw_root, known, check = config, set(), False
    if not isinstance(raw_root, Mapping):
        raise RoutingError("no route provided in config")
    if not raw_root.get("receiver"):
        raise RoutingError("root route must specify a default receiver")
    for key in ("matchers", "match", "match_re"):
        if raw_root.get(key):
            raise RoutingError("root route must not have any matchers")
    if raw_root.get("continue"):
        raise RoutingError("cannot have continue in root route")
    for key in ("mute_time_intervals", "active_time_intervals"):
        if raw_root.get(key):
            raise RoutingError(f"root route must not have any {key.replace('_', ' ')}")
    root = _build(raw_root, None, (), version, mode)
    if check:
        for node in root.walk():
            if node.receiver not in known:
                raise RoutingError(f"undefined receiver {node.receiver!r} used in route", node.path)
    return root


def _names(value: object, what: str, path: tuple[int, ...]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RoutingError(f"{what} must be a list of strings", path)
    return tuple(value)


def _build(
    raw: Mapping[str, Any],
    parent: Route | None,
    path: tuple[int, ...],
    version: Version,
    mode: ParserMode | None,
) -> Route:
    unknown = sorted(set(raw) - _ROUTE_KEYS)
    if unknown:
        raise RoutingError(f"field {unknown[0]} not found in type config.plain", path)
    route = Route(path=path, receiver=parent.receiver if parent else "", parent=parent, raw=raw)
    if parent is not None:
        route.group_by, route.group_by_all = parent.group_by, parent.group_by_all
        route.group_wait, route.group_interval = parent.group_wait, parent.group_interval
        route.repeat_interval = parent.repeat_interval
    if raw.get("receiver"):
        route.receiver = str(raw["receiver"])
    _apply_group_by(route, raw, path, version)
    try:
        for key in ("group_wait", "group_interval", "repeat_interval"):
            if raw.get(key) is not None:
                setattr(route, key, parse_duration(raw[key]))
    except ValueError as error:
        raise RoutingError(str(error), path) from None
    if "group_interval" in raw and route.group_interval == timedelta(0):
        raise RoutingError("group_interval cannot be zero", path)
    if "repeat_interval" in raw and route.repeat_interval == timedelta(0):
        raise RoutingError("repeat_interval cannot be zero", path)
    try:
        matchers = matchers_from_legacy(raw.get("match"), raw.get("match_re"))
        matchers += parse_matcher_list(raw.get("matchers"), version, mode)
    except MatcherError as error:
        raise RoutingError(error.message, path) from None
    route.matchers = tuple(sort_matchers(matchers))
    route.continue_ = bool(raw.get("continue", False))
    route.mute_time_intervals = _names(raw.get("mute_time_intervals"), "mute_time_intervals", path)
    route.active_time_intervals = _names(raw.get("active_time_intervals"), "active_time_intervals", path)
    children = raw.get("routes") or []
    if not isinstance(children, list):
        raise RoutingError("routes must be a list", path)
    for index, child in enumerate(children):
        if not isinstance(child, Mapping):
            raise RoutingError("a route must be a mapping", (*path, index))
        route.routes.append(_build(child, route, (*path, index), version, mode))
    return route


def _apply_group_by(route: Route, raw: Mapping[str, Any], path: tuple[int, ...], version: Version) -> None:
    if "group_by" not in raw or raw["group_by"] is None:
        return
    names = _names(raw["group_by"], "group_by", path)
    if "..." in names:
        if len(names) > 1:
            message = "cannot have wildcard group_by (`...`) and other other labels at the same time"
            raise RoutingError(message, path)
        route.group_by_all = True
        return
    for name in names:
        if version < UTF8_MATCHERS and not LEGACY_LABEL_NAME.match(name):
            raise RoutingError(f"invalid label name {name!r} in group_by list", path)
    if len(set(names)) != len(names):
        raise RoutingError("duplicated label in group_by", path)
    # Before 0.31 an explicit empty list is the same as no list (the parent's grouping is kept).
    if names or version >= EMPTY_GROUP_BY_RESETS:
        route.group_by, route.group_by_all = names, False
