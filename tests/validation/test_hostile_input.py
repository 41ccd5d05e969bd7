"""Hostile and broken tenant files: each gives one exact problem, exit 1, no traceback, no hang.

Every case is a real file under ``tests/fixtures/hostile/`` and runs through the real command in a
subprocess (so a hang is caught by the timeout and a crash by the exit code).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"

# file, rule, line, column of the first problem reported
CASES = [
    ("alias-bomb.yaml", "R007", 2, 31),
    ("alias-undefined.yaml", "R006", 2, 13),
    ("bad-escape.yaml", "R006", 2, 22),
    ("binary-png.yaml", "R002", 3, 1),
    ("binary-tag.yaml", "R008", 3, 11),
    ("bom-then-error.yaml", "R103", 2, 29),
    ("complex-key.yaml", "R008", 2, 5),
    ("control-characters.yaml", "R006", 2, 22),
    ("crlf-line-endings.yaml", "R101", 3, 3),
    ("custom-tag-local.yaml", "R008", 3, 11),
    ("custom-tag-python.yaml", "R008", 2, 13),
    ("deep-block-nesting.yaml", "R005", 65, 129),
    ("deep-flow-nesting.yaml", "R005", 1, 83),
    ("duplicate-key-flow.yaml", "R009", 2, 23),
    ("duplicate-key-nested.yaml", "R009", 5, 5),
    ("duplicate-key-secret.yaml", "R009", 8, 9),
    ("duplicate-key-top.yaml", "R009", 3, 3),
    ("empty.yaml", "R004", 1, 1),
    ("huge-integer.yaml", "R103", 2, 29),
    ("latin1-encoded.yaml", "R002", 2, 23),
    ("list-instead-of-mapping.yaml", "R010", 1, 1),
    ("merge-key.yaml", "R008", 4, 5),
    ("missing-metadata.yaml", "R104", 1, 1),
    ("multiple-documents.yaml", "R006", 3, 1),
    ("nul-byte.yaml", "R002", 2, 21),
    ("null-document.yaml", "R010", 1, 1),
    ("only-comments.yaml", "R004", 1, 1),
    ("only-whitespace.yaml", "R004", 1, 1),
    ("oversized.yaml", "R003", 1, 1),
    ("receiver-not-mapping.yaml", "R102", 4, 7),
    ("scalar-document.yaml", "R010", 1, 1),
    ("set-tag.yaml", "R008", 2, 13),
    ("slash-in-id.yaml", "R112", 4, 14),
    ("syntax-bad-indent.yaml", "R006", 4, 4),
    ("syntax-colon-in-value.yaml", "R006", 3, 15),
    ("syntax-stray-bracket.yaml", "R006", 2, 25),
    ("syntax-tab-indent.yaml", "R006", 2, 1),
    ("syntax-unclosed-flow.yaml", "R006", 3, 1),
    ("syntax-unclosed-quote.yaml", "R006", 3, 1),
    ("tenant-body-is-list.yaml", "R102", 2, 3),
    ("tenant-body-null.yaml", "R102", 1, 18),
    ("two-top-level-keys.yaml", "R010", 3, 1),
    ("unknown-field-top.yaml", "R101", 3, 3),
    ("uppercase-receiver-name.yaml", "R112", 4, 14),
    ("utf16-encoded.yaml", "R002", 1, 4),
    ("wrong-stem.yaml", "R011", 1, 1),
    ("wrong-type-receivers.yaml", "R102", 3, 14),
]


def run_validate(*args: str, cwd: Path, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "receivers_cli.cli.app", "validate", *args],
        cwd=cwd, capture_output=True, text=True, timeout=timeout, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )


def test_at_least_forty_hostile_fixtures() -> None:
    files = sorted(p.name for p in HOSTILE.glob("*.yaml"))
    assert len(files) >= 40
    assert files == sorted(case[0] for case in CASES), "every fixture has a row in CASES"


@pytest.mark.parametrize(("file", "rule", "line", "column"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input_is_one_located_problem(file: str, rule: str, line: int, column: int) -> None:
    result = run_validate("--format", "json", file, cwd=HOSTILE)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    problems = json.loads(result.stdout)["problems"]
    first = problems[0]
    assert (first["file"], first["rule"], first["line"], first["column"]) == (file, rule, line, column)
    assert first["message"]


def test_text_output_for_hostile_input_has_caret_and_summary() -> None:
    result = run_validate("duplicate-key-nested.yaml", cwd=HOSTILE)
    assert result.returncode == 1
    assert "duplicate-key-nested.yaml:5:5: error R009 duplicate key 'name'" in result.stderr
    assert "     5 |     name: B" in result.stderr
    assert "       |     ^" in result.stderr
    assert "1 error, 0 warnings in 1 file (1 file checked)" in result.stderr
    assert "\033[" not in result.stderr  # NO_COLOR
