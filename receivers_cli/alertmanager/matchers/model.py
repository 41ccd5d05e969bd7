"""One label matcher, its match semantics and the canonical printed form."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from receivers_cli.alertmanager.matchers.gostrings import go_quote, is_reserved
from receivers_cli.alertmanager.matchers.regex import Re2Pattern, compile_re2

#: Label names accepted by the classic parser (and everywhere in 0.25).
LEGACY_LABEL_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*\Z")


class MatchType(StrEnum):
    EQUAL = "="
    NOT_EQUAL = "!="
    REGEX = "=~"
    NOT_REGEX = "!~"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Matcher:
    """One label matcher; regex matchers compile on construction (raising :class:`MatcherError`)."""

    name: str
    type: MatchType
    value: str
    _regex: Re2Pattern | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.type in (MatchType.REGEX, MatchType.NOT_REGEX):
            object.__setattr__(self, "_regex", compile_re2(self.value))

    @property
    def is_regex(self) -> bool:
        return self._regex is not None

    def matches_value(self, value: str) -> bool:
        if self.type is MatchType.EQUAL:
            return value == self.value
        if self.type is MatchType.NOT_EQUAL:
            return value != self.value
        assert self._regex is not None
        found = self._regex.search(value) is not None
        return found if self.type is MatchType.REGEX else not found

    def matches(self, labels: Mapping[str, str]) -> bool:
        """Whether the label set satisfies this matcher; a missing label is the empty string."""
        return self.matches_value(labels.get(self.name, ""))

    def __str__(self) -> str:
        """The canonical form: ``name="value"`` with ``\\``, newline and ``"`` escaped.

        A name the classic parser cannot read (UTF-8 names, 0.27+) is printed the way newer
        Alertmanager prints it: name and value as Go-quoted strings.
        """
        return self._text

    @cached_property
    def _text(self) -> str:
        # Made once: routes share parsed matchers (parse.py), and every stage prints them again.
        if any(is_reserved(c) for c in self.name):
            return f"{go_quote(self.name)}{self.type.value}{go_quote(self.value)}"
        return f'{self.name}{self.type.value}"{escape_value(self.value)}"'


def matches_all(matchers: Iterable[Matcher], labels: Mapping[str, str]) -> bool:
    return all(m.matches(labels) for m in matchers)


def sort_matchers(matchers: Iterable[Matcher]) -> list[Matcher]:
    """Alertmanager's order (by name, then value, then operator), used when printing routes."""
    order = {MatchType.EQUAL: 0, MatchType.NOT_EQUAL: 1, MatchType.REGEX: 2, MatchType.NOT_REGEX: 3}
    return sorted(matchers, key=lambda m: (m.name.encode(), m.value.encode(), order[m.type]))


def format_matchers(matchers: Iterable[Matcher]) -> str:
    """``{a="b",c=~"d"}``, as ``amtool config routes`` shows a route."""
    return "{" + ",".join(str(m) for m in matchers) + "}"


def escape_value(value: str) -> str:
    """A label value for inside double quotes, read the same by the classic and UTF-8 parsers."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
