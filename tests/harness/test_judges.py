"""The real judges CI promises: Alertmanager 0.25, 0.28 and 0.33, each answering for itself."""

from __future__ import annotations

import subprocess

import pytest

from tests.judges import EXPECTED, judge_exactly, judge_for, last_line


@pytest.mark.amtool
@pytest.mark.parametrize("version", EXPECTED, ids=lambda v: f"{v[0]}.{v[1]}")
def test_each_expected_release_is_here_and_checks_a_config(version: tuple[int, int], tmp_path) -> None:
    judge = judge_exactly(version, server=True)
    config = tmp_path / "alertmanager.yml"
    config.write_text('route: {receiver: x}\nreceivers: [{name: x}]\n', encoding="utf-8")
    done = subprocess.run(judge.amtool_cmd("check-config", str(config)), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    routes = subprocess.run(judge.amtool_cmd("config", "routes", "test", f"--config.file={config}", "a=b"),
                            capture_output=True, text=True)
    assert last_line(routes.stdout) == "x"


@pytest.mark.amtool
def test_nearest_judge_is_at_or_below_the_target() -> None:
    assert judge_for((0, 34)).version >= (0, 33)
    assert judge_for((0, 30)).version == (0, 28)
    assert judge_for((0, 25)).version == (0, 25)
