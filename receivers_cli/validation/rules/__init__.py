"""The rule catalogue: one module per rule, each exporting ``RULE``.

A rule module has a code (``R120``, from :mod:`receivers_cli.codes`, which gives its id and short
name), the level it belongs to, a docstring that is its
user documentation (with a passing and a failing tenant snippet), and a ``check`` function that
yields problems. Problems found by earlier stages (the YAML loader, the JSON Schema and Pydantic
structure checks, the integration catalog) are documented here too: their modules have no
``check`` and name the ``stage`` that reports them. ``receivers rules`` lists them all;
``receivers validate --explain ID`` prints one. The codes of the later stages and the other
commands (R3xx render, S secrets, T tenant tests, D diff) are documented in :mod:`receivers_cli.codes`
and join the catalogue here, so every code a command can emit is listed and explained.

Snippets: the indented blocks after ``PASS::`` and ``FAIL::``. A line ``# file: <path>`` starts a
file (default ``tenants/<top-level key>.yaml``), so one example can hold several files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import import_module

from receivers_cli.codes import Code, documented_here
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel


@dataclass(frozen=True)
class Rule:
    code: Code
    # None for the codes of other commands (render, secrets, tests, diff): no validation level.
    level: ValidationLevel | None
    summary: str
    check: Callable[[RuleContext], Iterable[Problem]] | None = None
    doc: str = ""
    # Which stage reports it: load (YAML loader), structure (JSON Schema, models), integration
    # (the catalog's config check), platform (receivers.yaml references) or rules (a check here).
    stage: str = "rules"
    # False when the example cannot be written as a snippet (binary files, unreadable files, ...).
    testable: bool = True
    # Its problems are warnings (legal but suspicious input): they fail only with --strict-warnings.
    warning: bool = False

    @property
    def id(self) -> Code:
        # The Code itself (a str): rule checks build their problems from ``RULE.id``.
        return self.code

    @property
    def name(self) -> str:
        return self.code.name


MODULES: tuple[str, ...] = (
    # load: the YAML loader and the file's shape
    "file_unreadable",
    "file_not_regular",
    "file_not_text",
    "file_too_large",
    "file_empty",
    "nesting_too_deep",
    "yaml_syntax",
    "alias_expansion",
    "yaml_tag",
    "key_duplicate",
    "tenant_file_shape",
    "tenant_id_not_stem",
    "tenant_file_skipped",
    "tenants_folder_empty",
    "alertmanager_version_invalid",
    # structure: JSON Schema and the typed models
    "field_unknown",
    "type_wrong",
    "value_not_allowed",
    "field_missing",
    "url_invalid",
    "duration_invalid",
    "id_invalid",
    # integration: the catalog's check of each receiver's config
    "version_unsupported",
    "integration_field_missing",
    "fields_exclusive",
    "settings_conflict",
    "alias_conflict",
    "value_out_of_range",
    "key_case_duplicate",
    # semantic rules (standard)
    "channel_type_unknown",
    "severity_unknown",
    "receiver_name_duplicate",
    "tenant_id_duplicate",
    "platform_receiver_undefined",
    "time_interval_undefined",
    "time_interval_version",
    "tenant_label_in_match",
    "match_value_regex_like",
    "inhibit_matcher_invalid",
    "route_reference_undefined",
    "route_matcher_invalid",
    "route_shorthand_conflict",
    "route_too_large",
    "placeholder_malformed",
    "variable_not_granted",
    "variable_grant_reserved",
    "variable_grant_unknown_tenant",
    "envelope_malformed",
    "template_invalid",
    "file_field_forbidden",
    "inherited_credential",
    "template_key_unknown",
    "template_unbounded",
    "platform_template_invalid",
    "group_by_invalid",
    "route_timer_invalid",
    "time_interval_invalid",
    # policy rules (strict)
    "secret_plaintext",
    "url_not_https",
    "premium_without_paging",
    "critical_unreceived",
    "pii_label_in_template",
    # warnings (standard): legal configs that probably do not do what was meant
    "tenant_receivers_empty",
    "alerts_dropped",
    "group_wait_exceeds_interval",
    "repeat_below_group_interval",
    "time_interval_never_active",
    "test_severity_unknown",
    "receiver_unreachable",
)


@cache
def all_rules() -> tuple[Rule, ...]:
    rules = []
    for name in MODULES:
        module = import_module(f"{__name__}.{name}")
        rule: Rule = module.RULE
        rules.append(replace(rule, doc=module.__doc__ or ""))
    for code in documented_here():
        doc = f"{code.id} {code.name}: {code.summary}.\n\n{code.explanation}\n"
        rules.append(Rule(code, None, code.summary, doc=doc, stage=code.stage, testable=False))
    return tuple(sorted(rules, key=lambda r: r.id))


def rules_for(level: ValidationLevel) -> list[Rule]:
    """The rules with a check of their own that run at ``level``."""
    return [r for r in all_rules() if r.check is not None and r.level is not None and level.includes(r.level)]


def snippets(doc: str, kind: str) -> dict[str, str]:
    """The ``PASS`` or ``FAIL`` example of a rule docstring: file path → text."""
    lines = doc.splitlines()
    try:
        start = lines.index(f"{kind}::") + 1
    except ValueError:
        return {}
    block: list[str] = []
    for line in lines[start:]:
        if line.strip() and not line.startswith("    "):
            break
        block.append(line[4:])
    files: dict[str, list[str]] = {}
    current: str | None = None
    for line in block:
        if line.startswith("# file: "):
            current = line.removeprefix("# file: ").strip()
            files[current] = []
        elif current is None and not line.strip():
            continue
        else:
            if current is None:
                current = ""
                files[current] = []
            files[current].append(line)
    result: dict[str, str] = {}
    for name, body in files.items():
        text = "\n".join(body).strip("\n") + "\n"
        if not name:
            first = next((ln for ln in body if ln and not ln.startswith((" ", "#"))), "tenant:")
            name = f"tenants/{first.split(':', 1)[0].strip()}.yaml"
        result[name] = text
    return result


def find(rule_id: str) -> Rule | None:
    wanted = rule_id.upper()
    return next((r for r in all_rules() if r.id == wanted or r.name == rule_id), None)
