"""Routing tests in tenant terms: each tenant file's ``tests:`` run against the simulated config.

A test gives labels (the tenant label is added), the tenant's receiver names it expects in order
(``[]`` = nobody is notified), optionally alerts firing at the same time (for inhibition) and a
time (for ``active_during`` / ``muted_during``). Coverage counts the enabled receivers no test reaches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from receivers_cli.alertmanager.inhibition import inhibited, parse_inhibit_rules
from receivers_cli.alertmanager.routing import build_route_tree
from receivers_cli.alertmanager.timeintervals import is_route_muted, parse_time_intervals
from receivers_cli.analysis.explain import FIRST_YEAR, LAST_YEAR, Context, Explanation, context_of, explain
from receivers_cli.analysis.explain import parse_time as _parse_time
from receivers_cli.api import Project, preview_config
from receivers_cli.codes import T001, T002
from receivers_cli.errors import Problem
from receivers_cli.isolation import naming


@dataclass
class TestReport:
    run: int = 0
    failures: list[Problem] = field(default_factory=list)
    reached: dict[str, set[str]] = field(default_factory=dict)  # tenant → receivers some test reached
    receivers: dict[str, list[str]] = field(default_factory=dict)  # tenant → enabled receivers

    @property
    def coverage(self) -> float:
        total = sum(len(names) for names in self.receivers.values())
        hit = sum(len(self.reached.get(t, set()) & set(names)) for t, names in self.receivers.items())
        return 100.0 * hit / total if total else 100.0

    def uncovered(self) -> list[str]:
        return [
            naming.scoped(tenant, name)
            for tenant, names in sorted(self.receivers.items())
            for name in names
            if name not in self.reached.get(tenant, set())
        ]


def run_tenant_tests(project: Project) -> TestReport:
    """Run every tenant's ``tests:``; failures are located at the test in its file."""
    config = preview_config(project)
    root = build_route_tree(config, project.version)
    rules = parse_inhibit_rules(config, project.version)
    intervals = parse_time_intervals(config)
    label = project.platform.tenant_label
    context: Context | None = None  # source lines, computed for the first failure only
    report = TestReport()
    for tenant in project.tenants:
        report.receivers[tenant.id] = [r.name for r in tenant.model.receivers if r.enabled]
        for i, test in enumerate(tenant.model.tests):
            report.run += 1
            labels = {**test.labels, label: tenant.id}
            firing = [labels, *({**alert, label: tenant.id} for alert in test.firing)]
            moment = _parse_time(test.at) if test.at else datetime.now(UTC)
            if moment is None:
                report.failures.append(
                    tenant.doc.problem((tenant.id, "tests", i, "at"), T002,
                                       f"{test.at!r} is not a time (RFC 3339, years {FIRST_YEAR}-{LAST_YEAR})",
                                       "use RFC 3339, e.g. 2026-11-27T09:30:00Z")
                )
                continue
            actual: list[str] = []
            if 0 not in inhibited(rules, firing):
                for route in root.match(labels):
                    if is_route_muted(route, intervals, moment):
                        continue
                    owner, name = naming.split(route.receiver)
                    if owner == tenant.id and name != naming.UNROUTED:
                        actual.append(name)
            report.reached.setdefault(tenant.id, set()).update(actual)
            if actual != test.expect:
                context = context or context_of(project, config)
                why = explain(root, labels, context, rules=rules, intervals=intervals, moment=moment,
                              firing=firing[1:], only_tenant=tenant.id)
                title = f" {test.name!r}" if test.name else ""
                report.failures.append(
                    tenant.doc.problem(
                        (tenant.id, "tests", i),
                        T001,
                        f"routing test{title}: expected {test.expect or 'nobody'}, got {actual or 'nobody'}",
                        failure_hint(tenant.id, test.expect, actual, why),
                    )
                )
    return report


def failure_hint(tenant: str, expect: list[str], actual: list[str], why: Explanation) -> str:
    """The real cause of a failed test: for each receiver missed or reached against expectation,
    the matcher, the earlier route, the interval or the inhibit rule, with its file:line."""
    causes = []
    for name in dict.fromkeys([*expect, *actual]):
        if (name in expect) == (name in actual):
            continue
        verdict = why.verdict(naming.scoped(tenant, name))
        if verdict is None:
            causes.append(f"{name}: not a receiver of this tenant, or disabled")
        elif verdict.reached:
            causes.append(f"{name}: reached through route {verdict.route}" + _at(verdict.route_source))
        else:
            causes.append(f"{name}: {verdict.detail}" + _at(verdict.source if verdict.reason in (
                "muted", "inactive", "inhibited") else verdict.route_source))
    causes.extend(why.hints)
    if not causes:  # same receivers, another order: continue and file order decide it
        causes.append("the order differs: routes are tried in file order, shorthand routes before the route: tree")
    return "; ".join(causes) + "; or fix the expectation"


def _at(line: str) -> str:
    return f" ({line})" if line else ""
