"""Ignores from the three sources (--ignore, receivers.yaml lint:, a tenant's comment), each reported
with what it hid; an ignore of an unknown rule, or of an error Alertmanager depends on, is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from receivers_cli.api import Project, load_project, validated
from receivers_cli.cli.app import app
from receivers_cli.validation.levels import ValidationLevel
from tests.helpers import FIXTURES
from tests.repos import make_repo

IGNORED = (FIXTURES / "warnings" / "ignored.yaml").read_text("utf-8")
REGEX_MATCH = {"metadata": {"name": "B"}, "receivers": [
    {"name": "db", "channel_type": "webhook", "match": {"component": "db|x"}, "config": {"url": "https://e.com/a"}},
    {"name": "all", "channel_type": "webhook", "config": {"url": "https://e.com/b"}},
]}


def _cli(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _validated(root: Path, monkeypatch: pytest.MonkeyPatch, level: ValidationLevel = ValidationLevel.STANDARD,
               platform: bool = False) -> Project:
    monkeypatch.chdir(root)  # problems name files as the user typed them
    return validated(load_project([Path("tenants")], Path("receivers.yaml") if platform else None), level)


def test_inline_comment_covers_its_line_and_the_next_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"ignored": IGNORED})
    project = _validated(tmp_path, monkeypatch)
    # Line 5 (comment above it) and line 6 (comment on it, by rule name) are hidden; line 9 is not.
    assert [(p.line, p.rule) for p in project.problems] == [(9, "R134")]
    assert [(i.ignore.source, i.count) for i in project.ignored] == [
        ("tenants/ignored.yaml:4", 1), ("tenants/ignored.yaml:6", 1)]


def test_inline_ignores_apply_to_their_own_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"ignored": IGNORED, "other": REGEX_MATCH})
    project = _validated(tmp_path, monkeypatch)
    assert sorted((p.file, p.rule) for p in project.problems) == [
        ("tenants/ignored.yaml", "R134"), ("tenants/other.yaml", "R134")]


def test_cli_ignore_is_reported_with_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"ignored": IGNORED, "other": REGEX_MATCH})
    code, out = _cli(tmp_path, "--ignore", "R134", "--ignore", "R503", "--strict-warnings", monkeypatch=monkeypatch)
    assert code == 0, out
    assert "4 findings ignored: R134 x1 (tenants/ignored.yaml:4), R134 x1 (tenants/ignored.yaml:6), " \
        "R134 x2 (--ignore), R503 x0 (--ignore)" in out


@pytest.mark.parametrize(("value", "message"), [
    ("R999", "no rule 'R999' to ignore"),
    ("R101", "R101 cannot be ignored"),  # an error Alertmanager depends on
])
def test_cli_ignore_refused_is_a_usage_error(value: str, message: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"other": REGEX_MATCH})
    code, out = _cli(tmp_path, "--ignore", value, monkeypatch=monkeypatch)
    assert code == 2 and message in out


def test_platform_ignores_everywhere_and_per_tenant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"ignored": IGNORED, "other": REGEX_MATCH},
              "lint:\n  tenants:\n    other: [R134]\n")
    project = _validated(tmp_path, monkeypatch, platform=True)
    assert [(p.file, p.line) for p in project.problems] == [("tenants/ignored.yaml", 9)]
    assert ("receivers.yaml:3", 1) in [(i.ignore.source, i.count) for i in project.ignored]
    (tmp_path / "receivers.yaml").write_text("lint:\n  ignore: [match-value-regex-like]\n", "utf-8")
    code, out = _cli(tmp_path, "--strict-warnings", monkeypatch=monkeypatch)
    assert code == 0 and "R134 x2 (receivers.yaml:2)" in out


def test_platform_ignore_of_unknown_rule_or_tenant_is_an_error(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"other": REGEX_MATCH}, "lint:\n  ignore: [R9999, R207]\n  tenants: {nobody: [R134]}\n")
    project = _validated(tmp_path, monkeypatch, platform=True)
    refused = [(p.line, p.rule, p.message) for p in project.problems if p.rule == "R510"]
    assert [r[:2] for r in refused] == [(2, "R510"), (2, "R510"), (3, "R510")]
    assert "no rule 'R9999'" in refused[0][2] and "R207 cannot be ignored" in refused[1][2]
    assert "no tenant 'nobody'" in refused[2][2]


def test_inline_ignore_of_unknown_rule_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"acme": IGNORED.replace("ignored:", "acme:", 1).replace("ignore R134", "ignore R1340")})
    project = _validated(tmp_path, monkeypatch)
    (refused,) = [p for p in project.problems if p.rule == "R510"]
    assert (refused.line, refused.column) == (4, 25) and "no rule 'R1340'" in refused.message
    assert project.errors() == [refused]


def test_strict_policy_rules_can_be_ignored_by_the_platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tenant = {"metadata": {"name": "A"}, "receivers": [
        {"name": "hook", "channel_type": "webhook", "config": {"url": "http://example.com/a"}}]}
    make_repo(tmp_path, {"acme": tenant}, "lint:\n  ignore: [R401, R402]\n")
    project = _validated(tmp_path, monkeypatch, ValidationLevel.STRICT, platform=True)
    assert [p.rule for p in project.problems] == []
    assert [(i.ignore.rule, i.count) for i in project.ignored] == [("R401", 1), ("R402", 1)]


def _machine(root: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["validate", "--format", fmt, "--ignore", "R134"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_json_lists_what_each_ignore_hid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"ignored": IGNORED, "other": REGEX_MATCH})
    document = _machine(tmp_path, "json", monkeypatch)
    assert document["problems"] == []
    hidden = sorted((i["file"], i["line"], i["rule"], i["ignored_by"]) for i in document["ignored"])
    assert hidden == [
        ("tenants/ignored.yaml", 5, "R134", "tenants/ignored.yaml:4"),
        ("tenants/ignored.yaml", 6, "R134", "tenants/ignored.yaml:6"),
        ("tenants/ignored.yaml", 9, "R134", "--ignore"),
        ("tenants/other.yaml", hidden[3][1], "R134", "--ignore"),
    ]
    assert document["summary"]["ignored"] == 4 and document["summary"]["warnings"] == 0


def test_sarif_marks_hidden_findings_suppressed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"ignored": IGNORED, "other": REGEX_MATCH})
    results = _machine(tmp_path, "sarif", monkeypatch)["runs"][0]["results"]
    kinds = sorted((r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                    r["suppressions"][0]["kind"]) for r in results)
    # A tenant file's own comment is an in-source suppression; --ignore is external to the file.
    assert kinds == [("tenants/ignored.yaml", "external"), ("tenants/ignored.yaml", "inSource"),
                     ("tenants/ignored.yaml", "inSource"), ("tenants/other.yaml", "external")]
    assert all(r["suppressions"][0]["justification"].startswith("ignored by ") for r in results)


def test_a_machine_report_without_ignores_has_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, {"other": REGEX_MATCH})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "--format", "sarif"])
    assert all("suppressions" not in r for r in json.loads(result.stdout)["runs"][0]["results"])
    result = CliRunner().invoke(app, ["validate", "--format", "json"])
    assert json.loads(result.stdout)["ignored"] == []
