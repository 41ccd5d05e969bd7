"""The validate command's contract: levels, formats, exit codes, secrets never echoed, schemas current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli import ConfigValidator, ValidationLevel
from receivers_cli.cli.app import app
from receivers_cli.validation.schema import PACKAGED_DIR, render_schemas
from tests.repos import make_repo

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "validation"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


def invoke(*args: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("name", sorted(render_schemas()))
def test_committed_schemas_are_current(name: str) -> None:
    text = render_schemas()[name]
    assert (ROOT / "schemas" / name).read_text("utf-8") == text, "run `receivers schema` and commit"
    assert (PACKAGED_DIR / name).read_text("utf-8") == text, "run `receivers schema --out receivers_cli/schemas`"


def test_schema_command_writes_and_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _ = invoke("schema", "--out", "out", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 0 and (tmp_path / "out" / "tenant.schema.json").exists()
    assert invoke("schema", "--out", "out", "--check", cwd=tmp_path, monkeypatch=monkeypatch)[0] == 0
    (tmp_path / "out" / "platform.schema.json").write_text("{}", "utf-8")
    assert invoke("schema", "--out", "out", "--check", cwd=tmp_path, monkeypatch=monkeypatch)[0] == 1


def test_tenant_schema_completes_integration_config_fields() -> None:
    schema = json.loads(render_schemas()["tenant.schema.json"])
    receiver = schema["$defs"]["Receiver"]
    assert "slack" in receiver["properties"]["channel_type"]["enum"]
    branch = next(b for b in receiver["allOf"] if b["if"]["properties"]["channel_type"]["const"] == "pagerduty")
    config = schema["$defs"][branch["then"]["properties"]["config"]["$ref"].split("/")[-1]]
    assert {"routing_key", "integration_key", "auto_resolve"} <= set(config["properties"])


def test_demo_tenants_are_clean_at_every_level(monkeypatch: pytest.MonkeyPatch) -> None:
    for level in ("basic", "standard"):
        assert invoke("validate", "--level", level, cwd=ROOT, monkeypatch=monkeypatch)[0] == 0


def test_basic_level_is_structure_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"acme": (
        "acme:\n  metadata: {name: A}\n  receivers:\n    - {name: a, channel_type: webhook, min_severity: huge,"
        ' config: {url: "https://e.com/a"}}\n'
    )})
    assert invoke("validate", "--level", "basic", cwd=tmp_path, monkeypatch=monkeypatch)[0] == 0
    code, out = invoke("validate", "--level", "standard", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 1 and "R111" in out


def test_usage_errors_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    assert invoke("validate", "--level", "paranoid", cwd=ROOT, monkeypatch=monkeypatch)[0] == 2
    assert invoke("validate", "--format", "xml", cwd=ROOT, monkeypatch=monkeypatch)[0] == 2
    assert invoke("validate", "--explain", "R999", cwd=ROOT, monkeypatch=monkeypatch)[0] == 2


def test_explain_and_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = invoke("validate", "--explain", "R131", cwd=ROOT, monkeypatch=monkeypatch)
    assert code == 0 and "tenant-label-in-match" in out and "FAIL::" in out
    code, out = invoke("rules", cwd=ROOT, monkeypatch=monkeypatch)
    assert code == 0 and "R401" in out and "R009" in out


def test_secret_values_are_never_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    for fmt in ("text", "json", "sarif", "github"):
        code, out = invoke(
            "validate", "--level", "strict", "--format", fmt, cwd=FIXTURES / "secrets", monkeypatch=monkeypatch
        )
        assert code == 1
        assert "SuperSecretToken123" not in out, fmt
        assert "R105" in out or "R102" in out


def test_github_and_sarif_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = invoke("validate", "--format", "github", "alias-bomb.yaml", cwd=HOSTILE, monkeypatch=monkeypatch)
    assert code == 1
    assert out.startswith("::error file=alias-bomb.yaml,line=2,col=31,title=R007::")
    code, out = invoke("validate", "--format", "sarif", "wrong-stem.yaml", cwd=HOSTILE, monkeypatch=monkeypatch)
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-schema-2.1.0.json")
    run = sarif["runs"][0]
    result = run["results"][0]
    assert result["ruleId"] == "R011"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "R011"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1}


def test_staged_files_see_all_tenants_for_cross_file_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = invoke(
        "validate", "--tenants-dir", "tenants", "tenants/acme.yaml", cwd=FIXTURES / "crossfile", monkeypatch=monkeypatch
    )
    assert code == 1
    assert "R121" in out and "tenants/acme.yml" in out
    assert "broken.yaml" not in out  # not staged: not reported


def test_python_api_reports_rule_path_and_line() -> None:
    data = {"spotify-premium": {"metadata": {"name": "S", "tier": "premium"}, "receivers": [
        {"name": "c", "channel_type": "pagerduty", "min_severity": "critical", "config": {"integration_key": "k3y"}}
    ]}}
    report = ConfigValidator(ValidationLevel.STRICT).validate_receiver_config(data)
    assert not report.is_valid
    (issue,) = report.issues
    assert (issue.rule, issue.path[-1], issue.line) == ("R401", "integration_key", None)
    assert "k3y" not in issue.message
    assert ConfigValidator(ValidationLevel.STANDARD).validate_receiver_config(data).is_valid
    text = (ROOT / "tenants" / "spotify-premium.yaml").read_text("utf-8").replace("pagerduty", "pagerdty")
    (issue,) = ConfigValidator().validate_receiver_config(text).issues
    assert (issue.rule, issue.line, issue.column) == ("R110", 10, 21)
