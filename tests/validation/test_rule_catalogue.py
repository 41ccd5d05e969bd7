"""Every rule's documentation is executable: its PASS snippet passes and its FAIL snippet fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from receivers_cli.api import load_project, validate_project
from receivers_cli.errors import Problem, ProblemsError, Severity
from receivers_cli.validation.rules import Rule, all_rules, find, snippets

RULES = all_rules()


def with_grants(files: dict[str, str]) -> dict[str, str]:
    """Snippets of other rules use ``${VAR}`` freely: grant the names they reference to every tenant
    (R171's own snippets declare their ``variables:`` and are left as written)."""
    from receivers_cli.model.placeholders import is_reserved, references

    platform = files.get("receivers.yaml", "")
    if "variables:" in platform:
        return files
    names = sorted({n for name, text in files.items() if name != "receivers.yaml" for n in references(text)})
    names = [n for n in names if not is_reserved(n)]
    if not names:
        return files
    return {**files, "receivers.yaml": platform + f"variables: {{shared: [{', '.join(names)}]}}\n"}


def run_snippet(files: dict[str, str], rule: Rule, root: Path, monkeypatch: pytest.MonkeyPatch) -> list[Problem]:
    files = with_grants(files)
    (root / "tenants").mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(root)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    try:
        project = load_project([Path("tenants")], Path("receivers.yaml"), level=rule.level)
    except ProblemsError as exc:
        return exc.problems
    return validate_project(project, rule.level)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule: Rule, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert rule.doc.startswith(f"{rule.id} {rule.name}:"), "the docstring opens with '<id> <name>: ...'"
    if not rule.testable:
        assert "PASS::" not in rule.doc and "FAIL::" not in rule.doc
        return
    passing, failing = snippets(rule.doc, "PASS"), snippets(rule.doc, "FAIL")
    assert passing and failing, "a testable rule documents a PASS and a FAIL example"
    found = run_snippet(passing, rule, tmp_path / "pass", monkeypatch)
    assert [p for p in found if p.rule == rule.id] == []
    found = run_snippet(failing, rule, tmp_path / "fail", monkeypatch)
    assert rule.id in {p.rule for p in found}, [str(p) for p in found]
    # A minimal snippet may draw warnings of other rules (receivers: [] reaches nobody, R501); an
    # error rule's example draws no other error, and a warning rule's example nothing else at all.
    others = [str(p) for p in found if p.rule != rule.id and (rule.warning or p.severity is Severity.ERROR)]
    assert others == []


def test_catalogue_ids_are_unique_and_findable() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert find(rule.id) == rule
        assert find(rule.name) == rule
