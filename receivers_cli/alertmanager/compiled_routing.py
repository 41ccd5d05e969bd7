""":meth:`Route.match <receivers_cli.alertmanager.routing.Route.match>` compiled once for many label sets.

The import self-check asks one tree about thousands of label sets. ``Route.match`` re-reads each
node's :class:`Matcher` objects through several calls per matcher and tries every child in turn;
on a root with hundreds of team routes almost all of those tries fail on one equality matcher.
:func:`compile_tree` builds a parallel tree with the same answers (tests/routing/
test_compiled_routing.py compares the two on random trees and label sets):

* each node's matchers become ``(name, kind, argument)`` triples read in one loop: equality and
  inequality compare strings directly; a regex matcher keeps a per-value memo of its answer
  (label sets reuse the same few values);
* a node whose children mostly pin one label by equality (``team="t01"`` … ``team="t50"``) gets
  an index from that label's value to the children that can still match it, in their order:
  a child pinning another value fails that equality matcher, so it is never tried. Children
  that do not pin the label stay in every list, so the order of tries (and of ``continue``) is
  the tree's own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from receivers_cli.alertmanager.matchers import Matcher, MatchType
from receivers_cli.alertmanager.routing import Route

__all__ = ["CompiledRoute", "compile_tree"]

_EQUAL, _NOT_EQUAL, _PREDICATE = 0, 1, 2
#: An index pays off from this many children pinning the label; below it a linear try is as fast.
_INDEX_MIN = 4
#: The index keeps one ordered list per value: bounded so a wide node cannot make it quadratic.
_INDEX_MAX_ENTRIES = 100_000
#: Memoised regex answers per matcher (label values seen); past it, the regex is asked again.
_MEMO_MAX = 10_000


class _Regex:
    """A regex matcher's answers by value (the label sets of one check reuse the same values)."""

    __slots__ = ("matcher", "memo")

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.memo: dict[str, bool] = {}

    def __call__(self, value: str) -> bool:
        found = self.memo.get(value)
        if found is None:
            found = self.matcher.matches_value(value)
            if len(self.memo) < _MEMO_MAX:
                self.memo[value] = found
        return found


Test = tuple[str, int, object]


def _tests(matchers: Sequence[Matcher], regexes: dict[Matcher, _Regex]) -> tuple[Test, ...]:
    found: list[Test] = []
    for m in matchers:
        if m.type is MatchType.EQUAL:
            found.append((m.name, _EQUAL, m.value))
        elif m.type is MatchType.NOT_EQUAL:
            found.append((m.name, _NOT_EQUAL, m.value))
        else:
            found.append((m.name, _PREDICATE, regexes.setdefault(m, _Regex(m))))
    return tuple(found)


def _accepts(tests: tuple[Test, ...], labels: Mapping[str, str]) -> bool:
    for name, kind, argument in tests:
        value = labels.get(name, "")
        if kind == _EQUAL:
            if value != argument:
                return False
        elif kind == _NOT_EQUAL:
            if value == argument:
                return False
        elif not argument(value):  # type: ignore[operator]  # a _Regex
            return False
    return True


class CompiledRoute:
    """One node: its :class:`Route`, its tests, its children (and their index, if any)."""

    __slots__ = ("children", "continue_", "index", "index_name", "route", "tests", "unpinned")

    def __init__(self, route: Route, regexes: dict[Matcher, _Regex]) -> None:
        self.route = route
        self.tests = _tests(route.matchers, regexes)
        self.continue_ = route.continue_
        self.children = [CompiledRoute(child, regexes) for child in route.routes]
        self.index_name: str | None = None
        self.index: dict[str, list[CompiledRoute]] = {}
        self.unpinned: list[CompiledRoute] = self.children
        self._build_index()

    def _build_index(self) -> None:
        pinned: dict[str, dict[int, str]] = {}  # label → child position → the value it pins
        for position, child in enumerate(self.children):
            for name, kind, argument in child.tests:
                if kind == _EQUAL:
                    pinned.setdefault(name, {}).setdefault(position, str(argument))
        if not pinned:
            return
        name, values = max(pinned.items(), key=lambda item: len(item[1]))
        if len(values) < _INDEX_MIN:
            return
        unpinned = [c for i, c in enumerate(self.children) if i not in values]
        distinct = set(values.values())
        if len(distinct) * (len(unpinned) + 1) + len(values) > _INDEX_MAX_ENTRIES:
            return
        self.index = {
            value: [c for i, c in enumerate(self.children) if values.get(i, value) == value] for value in distinct
        }
        self.index_name, self.unpinned = name, unpinned

    def match(self, labels: Mapping[str, str]) -> list[Route]:
        """What :meth:`Route.match` answers for ``labels`` (the same routes, in the same order)."""
        if not _accepts(self.tests, labels):
            return []
        return self._below(labels)

    def _below(self, labels: Mapping[str, str]) -> list[Route]:
        # This node accepts ``labels``: its first accepting child ends the search unless it continues.
        children = self.children
        if self.index_name is not None:
            children = self.index.get(labels.get(self.index_name, ""), self.unpinned)
        found: list[Route] = []
        for child in children:
            if child.tests and not _accepts(child.tests, labels):
                continue
            found.extend(child._below(labels))
            if not child.continue_:
                break
        return found or [self.route]


def compile_tree(root: Route) -> CompiledRoute:
    """The compiled form of the tree below ``root`` (``root`` itself included)."""
    return CompiledRoute(root, {})
