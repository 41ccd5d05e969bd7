"""What we write is what Go's YAML reads: random text round-trips through the real amtool.

Each value becomes the name of the root route's receiver; ``amtool config routes test`` prints the
name exactly as Alertmanager parsed it. NEL, the Unicode line and paragraph separators, C0/C1
controls, quotes, backslashes, YAML indicators and words YAML 1.1 reads as booleans all come back
unchanged, at 0.25 and at the newest release here.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receivers_cli.render.yaml_emit import dump, scalar
from tests.judges import judge_for

TRICKY = "\x85\u2028\u2029\ufeff\x00\x01\x1b\x7f\x9b\t\n\r '\"\\:#-?{}[]&*!|>%@`,~ yes no on 0x1 1:30 \u00e9\U0001f600"
texts = st.text(
    alphabet=st.one_of(st.sampled_from(list(TRICKY)), st.characters(exclude_categories=["Cs"])),
    min_size=1, max_size=24,
)


@pytest.mark.parametrize("value", ["a\x85b", "x\u2028y", "\ufeffz", "\x1b[31mred", "\x9b", "line\nbreak", "yes"])
def test_unsafe_characters_are_escaped_never_raw(value: str) -> None:
    text = scalar(value)
    for char in "\x85\u2028\u2029\ufeff\x1b\x9b":
        assert char not in text
    assert json.loads(text) == value if text.startswith('"') else text.strip("'") == value


@pytest.mark.amtool
@pytest.mark.parametrize("target", [(0, 25), (0, 34)], ids=["0.25", "newest"])
def test_random_text_round_trips_through_real_amtool(target: tuple[int, int], tmp_path: Path) -> None:
    judge = judge_for(target)
    config = tmp_path / "alertmanager.yml"

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(texts)
    def check(value: str) -> None:
        config.write_text(dump({"route": {"receiver": value}, "receivers": [{"name": value}]}), encoding="utf-8")
        done = subprocess.run(judge.amtool_cmd("config", "routes", "test", f"--config.file={config}"),
                              capture_output=True, timeout=30)
        assert done.returncode == 0, done.stderr
        out = done.stdout.decode("utf-8")
        lines = out.split("\n")
        while lines and lines[0].startswith("level="):  # parser warnings of amtool >= 0.27
            lines.pop(0)
        assert "\n".join(lines)[:-1] == value

    check()
