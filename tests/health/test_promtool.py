"""The health rules judged by the real promtool: `check rules`, and `test rules` with unit tests
generated for the demo tenants (failing series in → the alerts that must fire, with their tenant
label), for a target without (0.25) and with (0.33) the failure counter's `reason` label."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from receivers_cli.health import HealthSettings, health_rules, health_rules_yaml, tenant_integrations
from receivers_cli.health.rules import REASON_LABEL_SINCE
from receivers_cli.render.yaml_emit import dump
from tests.helpers import DEMO_ENV, ROOT, render_repo
from tests.tools import IN_CI

FAILED = "alertmanager_notifications_failed_total"
PEERS = ("am-0", "am-1", "am-2")
BROKEN = "slack"  # the integration that fails in the scenario
WINDOW_INCREASE = "10"  # the counter grows 1 a minute: increase over the 10m window at 1m resolution


def promtool() -> str:
    """The real promtool: on PATH, or unpacked by .ci/fetch-promtool; skip on a laptop, fail in CI."""
    found = shutil.which("promtool")
    unpacked = ROOT / ".cache" / "prometheus" / "usr" / "bin" / "promtool"
    if found:
        return found
    if unpacked.is_file() and os.access(unpacked, os.X_OK):
        return str(unpacked)
    reason = "promtool is not installed (run .ci/fetch-promtool, or apt-get install prometheus)"
    if IN_CI:
        pytest.fail(f"{reason}; CI must provide it")
    pytest.skip(reason)


def _demo(tmp_path: Path, version: str) -> tuple[dict[str, list[str]], HealthSettings]:
    rendered = render_repo(ROOT / "tenants", ROOT / "receivers.yaml", tmp_path / "out", DEMO_ENV, version=version)
    major, minor = (int(part) for part in version.split("."))
    return tenant_integrations(rendered.config), HealthSettings((major, minor))


def _fill(text: str, labels: dict[str, str], value: str) -> str:
    """An annotation as Prometheus expands it, for the labels and value of the scenario."""
    for name, label_value in labels.items():
        text = text.replace(f"{{{{ $labels.{name} }}}}", label_value)
    return text.replace("{{ $value }}", value)


def _expected(rule: dict[str, Any], series: dict[str, str], value: str) -> dict[str, Any]:
    labels = {**series, **rule["labels"]}
    return {
        "exp_labels": labels,
        "exp_annotations": {k: _fill(v, labels, value) for k, v in rule["annotations"].items()},
    }


def _unit_tests(integrations: dict[str, list[str]], settings: HealthSettings, rules_file: str) -> str:
    """A promtool test file: slack fails on every peer, am-1 failed its reload, am-2 lost the cluster."""
    reason = settings.version >= REASON_LABEL_SINCE
    every = sorted({name for used in integrations.values() for name in used} | {BROKEN})
    series = []
    for peer in PEERS:
        base = {"job": "alertmanager", "instance": peer}
        for name in every:
            labels = {**base, "integration": name, **({"reason": "clientError"} if reason else {})}
            selector = ",".join(f'{k}="{v}"' for k, v in labels.items())
            series.append({"series": f"{FAILED}{{{selector}}}", "values": "0+1x30" if name == BROKEN else "0x30"})
        selector = ",".join(f'{k}="{v}"' for k, v in base.items())
        series.append({"series": f"alertmanager_config_last_reload_successful{{{selector}}}",
                       "values": "1 1 0x28" if peer == "am-1" else "1x30"})
        series.append({"series": f"alertmanager_cluster_enabled{{{selector}}}", "values": "1x30"})
        series.append({"series": f"alertmanager_cluster_members{{{selector}}}",
                       "values": "3 3 1x28" if peer == "am-2" else "3x30"})

    rules = {r["alert"]: r for group in health_rules(integrations, settings)["groups"] for r in group["rules"]}
    tenant_rules = [r for group in health_rules(integrations, settings)["groups"] for r in group["rules"]
                    if r["alert"] == "TenantNotificationsFailing"]
    users = [r for r in tenant_rules if BROKEN in _watched(r)]
    assert users, "the demo tenants must use the failing integration for the test to mean something"
    # A tenant's alert sums over the peers: three peers failed 10 times each in the window.
    tenant_alerts = [_expected(r, {"integration": BROKEN}, str(len(PEERS) * int(WINDOW_INCREASE))) for r in users]
    platform_by: dict[str, str] = {"integration": BROKEN, **({"reason": "clientError"} if reason else {})}
    platform_alerts = [_expected(rules["AlertmanagerNotificationsFailing"], {"instance": p, **platform_by},
                                 WINDOW_INCREASE) for p in PEERS]
    reload_alert = _expected(rules["AlertmanagerConfigReloadFailed"], {"job": "alertmanager", "instance": "am-1"}, "0")
    cluster_alert = _expected(rules["AlertmanagerClusterMembersMissing"],
                              {"job": "alertmanager", "instance": "am-2"}, "1")
    tests = {
        "rule_files": [rules_file],
        "evaluation_interval": "1m",
        "tests": [{
            "interval": "1m",
            "input_series": series,
            "alert_rule_test": [
                # Before `for` has passed nothing fires.
                {"eval_time": "3m", "alertname": "TenantNotificationsFailing", "exp_alerts": []},
                {"eval_time": "3m", "alertname": "AlertmanagerNotificationsFailing", "exp_alerts": []},
                {"eval_time": "15m", "alertname": "TenantNotificationsFailing", "exp_alerts": tenant_alerts},
                {"eval_time": "15m", "alertname": "AlertmanagerNotificationsFailing", "exp_alerts": platform_alerts},
                {"eval_time": "15m", "alertname": "AlertmanagerConfigReloadFailed", "exp_alerts": [reload_alert]},
                {"eval_time": "15m", "alertname": "AlertmanagerClusterMembersMissing", "exp_alerts": [cluster_alert]},
            ],
        }],
    }
    return dump(tests)


def _watched(rule: dict[str, Any]) -> list[str]:
    expr: str = rule["expr"]
    return expr.split('integration=~"', 1)[1].split('"', 1)[0].split("|")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([promtool(), *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("version", ["0.25", "0.33"])
def test_promtool_checks_and_unit_tests_the_demo_rules(tmp_path: Path, version: str) -> None:
    integrations, settings = _demo(tmp_path, version)
    rules = tmp_path / "health.yml"
    rules.write_text(health_rules_yaml(integrations, settings, "test"))
    checked = _run("check", "rules", str(rules))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "SUCCESS" in checked.stdout

    tests = tmp_path / "health_test.yml"
    tests.write_text(_unit_tests(integrations, settings, rules.name))
    tested = _run("test", "rules", str(tests))
    assert tested.returncode == 0, tested.stdout + tested.stderr + tests.read_text()


def test_promtool_sees_a_missing_peer_against_the_expected_cluster_size(tmp_path: Path) -> None:
    """With --health-cluster-size the rule fires for a peer that lost one member, even when
    Prometheus no longer scrapes the lost one (which the size-free rule cannot see)."""
    settings = HealthSettings((0, 33), cluster_size=3)
    rules = tmp_path / "health.yml"
    rules.write_text(health_rules_yaml({}, settings, "test"))
    rule = health_rules({}, settings)["groups"][0]["rules"][2]
    tests = {
        "rule_files": [rules.name],
        "tests": [{
            "interval": "1m",
            "input_series": [
                {"series": f'alertmanager_cluster_enabled{{job="am",instance="{p}"}}', "values": "1x20"}
                for p in PEERS[:2]
            ] + [
                {"series": f'alertmanager_cluster_members{{job="am",instance="{p}"}}', "values": "2x20"}
                for p in PEERS[:2]
            ],
            "alert_rule_test": [{
                "eval_time": "10m", "alertname": "AlertmanagerClusterMembersMissing",
                "exp_alerts": [_expected(rule, {"job": "am", "instance": p, "__name__": "alertmanager_cluster_members"},
                                         "2") for p in PEERS[:2]],
            }],
        }],
    }
    for alert in tests["tests"][0]["alert_rule_test"][0]["exp_alerts"]:  # type: ignore[index]
        alert["exp_labels"].pop("__name__")
    test_file = tmp_path / "cluster_test.yml"
    test_file.write_text(dump(tests))
    tested = _run("test", "rules", str(test_file))
    assert tested.returncode == 0, tested.stdout + tested.stderr
