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
                title = f" {test.name!r}" if test.name else ""
                report.failures.append(
                    tenant.doc.problem(
                        (tenant.id, "tests", i),
                        T001,
                        f"routing test{title}: expected {test.expect or 'nobody'}, got {actual or 'nobody'}",
                        "fix the receivers' min_severity / match, or the expectation",
                    )
                )
    return report


# Converting a moment to a time interval's zone moves it by up to a day; at the edges of Python's
# datetime range (years 1 and 9999) that overflows, so tests keep a year clear of both ends.
FIRST_YEAR, LAST_YEAR = 2, 9998


def _parse_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
