"""Attack class: a hostile tenant file switches off the check that stops it with an ignore comment.

``# receivers: ignore ID`` in a tenant file may hide only that file's warnings and non-security
policy findings. Naming a rule that guards isolation or secrets is refused (R510, an error), and
the finding it aimed at is still reported, at every level; nor can a comment reach another file.
The platform team, in receivers.yaml, may ignore a strict security policy rule (its own choice).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from receivers_cli.validation.ignores import SECURITY_RULES, refusal
from receivers_cli.validation.rules import all_rules
from tests.helpers import FIXTURES
from tests.repos import make_repo
from tests.security._cli import run

WARNINGS = FIXTURES / "warnings"


def test_a_tenant_comment_cannot_ignore_a_file_read(tmp_path: Path) -> None:
    make_repo(tmp_path, {"hostile": (WARNINGS / "hostile.yaml").read_text("utf-8")})
    result = run("validate", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert '"rule": "R207"' in result.stdout and '"rule": "R510"' in result.stdout
    assert "protects isolation or secrets" in result.stdout
    rendered = run("render", "--out", "out", cwd=tmp_path)
    assert rendered.returncode == 1 and not (tmp_path / "out").exists()


def test_a_tenant_comment_cannot_ignore_strict_secret_rules(tmp_path: Path) -> None:
    make_repo(tmp_path, {"hostile-strict": (WARNINGS / "hostile-strict.yaml").read_text("utf-8")})
    result = run("validate", "--level", "strict", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.count('"rule": "R510"') == 2 and '"rule": "R401"' in result.stdout
    assert "plaintext-key" not in result.stdout + result.stderr


def test_a_tenant_comment_cannot_reach_another_tenant_file(tmp_path: Path) -> None:
    victim = (WARNINGS / "hostile.yaml").read_text("utf-8").replace("hostile:", "victim:", 1).replace(
        "        # receivers: ignore R207\n", "")
    attacker = "attacker:\n  metadata: {name: A}\n  # receivers: ignore R134, R501, R502\n  receivers: []\n"
    make_repo(tmp_path, {"victim": victim, "attacker": attacker})
    result = run("validate", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1 and '"file": "tenants/victim.yaml"' in result.stdout
    assert "1 finding ignored: R134 x0 (tenants/attacker.yaml:3), R501 x1 (tenants/attacker.yaml:3)" in result.stderr


@pytest.mark.parametrize("rule", sorted(SECURITY_RULES))
def test_no_security_rule_is_ignorable_inline(rule: str) -> None:
    code, reason = refusal(rule, inline=True)
    assert code == rule and reason is not None


def test_what_a_tenant_may_ignore_is_only_warnings_and_operational_policy() -> None:
    inline = sorted(r.id for r in all_rules() if r.level is not None and refusal(r.id, inline=True)[1] is None)
    warnings = sorted(r.id for r in all_rules() if r.warning)
    assert set(inline) - set(warnings) == {"R403", "R404"}  # premium-without-paging, critical-unreceived


def test_a_flood_of_ignore_ids_is_cut_off(tmp_path: Path) -> None:
    ids = ", ".join(f"R{n:04d}" for n in range(5000))
    make_repo(tmp_path, {"flood": f"flood:\n  metadata: {{name: F}}\n  # receivers: ignore {ids}\n  receivers: []\n"})
    result = run("validate", "--format", "json", cwd=tmp_path, timeout=30)
    assert result.returncode == 1 and "more than 64 rule ids" in result.stdout
    assert result.stdout.count('"rule": "R510"') == 1
