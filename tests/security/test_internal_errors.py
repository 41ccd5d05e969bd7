"""Bad time intervals, zero intervals and edge-of-calendar test times are problems, never internal errors.

These inputs used to end in "internal error" (exit 2, no location) in validate, render, test,
routes and diff. Every command must now answer them with a located problem and exit 1 (or, where
the input is valid for that command, exit 0).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REFUSED = Path(__file__).resolve().parent.parent / "fixtures" / "refused"
BROKEN = ["times-reversed.yaml", "day-of-month-zero.yaml", "day-of-month-minus-32.yaml", "month-thirteen.yaml",
          "years-reversed.yaml", "weekday-open-range.yaml", "group-interval-zero.yaml", "url-ipv6-unclosed.yaml",
          "year-huge.yaml", "location-traversal.yaml"]
COMMANDS = [
    ["validate", "tenants"],
    ["render", "--out", "out"],
    ["routes", "show"],
    # The broken tenant itself: routes test checks in full only the files the answer depends on.
    ["routes", "test", "tenant={tenant}", "severity=critical"],
    ["test"],
]


def receivers(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "receivers_cli.cli.app", *args],
        cwd=cwd, capture_output=True, text=True, timeout=30,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "RECEIVERS_NO_CACHE": "1"},
    )


def repo(tmp_path: Path, file: str) -> Path:
    (tmp_path / "tenants").mkdir()
    shutil.copy(REFUSED / file, tmp_path / "tenants" / file)
    return tmp_path


@pytest.mark.parametrize("file", BROKEN)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_locates_the_problem(file: str, command: list[str], tmp_path: Path) -> None:
    args = [a.replace("{tenant}", Path(file).stem) for a in command]
    result = receivers(*args, cwd=repo(tmp_path, file))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert f"tenants/{file}:" in result.stderr


def test_test_time_at_the_end_of_the_calendar_is_a_problem(tmp_path: Path) -> None:
    result = receivers("test", cwd=repo(tmp_path, "test-at-year-9999.yaml"))
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert "T002" in result.stderr and "years 2-9998" in result.stderr
    assert "tenants/test-at-year-9999.yaml:15:" in result.stderr


def test_diff_of_two_output_folders_with_time_intervals(tmp_path: Path) -> None:
    root = repo(tmp_path, "test-at-year-9999.yaml")
    assert receivers("render", "--out", "old", cwd=root).returncode == 0
    text = (root / "tenants" / "test-at-year-9999.yaml").read_text("utf-8")
    (root / "tenants" / "test-at-year-9999.yaml").write_text(text.replace("monday", "tuesday"), "utf-8")
    assert receivers("render", "--out", "new", cwd=root).returncode == 0
    result = receivers("diff", "old", "new", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
