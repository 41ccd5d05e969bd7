"""The rule catalogue: one module per semantic rule, each exporting ``RULE``.

A rule module has an id (``R120``), a short name, the level it belongs to, a docstring that is its
user documentation (with a passing and a failing tenant snippet), and a ``check`` function that
yields problems. ``receivers rules`` lists them; ``receivers validate --explain ID`` prints one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    level: ValidationLevel
    summary: str
    check: Callable[[RuleContext], Iterable[Problem]]
    doc: str = ""


MODULES: tuple[str, ...] = (
    "channel_type_unknown",
    "severity_unknown",
    "receiver_name_duplicate",
    "tenant_id_duplicate",
    "time_interval_undefined",
    "tenant_label_in_match",
    "integration_config",
)


@cache
def all_rules() -> tuple[Rule, ...]:
    rules = []
    for name in MODULES:
        module = import_module(f"{__name__}.{name}")
        rule: Rule = module.RULE
        rules.append(Rule(rule.id, rule.name, rule.level, rule.summary, rule.check, module.__doc__ or ""))
    return tuple(sorted(rules, key=lambda r: r.id))


def rules_for(level: ValidationLevel) -> list[Rule]:
    return [r for r in all_rules() if level.includes(r.level)]


def find(rule_id: str) -> Rule | None:
    wanted = rule_id.upper()
    return next((r for r in all_rules() if r.id == wanted or r.name == rule_id), None)
