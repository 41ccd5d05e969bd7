"""`receivers routes test LABEL=VALUE` reads its arguments exactly as amtool of the target version.

For random arguments (quoted and unquoted names, spaces around the operator, Go escapes,
backslashes, braces, stray quotes, unicode, other operators) the real amtool 0.25 (classic parser)
and 0.33 (UTF-8 parser with classic fallback) must agree with us: both refuse, or both read the same
label. amtool's reading is observed through a config whose only child route matches exactly the
label we read, so "hit" means amtool read the same name and the same value.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receivers_cli.alertmanager.matchers import Matcher, MatcherError, MatchType, parse_matcher
from receivers_cli.render.yaml_emit import dump
from tests.judges import judge_exactly, last_line

pieces = st.sampled_from(["a", "team", "service.name", "x y", "é", "_", "0", '"', "\\", "\\n", "\\x41",
                          "\\u00e9", "{", "}", ",", " ", "\t", "=", "~", "!", "'", "`", "ops{", "a\\\"b"])
names = st.one_of(st.sampled_from(["alertname", "team", "service.name", "a_b", "é"]),
                  st.lists(pieces, min_size=1, max_size=3).map("".join))
quoted = st.lists(pieces, max_size=4).map(lambda p: '"' + "".join(p) + '"')
values = st.one_of(st.lists(pieces, max_size=4).map("".join), quoted, st.text(max_size=6))
operators = st.sampled_from(["=", "=", "=", "==", "!=", "=~", " = ", "= ", " ="])
arguments = st.tuples(st.one_of(names, names.map(lambda n: json.dumps(n, ensure_ascii=False))),
                      operators, values).map("".join).filter(lambda a: not a.startswith("-") and "\x00" not in a)


def _ours(argument: str, version: tuple[int, int]) -> tuple[str, str] | None:
    try:
        matcher = parse_matcher(argument, version)
    except MatcherError:
        return None
    return (matcher.name, matcher.value) if matcher.type is MatchType.EQUAL else None


@pytest.mark.amtool
@pytest.mark.parametrize("version", [(0, 25), (0, 33)], ids=["0.25", "0.33"])
def test_label_arguments_are_read_like_amtool(version: tuple[int, int], tmp_path: Path) -> None:
    judge = judge_exactly(version)
    config = tmp_path / "alertmanager.yml"
    disagreements: list[str] = []

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(arguments)
    def check(argument: str) -> None:
        ours = _ours(argument, version)
        route: dict[str, object] = {"receiver": "miss"}
        if ours is not None:
            route["routes"] = [{"receiver": "hit", "matchers": [str(Matcher(ours[0], MatchType.EQUAL, ours[1]))]}]
        config.write_text(dump({"route": route, "receivers": [{"name": "miss"}, {"name": "hit"}]}),
                          encoding="utf-8")
        done = subprocess.run(judge.amtool_cmd("config", "routes", "test", f"--config.file={config}", argument),
                              capture_output=True, text=True, timeout=30)
        if ours is None:
            if done.returncode == 0:
                disagreements.append(f"{argument!r}: amtool read it, we refused")
        elif done.returncode != 0 or last_line(done.stdout) != "hit":
            disagreements.append(f"{argument!r}: we read {ours}, amtool: {done.stdout.strip()} {done.stderr.strip()}")

    check()
    assert not disagreements, "\n".join(disagreements[:20])
