"""``validate --rules``: Prometheus alerting rules read and checked against the tenants.

The reader accepts what ``promtool check rules`` accepts, field for field (tests compare it with
the real promtool), except the PromQL expression, which is not parsed. The checks then ask what
the rules' alerts do once they reach the rendered config: R602 no tenant label (error when
certain, warning when it may come from the expression), R603 a tenant with no file, R604 a
severity off the ladder, R605 tests and inhibit rules naming alerts no rule produces, R606
receivers no rule's alert can reach. Only static ``labels:`` are known; every other label may hold
anything, so R606 reports only what is certain for the files given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from receivers_cli.alertmanager.durations import parse_prometheus
from receivers_cli.alertmanager.matchers import (
    LEGACY_LABEL_NAME,
    Matcher,
    MatcherError,
    MatchType,
    parse_matcher_list,
)
from receivers_cli.codes import R004, R601, R602, R603, R604, R605, R606
from receivers_cli.errors import Problem, ProblemsError, Severity
from receivers_cli.loading.yaml_source import DataPath, SourceDocument, load_file
from receivers_cli.render.native_routes import node_matchers, tree_receivers, walk
from receivers_cli.render.severity import severity_matchers
from receivers_cli.wording import did_you_mean

if TYPE_CHECKING:  # the api package imports this module's caller
    from receivers_cli.api.project import Project
    from receivers_cli.validation.context import CheckedTenant

GROUP_KEYS = frozenset({"name", "interval", "query_offset", "limit", "rules", "labels"})
RULE_KEYS = frozenset({"record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"})
METRIC_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*\Z")
TEMPLATE = "{{"
# Aggregations that drop every label not named in by (...): topk/bottomk keep their series' labels.
DROPPING = re.compile(r"\b(sum|min|max|avg|group|stddev|stdvar|count|count_values|quantile)\s*(\(|by\b)", re.I)
NO_LABELS = re.compile(r"^\s*(absent|absent_over_time|vector|scalar|time)\s*\(", re.I)


@dataclass(frozen=True)
class AlertRule:
    name: str
    doc: SourceDocument
    path: DataPath
    labels: Mapping[str, str]
    expr: str


def rule_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, folders expanded to their *.yml/*.yaml files (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in (".yml", ".yaml") and p.is_file())
        else:
            found.append(path)
    return found


def read_rules(path: Path) -> tuple[list[AlertRule], list[Problem]]:
    """The alerting rules of one file, and its problems (R601, or the loader's own)."""
    try:
        doc = load_file(path)
    except ProblemsError as exc:
        if all(p.rule == R004 for p in exc.problems):
            return [], []  # promtool: an empty file holds 0 rules (R004 is about tenant files)
        return [], list(exc.problems)
    problems: list[Problem] = []

    def bad(where: DataPath, message: str, hint: str = "", at_key: bool = False) -> None:
        problems.append(doc.problem(where, R601, message, hint or "see `receivers validate --explain R601`",
                                    at_key=at_key))

    data = doc.data
    if data is None:
        return [], []  # promtool: an empty file holds 0 rules
    if not isinstance(data, dict):
        bad((), "a rule file is a mapping with a groups: list")
        return [], problems
    for key in sorted(set(data) - {"groups"}, key=str):
        bad((key,), f"field {key} not found in type rulefmt.RuleGroups", "the only top-level key is groups", True)
    groups = data.get("groups") or []
    if not isinstance(groups, list):
        bad(("groups",), "groups must be a list of rule groups")
        return [], problems
    alerts: list[AlertRule] = []
    names: set[str] = set()
    for g, group in enumerate(groups):
        if not isinstance(group, dict):
            bad(("groups", g), "a rule group is a mapping (name, rules)")
            continue
        for key in sorted(set(group) - GROUP_KEYS, key=str):
            bad(("groups", g, key), f"field {key} not found in type rulefmt.RuleGroup", at_key=True)
        name = group.get("name")
        if not isinstance(name, str) or not name:
            bad(("groups", g), "a rule group needs a name (Groupname must not be empty)")
        elif name in names:
            bad(("groups", g, "name"), f"group name {name!r} is repeated in the same file", "rename one of them")
        else:
            names.add(name)
        rules = group.get("rules") or []
        if not isinstance(rules, list):
            bad(("groups", g, "rules"), "rules must be a list")
            continue
        for r, rule in enumerate(rules):
            found = _rule(doc, ("groups", g, "rules", r), rule, bad)
            if found is not None:
                alerts.append(found)
    return alerts, problems


def _rule(doc: SourceDocument, path: DataPath, rule: Any, bad: Any) -> AlertRule | None:
    if not isinstance(rule, dict):
        bad(path, "a rule is a mapping (alert or record, expr, ...)")
        return None
    for key in sorted(set(rule) - RULE_KEYS, key=str):
        bad((*path, key), f"field {key} not found in type rulefmt.RuleNode", at_key=True)
    alert, record = rule.get("alert"), rule.get("record")
    if alert is not None and record is not None:
        bad(path, "only one of 'record' and 'alert' must be set")
        return None
    if alert is None and record is None:
        bad(path, "one of 'record' or 'alert' must be set")
        return None
    expr = rule.get("expr")
    if not isinstance(expr, str) or not expr.strip():
        bad(path, "field 'expr' must be set in rule")
    if record is not None:
        if not isinstance(record, str) or not METRIC_NAME.match(record):
            bad((*path, "record"), f"invalid recording rule name: {record}")
        for key in ("for", "keep_firing_for", "annotations"):
            if key in rule:
                bad((*path, key), f"invalid field '{key}' in recording rule", at_key=True)
    elif not isinstance(alert, str) or not alert:
        bad((*path, "alert"), "an alerting rule needs a name")
    for key in ("for", "keep_firing_for"):
        value = rule.get(key)
        if value is not None and (not isinstance(value, str) or parse_prometheus(value) is None):
            bad((*path, key), f"not a valid duration string: {value!r}")
    labels: dict[str, str] = {}
    for key in ("labels", "annotations"):
        mapping = rule.get(key)
        if mapping is None:
            continue
        if not isinstance(mapping, dict):
            bad((*path, key), f"{key} must be a mapping of names to values")
            continue
        for name, value in mapping.items():
            if not isinstance(name, str) or not LEGACY_LABEL_NAME.match(name) or ":" in name:
                bad((*path, key, name), f"invalid {key[:-1]} name: {name}", at_key=True)
            elif isinstance(value, (dict, list)):
                bad((*path, key, name), f"{key[:-1]} {name} must be a plain value")
            elif key == "labels":
                labels[name] = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    if record is not None or not isinstance(alert, str) or not alert or not isinstance(expr, str):
        return None
    return AlertRule(alert, doc, path, labels, expr)


# --------------------------------------------------------------------------- the checks


def check_rule_files(project: Project, paths: Sequence[Path]) -> Project:
    """``project`` with the problems of the rule files at ``paths`` and of the tenants against them."""
    alerts: list[AlertRule] = []
    problems: list[Problem] = []
    files = rule_files(paths)
    for path in files:
        found, bad = read_rules(path)
        alerts += found
        problems += bad
    problems += list(_checks(project, alerts))
    return replace(project, problems=(*project.problems, *problems), files_checked=project.files_checked + len(files))


def _tenant_of(alert: AlertRule, label: str) -> tuple[str | None, str | None]:
    """(tenant id when static, why it cannot be proven) — (None, None): certainly no tenant label."""
    value = alert.labels.get(label)
    if value is not None and TEMPLATE not in value:
        return value, None
    if value is not None:
        return None, f"the {label} label is a template ({value!r})"
    if re.search(rf"(?<![\w]){re.escape(label)}(?![\w])", alert.expr):
        return None, f"the expression may carry the {label} label"
    if NO_LABELS.search(alert.expr) or DROPPING.search(alert.expr):
        return None, None
    return None, f"the series of the expression may carry the {label} label"


def _warn(problem: Problem) -> Problem:
    return replace(problem, severity=Severity.WARNING)


def _checks(project: Project, alerts: list[AlertRule]) -> Iterator[Problem]:
    platform = project.platform
    label, ladder = platform.tenant_label, platform.severities
    known = set(project.tenant_files)
    by_tenant: dict[str, list[AlertRule]] = {}
    anywhere: list[AlertRule] = []  # alerts whose tenant cannot be proven: they may reach any tenant
    for alert in alerts:
        where = (*alert.path, "labels", label) if label in alert.labels else alert.path
        owner, unproven = _tenant_of(alert, label)
        if owner is None and unproven is None:
            yield alert.doc.problem(alert.path, R602, f"alert {alert.name!r} carries no {label} label: it reaches "
                                    "no tenant", f"add labels: {{{label}: <tenant id>}}")
        elif owner is None:
            anywhere.append(alert)
            yield _warn(alert.doc.problem(where, R602, f"alert {alert.name!r} has no static {label} label and "
                                          f"{unproven}: its tenant cannot be proven",
                                          f"add labels: {{{label}: <tenant id>}} when the tenant is fixed"))
        elif owner not in known:
            yield alert.doc.problem(where, R603, f"alert {alert.name!r} is for tenant {owner!r}, which has no "
                                    "tenant file", did_you_mean(owner, sorted(known), "add the tenant file"))
        else:
            by_tenant.setdefault(owner, []).append(alert)
        severity = alert.labels.get(platform.severity_label)
        if severity is not None and TEMPLATE not in severity and severity not in ladder:
            yield alert.doc.problem((*alert.path, "labels", platform.severity_label), R604,
                                    f"alert {alert.name!r} has {platform.severity_label} {severity!r}, not on the "
                                    "ladder",
                                    did_you_mean(severity, ladder, "one of: " + ", ".join(ladder), cutoff=0.5))
    produced_all = {a.name for a in alerts}
    for tenant in project.tenants:
        mine = [*by_tenant.get(tenant.id, []), *anywhere]
        names = {a.name for a in mine}
        yield from _tests(tenant, names)
        for i, rule in enumerate(tenant.model.inhibit):
            for key in ("source_matchers", "target_matchers"):
                for k, text in enumerate(getattr(rule, key)):
                    yield from _inhibit(tenant.doc, (tenant.id, "inhibit", i, key, k), text, names, project)
        yield from _receivers(tenant, mine, project)
    doc = project.platform_doc
    if doc is not None:
        for i, prule in enumerate(platform.inhibit_rules):
            for key in ("source_matchers", "target_matchers"):
                for k, text in enumerate(getattr(prule, key)):
                    yield from _inhibit(doc, ("inhibit_rules", i, key, k), text, produced_all, project)
            for key in ("source_match", "target_match"):
                value = getattr(prule, key).get("alertname")
                if value is not None and value not in produced_all:
                    yield _warn(doc.problem(("inhibit_rules", i, key, "alertname"), R605,
                                            f"inhibit rule names alert {value!r}, which no rule produces",
                                            "check the alertname, or pass the rule file that defines it"))


def _tests(tenant: CheckedTenant, names: set[str]) -> Iterator[Problem]:
    for i, test in enumerate(tenant.model.tests):
        cases: list[tuple[DataPath, Mapping[str, str]]] = [
            ((tenant.id, "tests", i, "labels", "alertname"), test.labels)
        ]
        cases += [((tenant.id, "tests", i, "firing", j, "alertname"), firing)
                  for j, firing in enumerate(test.firing)]
        for path, labels in cases:
            value = labels.get("alertname")
            if value is not None and value not in names:
                yield _warn(tenant.doc.problem(
                    path, R605, f"test names alert {value!r}, which no rule produces for tenant {tenant.id!r}",
                    did_you_mean(value, sorted(names), "check the alertname, or pass its rule file")))


def _inhibit(doc: SourceDocument, path: DataPath, text: str, names: set[str], project: Project) -> Iterator[Problem]:
    try:
        parsed = parse_matcher_list([text], project.version)
    except MatcherError:
        return  # R132 reports it
    for m in parsed:
        if m.name == "alertname" and m.type in (MatchType.EQUAL, MatchType.REGEX) and not any(
            m.matches_value(n) for n in names
        ):
            yield _warn(doc.problem(path, R605, f"inhibit matcher {m} matches no alert a rule produces",
                                    "check the alertname, or pass the rule file that defines it"))


def _may_match(matchers: Sequence[Matcher], alert: AlertRule, tenant_label: str) -> bool:
    """Whether some alert of ``alert`` may satisfy ``matchers``: unknown labels may hold anything."""
    known = {k: v for k, v in alert.labels.items() if TEMPLATE not in v and k != tenant_label}
    known["alertname"] = alert.name
    return all(m.matches_value(known[m.name]) for m in matchers if m.name in known)


def _receivers(tenant: CheckedTenant, alerts: list[AlertRule], project: Project) -> Iterator[Problem]:
    model, platform = tenant.model, project.platform
    live = [r for r in model.receivers if r.enabled]
    if not live:
        return
    if not alerts:
        yield _warn(tenant.doc.problem((tenant.id,), R606, f"no rule produces alerts for tenant {tenant.id!r}: "
                                       "none of its receivers is ever notified",
                                       f"add {platform.tenant_label}: {tenant.id} to its rules' labels", at_key=True))
        return
    paths: dict[str, list[list[Matcher]]] = {}
    try:
        in_tree = tree_receivers(model)
        for r in live:
            if r.name not in in_tree:
                own = parse_matcher_list(severity_matchers(platform, r.min_severity), project.version)
                own += [Matcher(k, MatchType.EQUAL, v) for k, v in r.match.items()]
                paths.setdefault(r.name, []).append(own)
        if model.route.receiver:
            paths.setdefault(model.route.receiver, []).append([])
        chain: dict[DataPath, tuple[list[Matcher], str | None]] = {(): ([], model.route.receiver)}
        for node, path, _ in walk(model.route.routes, ()):
            parent = path[:-2] if len(path) > 1 else ()
            above, receiver = chain.get(parent, ([], model.route.receiver))
            mine = [*above, *node_matchers(node, platform, project.version)]
            effective = node.receiver or receiver
            chain[path] = (mine, effective)
            if effective:
                paths.setdefault(effective, []).append(mine)
    except (MatcherError, ValueError):
        return  # a broken tree is reported by R111/R136
    for i, r in enumerate(model.receivers):
        if not r.enabled:
            continue
        if not any(_may_match(m, a, platform.tenant_label) for m in paths.get(r.name, []) for a in alerts):
            yield _warn(tenant.doc.problem(
                (tenant.id, "receivers", i, "name"), R606,
                f"receiver {r.name!r} gets no alert of the given rules: its routes exclude every rule's labels",
                "check min_severity and match against the rules' labels, or pass the rule files that feed it"))
