"""The quick check of tenant files a routing question does not concern (validation/quick.py).

Its load (``quick_data``) must never accept what the full load refuses and must give the same
values for what it accepts: checked on every YAML file of the repository and on generated YAML
full of the constructs the full load reports (tags, merge keys, duplicates, aliases, several
documents, broken syntax). ``quick_tenant`` fails every file that a load, model or R110 error
breaks, so the full check then reports it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from receivers_cli import integrations
from receivers_cli.errors import ProblemsError
from receivers_cli.loading.yaml_source import NotQuick, load_bytes, quick_data
from receivers_cli.validation.quick import quick_tenant
from tests.helpers import ROOT

CHANNELS = frozenset(integrations.catalog())


def _same(a: Any, b: Any) -> bool:
    """Equal data, NaN equal to NaN, bool never equal to int (YAML gives them apart)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _agree(raw: bytes) -> None:
    try:
        full = load_bytes(raw, "x.yaml").data
    except ProblemsError:
        full = NotQuick
    try:
        quick = quick_data(raw)
    except NotQuick:
        return  # always allowed: the caller loads the file in full
    assert full is not NotQuick, f"quick load accepted what the full load refuses: {raw!r}"
    assert _same(quick, full), (raw, quick, full)


CORPUS = sorted(
    p for folder in ("tests/fixtures", "examples", "tenants") for p in (ROOT / folder).rglob("*")
    if p.suffix in (".yaml", ".yml") and p.is_file() and not p.is_symlink()
)


def test_the_corpus_loads_alike() -> None:
    assert len(CORPUS) > 100
    accepted = 0
    for path in CORPUS:
        raw = path.read_bytes()
        _agree(raw)
        try:
            quick_data(raw)
            accepted += 1
        except NotQuick:
            pass
    assert accepted > len(CORPUS) // 2  # the quick load is the common case, not the exception


# Values the full load takes (most of them), then what it reports or the quick load leaves to it.
PLAIN = st.one_of(
    st.sampled_from([
        "a", "yes", "no", "on", "~", "null", "Null", "", "true", "False", "0x1f", "0o17", "017", "1_000", "-3",
        "+4", "1.5", ".inf", "-.Inf", ".nan", "1e3", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "12:30", "'q'",
        '"d\\n"', '"\\x41"', "!!str 1", "!!int 2", "!!float 3", "!!bool yes", "!!null ''", "!!timestamp 2001-01-01",
        "!<tag:yaml.org,2002:str> y", "! plain", "&a v", "[1, 2]", "{k: v}", "!!map {}", "!!seq []",
        "|\n    block",
    ]),
    st.sampled_from([
        "=", "<<", "!!binary aGk=", "!foo x", "!<tag:yaml.org,2002:%73tr> z", "*a", "!!set {a}", "a: b: c", "[",
        "'", "@", "`", "\t", "- x",
    ]),
)
KEYS = st.one_of(st.sampled_from(["k", "k2", "1", "'k'", "~", "? k", "!!str k", "&a k"]),
                 st.sampled_from(["k", "<<", "? [a]", "!x k", "*a", "="]))


@st.composite
def documents(draw: st.DrawFn) -> str:
    def node(depth: int, indent: str) -> str:
        choice = draw(st.integers(0, 3 if depth < 3 else 0))
        if choice == 0:
            return " " + draw(PLAIN)
        if choice in (1, 2):
            lines = []
            for _ in range(draw(st.integers(0, 3))):
                lines.append(f"\n{indent}{draw(KEYS)}:{node(depth + 1, indent + '  ')}")
            return "".join(lines) or " {}"
        return "".join(f"\n{indent}-{node(depth + 1, indent + '  ')}" for _ in range(draw(st.integers(1, 3))))

    text = "root:" + node(0, "  ")
    if draw(st.booleans()):
        text += draw(st.sampled_from(["\n---\nother: 1", "\n...\n", "\n# comment", "\n%YAML 1.1\n---\n"]))
    if draw(st.integers(0, 9)) == 9:
        text = draw(st.sampled_from(["# only a comment\n", "", "\ufeffroot: 1", "root: \x00", "--- !!map\na: 1"]))
    return text


@settings(max_examples=400, deadline=None)
@given(text=documents())
def test_generated_yaml_loads_alike(text: str) -> None:
    _agree(text.encode("utf-8"))


def test_invalid_bytes_are_left_to_the_full_load() -> None:
    for raw in (b"\xff\xfe", b"a: \x00", b"", b"   \n", b"# c\n", b"a: 1\n---\nb: 2\n", b"a: &x 1\nb: *x\n"):
        with pytest.raises(NotQuick):
            quick_data(raw)


def _tenant(tmp_path: Path, stem: str, text: str) -> Path:
    path = tmp_path / f"{stem}.yaml"
    path.write_text(text, "utf-8")
    return path


SOUND = """\
acme:
  metadata: {name: Acme}
  receivers:
    - {name: hook, channel_type: webhook, config: {url: "https://hooks.example.com/a"}}
    - {name: sink}
"""


def test_a_sound_file_passes(tmp_path: Path) -> None:
    assert quick_tenant(_tenant(tmp_path, "acme", SOUND), CHANNELS)


@pytest.mark.parametrize(
    ("stem", "text"),
    [
        ("globex", SOUND),  # R011: the key is not the stem
        ("acme", SOUND.replace("webhook", "webhok")),  # R110 unknown channel_type
        ("acme", SOUND.replace("- {name: sink}", "- {name: sink, config: {url: x}}")),  # R110 config, no type
        ("acme", SOUND.replace("metadata: {name: Acme}", "metadata: {nam: Acme}")),  # R101/R104 model
        ("acme", SOUND.replace("name: hook,", "name: hook, enabled: 'yes',")),  # R102 type
        ("acme", SOUND + "  metadata: {name: Again}\n"),  # R009 duplicate key
        ("acme", SOUND + "other:\n  metadata: {name: O}\n"),  # R010 two tenants
        ("acme", "- acme\n"),  # R010 not a mapping
        ("acme", SOUND.replace("{name: Acme}", "!!map {name: Acme}").replace("Acme}", "!custom Acme}")),  # R008
        ("acme", SOUND.replace("receivers:", "receivers: &r").replace("- {name: sink}", "- {name: sink}\n  x: *r")),
        ("acme", "acme: [\n"),  # R006
    ],
)
def test_a_broken_file_fails(tmp_path: Path, stem: str, text: str) -> None:
    assert not quick_tenant(_tenant(tmp_path, stem, text), CHANNELS)


def test_a_link_or_a_binary_file_fails(tmp_path: Path) -> None:
    target = _tenant(tmp_path, "real", SOUND.replace("acme", "real"))
    (tmp_path / "acme.yaml").symlink_to(target)
    assert not quick_tenant(tmp_path / "acme.yaml", CHANNELS)
    (tmp_path / "bin.yaml").write_bytes(b"bin:\n  metadata: {name: \x00}\n")
    assert not quick_tenant(tmp_path / "bin.yaml", CHANNELS)
