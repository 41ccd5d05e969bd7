"""``validate --rules``: Prometheus rule files read as promtool reads them, then checked against the
tenants (R601-R606). The fixture files under tests/fixtures/rules/ are judged by the real promtool."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.api import load_project, validated
from receivers_cli.cli.app import app
from receivers_cli.errors import Problem, Severity
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules_files import check_rule_files, read_rules
from tests.helpers import FIXTURES, ROOT
from tests.tools import IN_CI

RULES = FIXTURES / "rules"
REFUSED = sorted((RULES / "refused").glob("*.yml"))
ACCEPTED = sorted((RULES / "accepted").glob("*.yml"))


def promtool() -> str:
    """The real promtool: on PATH or unpacked by .ci/fetch-promtool; skip on a laptop, fail in CI."""
    unpacked = ROOT / ".cache" / "prometheus" / "usr" / "bin" / "promtool"
    found = shutil.which("promtool") or (str(unpacked) if unpacked.is_file() else None)
    if found is None:
        reason = "promtool is not installed (run .ci/fetch-promtool, or apt-get install prometheus)"
        if IN_CI:
            pytest.fail(f"{reason}; CI must provide it")
        pytest.skip(reason)
    return found


@pytest.mark.parametrize("path", REFUSED, ids=[p.stem for p in REFUSED])
def test_refused_files_are_refused_by_promtool_and_by_us(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    judged = subprocess.run([promtool(), "check", "rules", str(path)], capture_output=True, text=True, timeout=60)
    assert judged.returncode == 1, judged.stdout
    monkeypatch.chdir(path.parent)
    _, problems = read_rules(Path(path.name))
    assert problems, f"promtool refuses {path.name}: {judged.stdout}"
    for problem in problems:
        assert problem.rule in ("R601", "R006") and problem.file == path.name and problem.line > 0, str(problem)
        assert problem.severity is Severity.ERROR and problem.message and problem.hint


@pytest.mark.parametrize("path", ACCEPTED, ids=[p.stem for p in ACCEPTED])
def test_accepted_files_are_accepted_by_promtool_and_by_us(path: Path) -> None:
    judged = subprocess.run([promtool(), "check", "rules", str(path)], capture_output=True, text=True, timeout=60)
    assert judged.returncode == 0, judged.stdout
    _, problems = read_rules(path)
    assert problems == []


def _demo(*rule_files: Path) -> list[Problem]:
    project = load_project([ROOT / "tenants"], ROOT / "receivers.yaml")
    return list(validated(check_rule_files(project, list(rule_files)), ValidationLevel.STANDARD).problems)


def _by_rule(problems: list[Problem]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in problems:
        found.setdefault(p.rule, []).append(f"{Path(p.file).name}:{p.line}:{p.severity.value}")
    return found


def test_tenant_label_severity_and_tenant_file_checks() -> None:
    found = _by_rule(_demo(RULES / "accepted" / "mixed.yml"))
    # NoTenant sums the label away (certain: error); FromSeries and Templated cannot be proven.
    assert found["R602"] == ["mixed.yml:4:error", "mixed.yml:7:warning", "mixed.yml:12:warning"]
    assert found["R603"] == ["mixed.yml:15:error"]  # chekout: did you mean checkout?
    assert found["R604"] == ["mixed.yml:15:error"]


def test_alertnames_and_receivers_checked_against_the_rules() -> None:
    problems = _demo(RULES / "accepted" / "checkout.yml")
    found = _by_rule(problems)
    assert set(found) == {"R605", "R606"}, [str(p) for p in problems]
    messages = "\n".join(p.message for p in problems)
    # checkout's tests name DbDown and Noise; no given rule produces them.
    assert "'DbDown'" in messages and "'Noise'" in messages and "'CheckoutLatencyHigh'" not in messages
    # The other tenants get no alert from these rules at all.
    assert "no rule produces alerts for tenant 'payments'" in messages
    assert all(p.severity is Severity.WARNING for p in problems)


def test_cli_rules_option_takes_files_and_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, ["validate", "--rules", str(RULES / "accepted")])
    assert result.exit_code == 1 and "R603" in result.output and "(7 files checked)" in result.output
    result = CliRunner().invoke(app, ["validate", "--rules", str(RULES / "accepted" / "checkout.yml"),
                                      "--ignore", "R605,R606"])
    assert result.exit_code == 0, result.output
    assert "ignored: R605 x" in result.output
    result = CliRunner().invoke(app, ["validate", "--rules", str(RULES / "refused" / "yaml-syntax.yml")])
    assert result.exit_code == 1 and "yaml-syntax.yml:6" in result.output and "Traceback" not in result.output
