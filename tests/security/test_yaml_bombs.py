"""YAML that would crash or blow up the loader: deep nesting (block and flow), alias bombs by size and count.

libyaml's composer recurses once per level, so depth is refused on the iterative event stream
first (R005); aliases are bounded by expanded values and by expanded text (R007).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from receivers_cli.errors import ProblemsError
from receivers_cli.loading.yaml_source import MAX_DEPTH, load_text
from tests.repos import make_repo
from tests.security._cli import FIXTURES, assert_refused, run

# Deep enough to overflow any C stack if anything recursive saw it; small enough for the 1 MiB limit.
CLI_DEPTH = 400_000

DEEP = {
    "block-compact": lambda n: "deep:\n  x:\n    " + "- " * n + "x\n",
    "flow-sequence": lambda n: "deep:\n  x: " + "[" * n + "\n",
    "flow-mapping": lambda n: "deep:\n  x: " + "{a: " * n + "\n",
    "flow-closed": lambda n: "deep:\n  x: " + "[" * n + "]" * n + "\n",
}


@pytest.mark.parametrize("style", sorted(DEEP))
def test_deep_nesting_is_refused_through_the_cli(tmp_path: Path, style: str) -> None:
    text = DEEP[style](CLI_DEPTH // (2 if style == "flow-closed" else 1))
    make_repo(tmp_path, {"deep": text[: 1024 * 1024 - 1]})
    result = run("validate", cwd=tmp_path)
    assert_refused(result, "R005")
    assert "tenants/deep.yaml:" in result.stderr


def test_deep_block_indentation_is_refused(tmp_path: Path) -> None:
    lines = ["deep:"] + [" " * (i + 1) + f"k{i}:" for i in range(1200)]
    make_repo(tmp_path, {"deep": "\n".join(lines) + "\n"})
    result = run("validate", cwd=tmp_path)
    assert_refused(result, "R005")
    assert f"tenants/deep.yaml:{MAX_DEPTH + 1}:" in result.stderr


@pytest.mark.parametrize("text", [
    "- " * 1_000_000 + "x\n",
    "[" * 1_000_000 + "\n",
    "{a: " * 1_000_000 + "\n",
    "".join(" " * (i % 200) + "-\n" for i in range(100_000)),
], ids=["block-1e6", "flow-seq-1e6", "flow-map-1e6", "indent"])
def test_a_million_levels_are_refused_quickly_in_process(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ProblemsError) as caught:
        load_text(text, "deep.yaml")
    assert caught.value.problems[0].rule == "R005"
    assert time.perf_counter() - start < 10  # a hang guard, not a benchmark


def test_brackets_inside_strings_are_not_nesting() -> None:
    doc = load_text('ok:\n  metadata: {name: "' + "[" * 500 + '"}\n', "ok.yaml")
    assert doc.data["ok"]["metadata"]["name"] == "[" * 500


def test_exactly_the_limit_loads() -> None:
    doc = load_text("ok: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n", "ok.yaml")
    assert doc.data["ok"] is not None


def test_alias_size_bomb_is_refused(tmp_path: Path) -> None:
    """100 KB of aliases to a 100 KB string would render hundreds of MiB."""
    value = "A" * 100_000
    aliases = ", ".join(["*big"] * 1000)
    make_repo(tmp_path, {"bomb": f'bomb:\n  metadata: {{name: &big "{value}"}}\n  x: [{aliases}]\n'})
    result = run("validate", cwd=tmp_path)
    assert_refused(result, "R007")
    assert "MiB" in result.stderr


def test_alias_size_bomb_fixture_is_refused_by_render(tmp_path: Path) -> None:
    make_repo(tmp_path, {"bomb": (FIXTURES / "alias-size-bomb.yaml").read_bytes()})
    result = run("render", "--out", "out", cwd=tmp_path)
    assert_refused(result, "R007")
    assert not (tmp_path / "out").exists()


def test_many_small_aliases_are_refused(tmp_path: Path) -> None:
    levels = ["  a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, prev in zip("bcdef", "abcde", strict=True):
        levels.append(f"  {name}: &{name} [{', '.join(['*' + prev] * 10)}]")
    make_repo(tmp_path, {"laughs": "laughs:\n" + "\n".join(levels) + "\n"})
    result = run("validate", cwd=tmp_path)
    assert_refused(result, "R007")


def test_aliases_within_budget_still_load() -> None:
    doc = load_text("ok:\n  a: &a [x, y]\n  b: [*a, *a]\n", "ok.yaml")
    assert doc.data["ok"]["b"] == [["x", "y"], ["x", "y"]]


def test_flow_colon_quoting_is_bounded_by_the_file_size() -> None:
    """Each ``[1:6]`` libyaml refuses costs one more parse of the file: a large file gets at most
    FLOW_COLON_BUDGET characters of them, then the value must be quoted by hand (R006, with a hint)."""
    from receivers_cli.loading.yaml_source import FLOW_COLON_BUDGET

    filler = "".join(f"  j{i}: x\n" for i in range(60_000))
    size = len(filler)
    assert FLOW_COLON_BUDGET // size < 3  # so three such values are past the budget
    text = "acme:\n" + filler + "  a: [1:6]\n  b: [2:6]\n  c: [3:6]\n"
    with pytest.raises(ProblemsError) as caught:
        load_text(text, "big.yaml")
    problem, = caught.value.problems
    assert problem.rule.id == "R006" and "quote a value" in problem.hint
    small = "acme:\n  a: [1:6]\n  b: [2:6]\n  c: [3:6]\n"
    assert load_text(small, "small.yaml").data == {"acme": {"a": ["1:6"], "b": ["2:6"], "c": ["3:6"]}}
