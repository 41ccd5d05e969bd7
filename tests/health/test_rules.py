"""The health rule generator and `render --health-rules`: what each tenant is told, determinism, no
secrets, and hostile tenant ids that cannot reach PromQL, YAML or Prometheus' templates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from receivers_cli.health import HealthSettings, health_rules, health_rules_yaml, tenant_integrations
from receivers_cli.health.rules import go_literal
from tests.helpers import DEMO_ENV, ROOT, render_repo
from tests.repos import load_yaml

RECEIVERS = str(Path(sys.executable).with_name("receivers"))


def _rules(integrations: dict[str, list[str]], **kw: object) -> list[dict[str, object]]:
    settings = HealthSettings((0, 33), **kw)  # type: ignore[arg-type]
    return [r for g in health_rules(integrations, settings)["groups"] for r in g["rules"]]


def test_each_tenant_gets_one_rule_over_the_integrations_its_receivers_use(tmp_path: Path) -> None:
    rendered = render_repo(ROOT / "tenants", ROOT / "receivers.yaml", tmp_path / "out", DEMO_ENV)
    used = tenant_integrations(rendered.config)
    assert used["checkout"] == ["pagerduty", "slack", "webhook"]
    assert "_platform" not in used
    tenant_rules = [r for r in _rules(used) if r["alert"] == "TenantNotificationsFailing"]
    assert [r["labels"]["tenant"] for r in tenant_rules] == sorted(used)  # type: ignore[index]
    checkout = next(r for r in tenant_rules if r["labels"]["tenant"] == "checkout")  # type: ignore[index]
    assert 'integration=~"pagerduty|slack|webhook"' in str(checkout["expr"])


def test_a_tenant_without_a_delivering_receiver_gets_no_rule() -> None:
    assert [r["alert"] for r in _rules({"quiet": []})] == [
        "AlertmanagerNotificationsFailing", "AlertmanagerConfigReloadFailed", "AlertmanagerClusterMembersMissing",
    ]


def test_the_platform_labels_and_the_ladder_top_are_used() -> None:
    settings = HealthSettings((0, 25), tenant_label="team", severity_label="level", severity="page")
    rules = [r for g in health_rules({"a": ["email"]}, settings)["groups"] for r in g["rules"]]
    assert rules[-1]["labels"] == {"team": "a", "level": "page", "receivers_health": "tenant"}
    assert all("reason" not in r["expr"] for r in rules)  # 0.25 has no reason label
    assert "reason" in _rules({"a": ["email"]})[0]["expr"]  # type: ignore[operator]


def test_output_is_deterministic_and_valid_yaml() -> None:
    settings = HealthSettings((0, 33))
    one = health_rules_yaml({"b": ["slack", "email"], "a": ["webhook"]}, settings, "1")
    two = health_rules_yaml({"a": ["webhook"], "b": ["email", "slack", "email"]}, settings, "1")
    assert one == two
    assert load_yaml(one) == health_rules({"a": ["webhook"], "b": ["email", "slack"]}, settings)


@pytest.mark.parametrize("tenant", [
    'a"}) or vector(1) #', "a{{ .Secret }}", "a\nb: c", "A", "-a", "a/b", "", "a" * 64, "_platform", "a b",
    '{{ template "x" }}', "a'b", "a\u2028b",
])
def test_a_hostile_tenant_id_is_refused_by_the_generator(tenant: str) -> None:
    with pytest.raises(ValueError, match="not a tenant id"):
        _rules({tenant: ["webhook"]})


@pytest.mark.parametrize("name", ["slack|.*", 'slack"}', "Slack", "sl ack", ""])
def test_an_integration_name_outside_our_keys_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="not an integration name"):
        _rules({"a": [name]})


def test_a_hostile_tenant_file_name_never_reaches_the_rules(tmp_path: Path) -> None:
    """Ids come from file names; a file whose stem is not an id is refused before any rule is made."""
    tenants = tmp_path / "tenants"
    tenants.mkdir()
    stem = 'x{{ $labels }}"'
    (tenants / f"{stem}.yaml").write_text(f"'{stem}':\n  receivers: []\n")
    done = subprocess.run([RECEIVERS, "render", "--tenants", str(tenants), "--out", str(tmp_path / "out"),
                           "--health-rules", str(tmp_path / "health.yml")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "health.yml").exists()


def test_label_values_are_literal_for_prometheus_templates() -> None:
    # Prometheus expands rule labels as Go templates: a ladder value with braces must print itself.
    assert go_literal("p{{1}}") == 'p{{ "{{" }}1}}'
    rules = [r for g in health_rules({}, HealthSettings((0, 33), severity="x{{y"))["groups"] for r in g["rules"]]
    assert rules[0]["labels"]["severity"] == 'x{{ "{{" }}y'


def test_render_writes_and_checks_the_rules_with_no_secret(tmp_path: Path) -> None:
    out, rules = tmp_path / "out", tmp_path / "health.yml"
    args = [RECEIVERS, "render", "--tenants", str(ROOT / "tenants"), "--config", str(ROOT / "receivers.yaml"),
            "--out", str(out), "--health-rules", str(rules)]
    env = {"PATH": "/usr/bin:/bin", **DEMO_ENV}
    done = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    text = rules.read_text()
    assert text.startswith("# Generated by receivers")
    for value in DEMO_ENV.values():
        assert value not in text
    checked = subprocess.run([*args, "--check"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    rules.write_text(text.replace("for: 5m", "for: 1m", 1))
    stale = subprocess.run([*args, "--check"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert stale.returncode == 1
    assert "-    for: 1m" in stale.stdout and "+    for: 5m" in stale.stdout


@pytest.mark.parametrize("where", ["out/health.yml", "link"])
def test_render_refuses_a_rules_path_it_would_lose_or_follow(tmp_path: Path, where: str) -> None:
    (tmp_path / "elsewhere").write_text("keep\n")
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    done = subprocess.run([RECEIVERS, "render", "--tenants", str(ROOT / "tenants"), "--config",
                           str(ROOT / "receivers.yaml"), "--out", str(tmp_path / "out"),
                           "--health-rules", str(tmp_path / where)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "--health-rules" in done.stderr
    assert (tmp_path / "elsewhere").read_text() == "keep\n"
    assert not (tmp_path / "out").exists()


def test_cluster_size_needs_the_rules_flag(tmp_path: Path) -> None:
    done = subprocess.run([RECEIVERS, "render", "--tenants", str(ROOT / "tenants"), "--health-cluster-size", "3"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
