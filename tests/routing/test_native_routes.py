"""Native routes (tenant ``route:``, platform ``routes:``/``inhibit_rules:``/``time_intervals:``),
rendered and judged by the real amtool (0.25 system, 0.33 when present) against our simulator on
label sets that take every path of the fixture's trees."""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

import pytest

from receivers_cli.alertmanager.routing import build_route_tree, receivers_for
from receivers_cli.analysis.tenant_tests import run_tenant_tests
from receivers_cli.api import load_project, validate_project
from receivers_cli.validation.levels import ValidationLevel
from tests.helpers import FIXTURES, render_repo
from tests.judges import judge_exactly, last_line

FIXTURE = FIXTURES / "native_routes"

# Every value a matcher of the fixture distinguishes, plus one that no matcher takes.
AXES: dict[str, list[str | None]] = {
    "tenant": ["checkout", "search", "nobody", None],
    "alertname": ["Watchdog", "Noise", "InfoDisk", "X"],
    "severity": ["critical", "error", "warning", None],
    "service": ["db1", "legacy1", None],
    "team": ["db", None],
    "env": ["staging", None],
}


def label_sets() -> list[dict[str, str]]:
    sets = []
    for values in itertools.product(*AXES.values()):
        labels = {k: v for k, v in zip(AXES, values, strict=True) if v is not None}
        sets.append(labels)
    # A deterministic spread over the product (it is large): every tenant x alertname x severity,
    # with the other axes cycling.
    return sets[:: max(1, len(sets) // 240)]


@pytest.mark.amtool
@pytest.mark.parametrize("version", [(0, 25), (0, 33)], ids=["0.25", "0.33"])
def test_native_routes_agree_with_real_amtool(tmp_path: Path, version: tuple[int, int]) -> None:
    judge = judge_exactly(version)
    out = tmp_path / "out"
    rendered = render_repo(FIXTURE / "tenants", FIXTURE / "receivers.yaml", out, {}, f"{version[0]}.{version[1]}")
    config = out / "alertmanager.yml"
    check = subprocess.run(judge.amtool_cmd("check-config", str(config)), capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    root = build_route_tree(rendered.config, version)
    seen_receivers: set[str] = set()
    for labels in label_sets():
        args = [f"{k}={v}" for k, v in labels.items()]
        done = subprocess.run(judge.amtool_cmd("config", "routes", "test", f"--config.file={config}", *args),
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        ours = receivers_for(root, labels)
        assert last_line(done.stdout).split(",") == ours, labels
        seen_receivers.update(ours)
    # The label sets take every path: each receiver a route names is reached.
    named = {node.receiver for node in root.walk()}
    assert named <= seen_receivers | {"_platform/noc"}, named - seen_receivers


def test_tenant_tests_understand_native_routes() -> None:
    project = load_project([FIXTURE / "tenants"], FIXTURE / "receivers.yaml")
    assert validate_project(project, ValidationLevel.STANDARD) == []
    report = run_tenant_tests(project)
    assert report.failures == [] and report.run == 5
    assert report.coverage == 100.0


def test_render_shape(tmp_path: Path) -> None:
    rendered = render_repo(FIXTURE / "tenants", FIXTURE / "receivers.yaml", tmp_path / "out", {})
    route = rendered.config["route"]
    receivers = [r["receiver"] for r in route["routes"]]
    # before routes, the tenants (sorted), after routes
    assert receivers == ["_platform/heartbeat", "checkout/chat", "search/_unrouted", "_platform/sink", "_platform/noc"]
    checkout = route["routes"][1]
    assert checkout["matchers"] == ['tenant="checkout"']
    assert checkout["group_by"] == ["alertname", "service"]
    # v1 shorthand first (audit), then the tree; a tree-routed receiver gets no shorthand route
    assert [c["receiver"] for c in checkout["routes"]] == [
        "checkout/audit", "checkout/blackhole", "checkout/pager", "checkout/db-team", "checkout/pager"]
    null = next(r for r in rendered.config["receivers"] if r["name"] == "checkout/blackhole")
    assert null == {"name": "checkout/blackhole"}
    names = [t["name"] for t in rendered.config["time_intervals"]]
    assert names == ["_platform/maintenance", "checkout/business-hours"]
    assert len(rendered.config["inhibit_rules"]) == 2
