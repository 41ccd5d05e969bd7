"""Rendering the demo and example repositories: native output the real amtool accepts, routed right."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from receivers_cli.errors import ProblemsError
from receivers_cli.render.envfile import read_env_file
from tests.helpers import ROOT, render_repo
from tests.tools import amtool_check, amtool_routes

DEMO_ENV = read_env_file(ROOT / "tenants" / "demo.env")
runner = CliRunner()


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    out = tmp_path / "rendered"
    render_repo(ROOT / "tenants", ROOT / "receivers.yaml", out, DEMO_ENV)
    return out / "alertmanager.yml"


@pytest.mark.amtool
def test_demo_tenants_pass_amtool_check_config(demo: Path) -> None:
    done = amtool_check(demo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS" in done.stdout and "templates" in done.stdout


@pytest.mark.amtool
def test_example_repository_passes_amtool_check_config(tmp_path: Path) -> None:
    example = ROOT / "examples" / "config-repo"
    env = read_env_file(example / "demo.env")
    render_repo(example / "tenants", example / "receivers.yaml", tmp_path / "out", env)
    done = amtool_check(tmp_path / "out" / "alertmanager.yml")
    assert done.returncode == 0, done.stdout


@pytest.mark.amtool
@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ({"tenant": "spotify-premium", "severity": "critical"}, ["spotify-premium/critical-alerts-premium"]),
        ({"tenant": "spotify-premium", "severity": "warning"}, ["spotify-premium/_unrouted"]),
        ({"tenant": "checkout", "severity": "critical"}, ["checkout/chat", "checkout/pager"]),
        (
            {"tenant": "checkout", "severity": "critical", "component": "database"},
            ["checkout/chat", "checkout/pager", "checkout/db-tickets"],
        ),
        ({"tenant": "checkout", "severity": "warning"}, ["checkout/chat"]),
        ({"tenant": "checkout", "severity": "info"}, ["checkout/_unrouted"]),
        ({"tenant": "search", "severity": "info"}, ["search/everything"]),
        ({"tenant": "search", "severity": "critical"}, ["search/telegram", "search/everything"]),
        ({"tenant": "search"}, ["search/everything"]),
        ({"tenant": "nobody", "severity": "critical"}, ["_platform/unrouted"]),
        ({"severity": "critical"}, ["_platform/unrouted"]),
        # a label that looks like another tenant's cannot pull an alert across
        ({"tenant": "payments", "severity": "critical", "team": "checkout"}, ["payments/opsgenie", "payments/chat"]),
    ],
)
def test_demo_routing_matches_amtool(demo: Path, labels: dict[str, str], expected: list[str]) -> None:
    assert amtool_routes(demo, labels) == expected


def test_original_specification_example_renders_unchanged(tmp_path: Path) -> None:
    tenants = tmp_path / "tenants"
    tenants.mkdir()
    shutil.copy(ROOT / "tenants" / "spotify-premium.yaml", tenants)
    # The file itself is unchanged; its variable needs the platform's grant (and nothing else).
    platform = tmp_path / "receivers.yaml"
    platform.write_text("variables: {tenants: {spotify-premium: [PD_INTEGRATION_PREMIUM_CRITICAL]}}\n")
    rendered = render_repo(tenants, platform, tmp_path / "out", DEMO_ENV)
    config = rendered.files["alertmanager.yml"]
    assert "- name: spotify-premium/critical-alerts-premium" in config
    assert "routing_key: '0123456789abcdef0123456789abcdef'" in config or "0123456789abcdef" in config
    assert "escalation_policy: premium_critical_p1" in config
    assert "send_resolved: true" in config
    assert "group_wait: 10s" in config  # the premium tier's timing


def test_render_is_byte_for_byte_deterministic(tmp_path: Path) -> None:
    first = render_repo(ROOT / "tenants", ROOT / "receivers.yaml", tmp_path / "a", DEMO_ENV)
    second = render_repo(ROOT / "tenants", ROOT / "receivers.yaml", tmp_path / "b", DEMO_ENV)
    assert first.files == second.files
    for name in first.files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def _cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_check_reports_current_and_stale_output_with_secrets_masked(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["render", "--tenants", str(ROOT / "tenants"), "--config", str(ROOT / "receivers.yaml"),
            "--env-file", str(ROOT / "tenants" / "demo.env"), "--out", str(out)]
    assert _cli(*args)[0] == 0
    code, stdout, _ = _cli(*args, "--check")
    assert code == 0 and "up to date" in stdout
    changed = {"CHECKOUT_PD_KEY": "a-new-secret-pager-key-1234"}
    code, stdout, stderr = _cli(*args, "--check", env=changed)
    assert code == 1
    assert "secret values changed (not shown)" in stdout and "is stale" in stderr
    assert "a-new-secret-pager-key-1234" not in stdout + stderr
    assert DEMO_ENV["CHECKOUT_PD_KEY"] not in stdout + stderr


def test_failed_render_leaves_previous_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    render_repo(ROOT / "tenants", ROOT / "receivers.yaml", out, DEMO_ENV)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = tmp_path / "tenants"
    shutil.copytree(ROOT / "tenants", broken)
    (broken / "search.yaml").write_text((broken / "search.yaml").read_text().replace("channel_type: webhook",
                                                                                    "channel_type: webhok"))
    code, _, stderr = _cli("render", "--tenants", str(broken), "--config", str(ROOT / "receivers.yaml"),
                           "--env-file", str(ROOT / "tenants" / "demo.env"), "--out", str(out))
    assert code == 1
    assert "search.yaml:" in stderr and "R110" in stderr and "did you mean 'webhook'?" in stderr
    assert "Traceback" not in stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_unset_variable_names_file_line_and_variable(tmp_path: Path) -> None:
    env = {k: v for k, v in DEMO_ENV.items() if k != "SEARCH_TELEGRAM_TOKEN"}
    with pytest.raises(ProblemsError) as caught:
        render_repo(ROOT / "tenants", ROOT / "receivers.yaml", tmp_path / "out", env)
    (problem,) = caught.value.problems
    assert problem.file.endswith("search.yaml") and problem.line == 13 and problem.rule == "R301"
    assert "SEARCH_TELEGRAM_TOKEN" in problem.message
    assert not (tmp_path / "out").exists()


def test_validate_needs_no_environment() -> None:
    env = {k: "" for k in os.environ if k in DEMO_ENV}
    code, stdout, _ = _cli("validate", str(ROOT / "tenants"), "--config", str(ROOT / "receivers.yaml"), env=env)
    assert code == 0, stdout
    assert "no problems" in stdout


@pytest.mark.parametrize(
    ("version", "channel", "config", "message"),
    [
        ("0.25", "msteams", {"webhook_url": "https://example.webhook.office.com/x"},
         "msteams needs Alertmanager >= 0.26; target is 0.25"),
        ("0.25", "webhook", {"url": "https://example.com/x", "timeout": "10s"},
         "field 'timeout' needs Alertmanager >= 0.28; target is 0.25"),
        ("0.29", "slack", {"api_url": "https://hooks.slack.com/x", "timeout": "10s"},
         "field 'timeout' needs Alertmanager >= 0.30; target is 0.29"),
    ],
)
def test_fields_the_target_version_lacks_are_refused(
    tmp_path: Path, version: str, channel: str, config: dict[str, str], message: str
) -> None:
    tenants = tmp_path / "tenants"
    tenants.mkdir()
    lines = "\n".join(f"        {k}: \"{v}\"" for k, v in config.items())
    (tenants / "acme.yaml").write_text(
        f"acme:\n  metadata: {{name: Acme}}\n  receivers:\n    - name: r\n      channel_type: {channel}\n"
        f"      config:\n{lines}\n"
    )
    with pytest.raises(ProblemsError) as caught:
        render_repo(tenants, None, tmp_path / "out", {}, version=version)
    assert message in str(caught.value.problems)


def test_version_flag_accepts_known_versions_only(tmp_path: Path) -> None:
    code, _, stderr = _cli("render", "--tenants", str(ROOT / "tenants"), "--alertmanager-version", "0.19",
                           "--out", str(tmp_path / "o"))
    assert code == 2 and "0.19 is not known" in stderr


def test_newest_version_is_the_default(tmp_path: Path) -> None:
    tenants = tmp_path / "tenants"
    tenants.mkdir()
    shutil.copy(ROOT / "tenants" / "spotify-premium.yaml", tenants)
    platform = tmp_path / "receivers.yaml"  # grants only: every other setting is the default
    platform.write_text("variables: {tenants: {spotify-premium: [PD_INTEGRATION_PREMIUM_CRITICAL]}}\n")
    rendered = render_repo(tenants, platform, tmp_path / "out", DEMO_ENV)
    assert "for Alertmanager 0.34" in rendered.files["alertmanager.yml"]


def test_version_flag_prints_the_version() -> None:
    code, stdout, _ = _cli("--version")
    assert code == 0 and stdout.startswith("receivers ")


@pytest.mark.amtool
@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ({"tenant": "storefront", "severity": "critical"}, ["_platform/noc", "storefront/pager", "storefront/chat"]),
        ({"severity": "critical"}, ["_platform/noc", "_platform/unrouted"]),
        ({"tenant": "initech"}, ["_platform/unrouted"]),
        ({"tenant": "mobile", "severity": "info"}, ["mobile/_unrouted"]),
        ({"tenant": "data-platform", "component": "kafka"}, ["data-platform/kafka-hook"]),
    ],
)
def test_platform_observers_see_every_tenant_and_unrouted_alerts_still_reach_the_default(
    tmp_path: Path, labels: dict[str, str], expected: list[str]
) -> None:
    example = ROOT / "examples" / "config-repo"
    render_repo(example / "tenants", example / "receivers.yaml", tmp_path / "out",
                read_env_file(example / "demo.env"))
    assert amtool_routes(tmp_path / "out" / "alertmanager.yml", labels) == expected
