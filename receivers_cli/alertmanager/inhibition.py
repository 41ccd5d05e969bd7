"""Alertmanager inhibition: which of a set of firing alerts are muted by ``inhibit_rules``.

Semantics (``inhibit/inhibit.go``, same in 0.25 and 0.34):

* A rule's source side is ``source_match`` + ``source_match_re`` + ``source_matchers`` (ANDed),
  likewise the target side.
* An alert is inhibited when, for some rule, it matches the target side and another firing alert
  matches the source side with every ``equal`` label identical (a missing label equals the empty
  string).
* When the alert matches the source side too, source alerts that also match the target side are
  disregarded, so alerts matching both sides cannot inhibit each other (nor themselves).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from receivers_cli.alertmanager.matchers import (
    LEGACY_LABEL_NAME,
    Matcher,
    MatcherError,
    ParserMode,
    matchers_from_legacy,
    parse_matcher_list,
)
from receivers_cli.alertmanager.versions import SIMULATED_DEFAULT, UTF8_LABEL_NAMES, Version

__all__ = ["InhibitRule", "Inhibition", "InhibitionError", "inhibited", "parse_inhibit_rules"]

Labels = Mapping[str, str]

_RULE_KEYS = frozenset(
    {
        "name", "source_match", "source_match_re", "source_matchers", "target_match", "target_match_re",
        "target_matchers", "equal",
    }
)  # fmt: skip


class InhibitionError(ValueError):
    """An inhibit rule Alertmanager would refuse."""


@dataclass(frozen=True)
class InhibitRule:
    source: tuple[Matcher, ...]
    target: tuple[Matcher, ...]
    equal: tuple[str, ...] = ()
    name: str = ""
    index: int = 0  # position in ``inhibit_rules`` (to map back to a source line)

    @classmethod
    def from_config(
        cls,
        raw: Mapping[str, Any],
        index: int = 0,
        version: Version = SIMULATED_DEFAULT,
        mode: ParserMode | None = None,
    ) -> InhibitRule:
        unknown = sorted(set(raw) - _RULE_KEYS)
        if unknown:
            raise InhibitionError(f"inhibit_rules[{index}]: field {unknown[0]} not found in type config.plain")
        try:
            source = matchers_from_legacy(raw.get("source_match"), raw.get("source_match_re"))
            source += parse_matcher_list(raw.get("source_matchers"), version, mode)
            target = matchers_from_legacy(raw.get("target_match"), raw.get("target_match_re"))
            target += parse_matcher_list(raw.get("target_matchers"), version, mode)
        except MatcherError as error:
            raise InhibitionError(f"inhibit_rules[{index}]: {error.message}") from None
        equal = raw.get("equal") or []
        if not isinstance(equal, list) or not all(isinstance(n, str) for n in equal):
            raise InhibitionError(f"inhibit_rules[{index}]: equal must be a list of label names")
        for name in equal:
            legacy_only = version < UTF8_LABEL_NAMES or mode == "classic"
            if (legacy_only and not LEGACY_LABEL_NAME.match(name)) or not name:
                raise InhibitionError(f"inhibit_rules[{index}]: invalid label name {name!r} in equal")
        return cls(tuple(source), tuple(target), tuple(equal), str(raw.get("name") or ""), index)

    def matches_source(self, labels: Labels) -> bool:
        return all(m.matches(labels) for m in self.source)

    def matches_target(self, labels: Labels) -> bool:
        return all(m.matches(labels) for m in self.target)

    def equal_labels(self, a: Labels, b: Labels) -> bool:
        return all(a.get(name, "") == b.get(name, "") for name in self.equal)

    def inhibitor(self, alert: Labels, firing: Sequence[Labels]) -> int | None:
        """Index in ``firing`` of an alert that inhibits ``alert`` under this rule, or None."""
        if not self.matches_target(alert):
            return None
        both_sides = self.matches_source(alert)
        for position, other in enumerate(firing):
            if not self.matches_source(other) or not self.equal_labels(alert, other):
                continue
            if both_sides and self.matches_target(other):
                continue
            return position
        return None


@dataclass(frozen=True)
class Inhibition:
    """Why an alert is inhibited: the rule and the inhibiting alert (indices into the inputs)."""

    alert: int
    rule: InhibitRule
    source_alert: int


def parse_inhibit_rules(
    config: Mapping[str, Any], version: Version = SIMULATED_DEFAULT, mode: ParserMode | None = None
) -> list[InhibitRule]:
    """The ``inhibit_rules`` of a native config (or a bare list of rules)."""
    raw_rules: Any = config.get("inhibit_rules") if isinstance(config, Mapping) else config
    if raw_rules is None:
        return []
    if not isinstance(raw_rules, list):
        raise InhibitionError("inhibit_rules must be a list")
    rules = []
    for index, raw in enumerate(raw_rules):
        if not isinstance(raw, Mapping):
            raise InhibitionError(f"inhibit_rules[{index}] must be a mapping")
        rules.append(InhibitRule.from_config(raw, index, version, mode))
    return rules


def inhibited(rules: Sequence[InhibitRule], alerts: Sequence[Labels]) -> dict[int, Inhibition]:
    """Which of the firing ``alerts`` are inhibited; keyed by alert index, first rule that applies."""
    result: dict[int, Inhibition] = {}
    for index, alert in enumerate(alerts):
        for rule in rules:
            source = rule.inhibitor(alert, alerts)
            if source is not None:
                result[index] = Inhibition(index, rule, source)
                break
    return result
