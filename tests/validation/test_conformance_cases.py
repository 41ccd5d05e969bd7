"""validate accepts exactly what the real Alertmanager of the target version accepts (issue 12).

Each tenant file under ``tests/fixtures/conformance/`` names its target (``# target: X.Y``) and the
verdict of the real ``amtool check-config`` of that version (``# expect: refused|accepted``). A
refused case must be one located problem from ``validate`` (exit 1), and its native equivalent
``<case>.native.yaml`` must be refused by the real amtool too (so we refuse only what Alertmanager
refuses). An accepted case must validate, render, and pass the real amtool's check.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXTURES
from tests.judges import judge_exactly, last_line

CASES = FIXTURES / "conformance"
FILES = sorted(p for p in CASES.glob("*.yaml") if not p.name.endswith(".native.yaml"))


def header(path: Path, key: str) -> str:
    match = re.search(rf"^# {key}: (\S+)$", path.read_text("utf-8"), re.MULTILINE)
    assert match, f"{path.name} lacks '# {key}:'"
    return match.group(1)


def target_of(path: Path) -> tuple[int, int]:
    major, minor = header(path, "target").split(".")
    return int(major), int(minor)


def receivers(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "receivers_cli.cli.app", *args],
        cwd=cwd, capture_output=True, text=True, timeout=60,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "RECEIVERS_NO_CACHE": "1"},
    )


def amtool_check(target: tuple[int, int], config: Path) -> subprocess.CompletedProcess[str]:
    judge = judge_exactly(target)  # the cases name the releases CI provides
    return subprocess.run(judge.amtool_cmd("check-config", str(config)), capture_output=True, text=True,
                          timeout=60)


def test_every_case_is_complete() -> None:
    assert FILES
    for path in FILES:
        assert header(path, "expect") in ("refused", "accepted"), path.name
        target_of(path)
        native = path.with_name(path.stem + ".native.yaml")
        assert native.is_file() == (header(path, "expect") == "refused"), path.name


@pytest.mark.amtool
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_validate_agrees_with_real_amtool(path: Path, tmp_path: Path) -> None:
    target = target_of(path)
    version = f"{target[0]}.{target[1]}"
    result = receivers("validate", "--format", "json", path.name, "--alertmanager-version", version, cwd=CASES)
    if header(path, "expect") == "refused":
        assert result.returncode == 1, result.stdout + result.stderr
        # Warnings (a minimal case may have no receivers, R501) say nothing about what amtool refuses.
        problems = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
        assert problems
        for problem in problems:
            assert problem["file"] == path.name and problem["line"] > 3 and problem["column"] > 0, problem
            assert problem["message"] and problem["hint"], problem
        native = amtool_check(target, path.with_name(path.stem + ".native.yaml"))
        assert native.returncode != 0, f"the real amtool accepts {path.stem}.native.yaml: {native.stdout}"
        return
    assert result.returncode == 0, result.stdout + result.stderr
    (tmp_path / "tenants").mkdir()
    shutil.copy(path, tmp_path / "tenants" / path.name)
    rendered = receivers("render", "--out", "out", "--alertmanager-version", version, cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    checked = amtool_check(target, tmp_path / "out" / "alertmanager.yml")
    assert checked.returncode == 0, last_line(checked.stdout) + checked.stderr


# No 0.24 judge is installed (Debian never shipped it); these http_config fields came with 0.25.
@pytest.mark.parametrize("http_config", ['{enable_http2: false}',
                                         '{oauth2: {client_id: c, client_secret: s, token_url: "https://t.example.com/",'
                                         ' proxy_url: "http://proxy.example.com:3128"}}'])
def test_fields_newer_than_0_24_are_refused_for_0_24(http_config: str, tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(
        "acme:\n  metadata: {name: Acme}\n  receivers:\n    - name: r\n      channel_type: webhook\n"
        f'      config: {{url: "https://hooks.example.com/x", http_config: {http_config}}}\n', "utf-8")
    result = receivers("validate", "--format", "json", "acme.yaml", "--alertmanager-version", "0.24", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert [p["rule"] for p in problems] == ["R201"] and "0.25" in problems[0]["message"]
