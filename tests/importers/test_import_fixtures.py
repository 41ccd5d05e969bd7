"""``receivers import`` on real shapes (tests/fixtures/import/*.yml), with --tenant and --by, judged
by the real amtool: the original and the render of the imported files route every label set the
import's own self-check draws to the same receivers (through the name map)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from receivers_cli.importers import selfcheck
from receivers_cli.loading.yaml_source import load_file
from tests.helpers import FIXTURES
from tests.judges import judge_for, last_line

IMPORTS = FIXTURES / "import"
ROUTED = ["nested-continue", "old-syntax", "globals", "split-order"]
SPLIT_LABEL = "team"
SAMPLE = 12


def _import(tmp_path: Path, name: str, *mode: str, extra: tuple[str, ...] = ()) -> tuple[int, str, dict[str, object]]:
    result = CliRunner().invoke(app, ["import", str(IMPORTS / f"{name}.yml"), *mode, "--tenants",
                                      str(tmp_path / "tenants"), "--config", str(tmp_path / "receivers.yaml"),
                                      "--format", "json", *extra])
    report = json.loads(result.stdout) if result.exit_code == 0 else {}
    return result.exit_code, result.output, report


def _amtool_receivers(amtool: str, config: Path, labels: dict[str, str]) -> str:
    import subprocess

    from receivers_cli.alertmanager.matchers import Matcher, MatchType

    args = [str(Matcher(k, MatchType.EQUAL, v)) for k, v in labels.items()]
    done = subprocess.run([amtool, "config", "routes", "test", f"--config.file={config}", "--", *args],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return last_line(done.stdout)


TENANT_ONLY = ["multi-integration-split", "multi-integration", "comments"]  # no team split in them
CASES = [(name, mode) for name in ROUTED for mode in ("tenant", "by")] + [(name, "tenant") for name in TENANT_ONLY]


@pytest.mark.parametrize("name, mode", CASES)
def test_import_renders_and_routes_like_the_original(tmp_path: Path, name: str, mode: str) -> None:
    judge = judge_for((0, 34))
    flags = ("--tenant", "acme") if mode == "tenant" else ("--by", SPLIT_LABEL)
    code, output, report = _import(tmp_path, name, *flags, extra=("--amtool", judge.amtool,
                                                                  "--alertmanager-version", judge.label))
    assert code == 0, output
    assert report["checked"]["amtool_label_sets"], report  # type: ignore[index]
    rendered = CliRunner().invoke(app, ["render", "--tenants", str(tmp_path / "tenants"), "--config",
                                        str(tmp_path / "receivers.yaml"), "--out", str(tmp_path / "out")])
    assert rendered.exit_code == 0, rendered.output
    out = tmp_path / "out" / "alertmanager.yml"
    native_to_original = {n: o for o, natives in report["receivers"].items() for n in natives}  # type: ignore[attr-defined]
    doc = load_file(IMPORTS / f"{name}.yml")
    tree, rules = selfcheck.build_trees(doc.data, judge.version)
    sets = selfcheck.label_sets(tree, rules)[:SAMPLE]
    extra = {str(report["tenant_label"]): "acme"} if mode == "tenant" else {}
    for labels in sets:
        want = _amtool_receivers(judge.amtool, IMPORTS / f"{name}.yml", labels)
        got = _amtool_receivers(judge.amtool, out, {**labels, **extra})
        # A split receiver's further integrations follow its first: together they are the original one.
        split = set(report["split_parts"])  # type: ignore[call-overload]
        assert want == ",".join(native_to_original[n] for n in got.split(",") if n not in split), labels


def test_every_original_receiver_is_in_the_name_map(tmp_path: Path) -> None:
    code, output, report = _import(tmp_path, "globals", "--tenant", "acme", extra=("--amtool", "none"))
    assert code == 0, output
    assert report["receivers"] == {
        "Team Slack (default)": ["acme/team-slack-default"],
        "OpsGenie P1": ["acme/opsgenie-p1"],
        "PagerDuty": ["acme/pagerduty"],
        "victorops": ["acme/victorops"],
    }
    tenant = (tmp_path / "tenants" / "acme.yaml").read_text()
    # Inherited globals are explicit on the receiver that inherited them.
    assert "api_url: 'https://hooks.slack.com/services/T1/B1/abc'" in tenant
    assert "api_key: '00000000-0000-0000-0000-000000000000'" in tenant
    assert "url: 'https://events.eu.pagerduty.com/v2/enqueue'" in tenant


def test_plaintext_secrets_are_kept_with_a_warning(tmp_path: Path) -> None:
    code, output, _ = _import(tmp_path, "globals", "--tenant", "acme", extra=("--amtool", "none"))
    assert code == 0
    assert "I006" in output and "receivers secrets encrypt" in output


def test_secrets_are_encrypted_when_the_platform_has_a_recipient(tmp_path: Path) -> None:
    (tmp_path / "receivers.yaml").write_text("alertmanager_version: '0.25'\n")
    keygen = CliRunner().invoke(app, ["secrets", "keygen", "--private-key", str(tmp_path / "key"), "--config",
                                      str(tmp_path / "receivers.yaml")])
    assert keygen.exit_code == 0, keygen.output
    code, output, report = _import(tmp_path, "globals", "--tenant", "acme", extra=("--amtool", "none", "--force"))
    assert code == 0, output
    tenant = (tmp_path / "tenants" / "acme.yaml").read_text()
    assert "hooks.slack.com" not in tenant and "ENC[" in tenant
    assert report["secrets"]["encrypted"] > 0  # type: ignore[index]


REFUSED = [("templates", "custom.text"), ("multi-integration-continue", "integrations")]


@pytest.mark.parametrize("name, construct", REFUSED)
def test_what_cannot_be_carried_is_a_located_error_and_nothing_is_written(tmp_path: Path, name: str,
                                                                         construct: str) -> None:
    code, output, _ = _import(tmp_path, name, "--tenant", "acme", extra=("--amtool", "none"))
    assert code == 1
    assert "I002" in output and construct in output
    assert f"{name}.yml:" in output
    assert not (tmp_path / "tenants").exists() and not (tmp_path / "receivers.yaml").exists()


def test_comments_come_along(tmp_path: Path) -> None:
    code, output, _ = _import(tmp_path, "comments", "--tenant", "pay", extra=("--amtool", "none"))
    assert code == 0, output
    tenant = (tmp_path / "tenants" / "pay.yaml").read_text()
    assert tenant.startswith("# Production Alertmanager of the payments platform.\n# Owner: sre@example.org\n")
    for block in ("  # PagerDuty service \"Payments\".\n  - name: oncall",
                  "    # Everything about card processing goes to the cards channel,\n    # including warnings.\n"
                  "    - receiver: cards",
                  "  # A critical alert silences its own warnings.\n  - source_matchers"):
        assert block in tenant


def test_template_files_nobody_calls_are_left_out_with_a_warning(tmp_path: Path) -> None:
    code, output, _ = _import(tmp_path, "builtin-templates", "--tenant", "acme", extra=("--amtool", "none"))
    assert code == 0, output
    assert "I006" in output and "templates: left out" in output
    assert "templates" not in (tmp_path / "receivers.yaml").read_text()


def test_existing_files_are_not_overwritten_without_force(tmp_path: Path) -> None:
    assert _import(tmp_path, "old-syntax", "--tenant", "acme", extra=("--amtool", "none"))[0] == 0
    before = (tmp_path / "tenants" / "acme.yaml").read_text()
    code, output, _ = _import(tmp_path, "old-syntax", "--tenant", "acme", extra=("--amtool", "none"))
    assert code == 1 and "I005" in output
    assert (tmp_path / "tenants" / "acme.yaml").read_text() == before
    assert _import(tmp_path, "old-syntax", "--tenant", "acme", extra=("--amtool", "none", "--force"))[0] == 0


def test_an_existing_platform_file_is_left_alone_when_the_import_needs_nothing_from_it(tmp_path: Path) -> None:
    platform = tmp_path / "receivers.yaml"
    platform.write_text("# ours\nalertmanager_version: '0.34'\n")
    code, output, report = _import(tmp_path, "comments", "--tenant", "pay", extra=("--amtool", "none"))
    assert code == 0, output
    assert platform.read_text() == "# ours\nalertmanager_version: '0.34'\n"
    assert report["written"] == [str(tmp_path / "tenants" / "pay.yaml")]


def test_a_platform_setting_the_import_would_change_is_a_conflict(tmp_path: Path) -> None:
    platform = tmp_path / "receivers.yaml"
    platform.write_text("alertmanager_version: '0.34'\nglobal:\n  resolve_timeout: 1m\n")
    code, output, _ = _import(tmp_path, "globals", "--tenant", "acme", extra=("--amtool", "none", "--force"))
    assert code == 1 and "I005" in output and "global" in output
    assert "receivers.yaml:2:1" in output
    assert not (tmp_path / "tenants").exists()


def test_a_tenant_label_the_config_uses_is_avoided(tmp_path: Path) -> None:
    source = tmp_path / "am.yml"
    source.write_text("route:\n  receiver: a\n  routes:\n    - {receiver: b, matchers: ['tenant=\"x\"']}\n"
                      "receivers: [{name: a}, {name: b}]\n")
    result = CliRunner().invoke(app, ["import", str(source), "--tenant", "acme", "--tenants", str(tmp_path / "t"),
                                      "--config", str(tmp_path / "receivers.yaml"), "--amtool", "none",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tenant_label"] == "receivers_tenant"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(IMPORTS / "globals.yml")]).exit_code == 2
    both = runner.invoke(app, ["import", str(IMPORTS / "globals.yml"), "--tenant", "a", "--by", "team"])
    assert both.exit_code == 2
    assert runner.invoke(app, ["import", str(tmp_path / "missing.yml"), "--tenant", "a"]).exit_code == 2
