"""A tenant file's control characters never reach the terminal raw, in any output format.

Raw in the file (an excerpt shows the line) or written as YAML escapes (``"\\e[2J"``: the value,
then quoted by a message), and in the file name itself: ESC, other C0, DEL, C1 (NEL and CSI
included), U+2028/2029 and bidi overrides are all written as visible escapes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from receivers_cli.errors import printable
from tests.repos import make_repo
from tests.security._cli import assert_refused, run

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
FORMATS = ["text", "json", "sarif", "github"]

RAW_CASES = {
    "raw-esc": 'raw-esc:\n  metadata: {name: "x\x1b[2J\x1b]0;pwned\x07"}\n',
    "raw-c1": 'raw-c1:\n  metadata: {name: "x\x9b31m"}\n',
    "raw-del": 'raw-del:\n  metadata: {name: "x\x7f"}\n',
    "raw-bidi": 'raw-bidi:\n  metadata: {name: "admin\u202e\u2066"}\n  receivers: 5\n',
    "raw-nel": "raw-nel:\n  metadata: {name: x}\u0085  receivers: [{name: \"a\u2028b\"}]\n",
}
ESCAPED_CASES = {
    # Valid YAML: the value carries the control characters and a message quotes it.
    "esc-channel": 'esc-channel:\n  metadata: {name: x}\n  receivers:\n    - name: hook\n'
                   '      channel_type: "\\e[2J\\e[31mslack\\x85\\u202e\\x9b"\n      config: {}\n',
    "esc-key": 'esc-key:\n  metadata: {name: x}\n  "bad\\e[2Jkey\\u2029": 1\n',
}


def _clean(output: str) -> None:
    found = FORBIDDEN.search(output)
    assert found is None, f"raw {found.group(0)!r} in output: {output[-1500:]!r}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", sorted({**RAW_CASES, **ESCAPED_CASES}))
def test_no_raw_control_characters_in_any_format(tmp_path: Path, case: str, fmt: str) -> None:
    make_repo(tmp_path, {case: {**RAW_CASES, **ESCAPED_CASES}[case]})
    result = run("validate", "--format", fmt, cwd=tmp_path)
    assert_refused(result, f"{case}.yaml")
    _clean(result.stdout + result.stderr)


def test_excerpt_shows_the_escapes_and_the_caret_under_the_column(tmp_path: Path) -> None:
    make_repo(tmp_path, {"raw-esc": RAW_CASES["raw-esc"]})
    result = run("validate", cwd=tmp_path)
    lines = result.stderr.splitlines()
    shown = next(i for i, line in enumerate(lines) if "| " in line and "\\x1b[2J" in line)
    caret = lines[shown + 1].index("^") - lines[shown + 1].index("|")
    assert lines[shown][lines[shown].index("|") + caret :].startswith("\\x1b")


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_in_a_file_name(tmp_path: Path, fmt: str) -> None:
    make_repo(tmp_path, {"evil\x1b[2J": "other:\n  metadata: {name: x}\n"})
    result = run("validate", "--format", fmt, cwd=tmp_path)
    assert result.returncode == 1
    _clean(result.stdout + result.stderr)


def test_binary_or_non_utf8_files_are_never_excerpted(tmp_path: Path) -> None:
    make_repo(tmp_path, {
        "latin": b"latin:\n  metadata: {name: \"caf\xe9 SECRET-LATIN\"}\n",
        "nul": b"nul:\n  metadata: {name: \"SECRET-NUL\x00\"}\n",
        "huge": "huge:\n  x: SECRET-HUGE\n" + "#" * (1024 * 1024) + "\n",
    })
    result = run("validate", cwd=tmp_path)
    assert_refused(result, "R002")
    assert "R003" in result.stderr
    assert "SECRET-" not in result.stdout + result.stderr


def test_printable_escapes_every_class() -> None:
    for char in ["\x00", "\x1b", "\t", "\n", "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\u202a", "\u202e",
                 "\u2066", "\u2069"]:
        assert FORBIDDEN.sub("", printable(char)) == printable(char) and char not in printable(char)
    assert printable("plain é ✓") == "plain é ✓"
