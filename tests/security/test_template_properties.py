"""Properties of the template pipeline, judged by the real amtool where it is installed.

1. ANY string as tenant metadata yields a tenant file our Go parser accepts, that `amtool check-config`
   loads, and whose text `amtool template render` prints verbatim (braces, ``*/``, quotes, backslashes,
   control characters, unicode, leading and trailing white space).
2. Our Go parser accepts a random template text iff `amtool check-config` does (bounded examples).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receivers_cli.alertmanager.gotemplate import GoTemplateError, functions_for, parse
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import Tenant
from receivers_cli.render.templates import build_tenant_templates
from tests.tools import require_tool

TRICKY = st.sampled_from(["{", "}", "{{", "}}", "*/", "/*", '"', "`", "'", "\\", "-", " ", "\n", "\t", "\r",
                          "\x00", "\x1b", "é", "🙂", "\u2028", "{{-", " -}}", "[[", "]]", "[%", "%}"])  # fmt: skip
VALUES = st.lists(st.one_of(TRICKY, st.text(max_size=5)), max_size=8).map("".join)
CONFIG = "route: {receiver: x}\nreceivers: [{name: x}]\ntemplates: ['t/*.tmpl']\n"


def _tenant_file(name: str, contact: str, sla: str) -> tuple[str, str]:
    tenant = Tenant.model_validate({"metadata": {"name": name, "contact_team": contact, "sla_level": sla},
                                    "receivers": [{"name": "chat", "channel_type": "slack", "config": {}}]})
    built = build_tenant_templates(Platform(), (0, 25), "acme", tenant, ["slack", "telegram", "email"])
    assert built.problems == []
    expected = f"Service: {name} · tier standard"
    expected += f" · SLA {sla}" if sla else ""
    expected += f" · contact {contact}" if contact else ""
    return built.text, expected


@settings(max_examples=200, deadline=None)
@given(VALUES, VALUES, VALUES)
def test_any_metadata_gives_a_file_our_parser_accepts(name: str, contact: str, sla: str) -> None:
    text, _ = _tenant_file(name, contact, sla)
    names = [d.name for d in parse(text, functions_for((0, 25))).definitions if d.name]
    assert names and all(n.startswith("acme/") for n in names)


@pytest.mark.amtool
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(VALUES, VALUES, VALUES)
def test_any_metadata_loads_in_amtool_and_renders_verbatim(name: str, contact: str, sla: str) -> None:
    amtool = require_tool("amtool")
    text, expected = _tenant_file(name, contact, sla)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "t").mkdir()
        (root / "t" / "acme.tmpl").write_bytes(text.encode("utf-8"))
        (root / "am.yml").write_text(CONFIG)
        checked = subprocess.run([amtool, "check-config", str(root / "am.yml")], capture_output=True, timeout=60)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        done = subprocess.run(
            [amtool, "template", "render", f"--template.glob={root}/t/*.tmpl",
             '--template.text={{ template "acme/text" . }}'],
            capture_output=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert expected in done.stdout.decode("utf-8"), (expected, done.stdout)


# --- the parser against amtool -------------------------------------------------------------------

PIECES = st.sampled_from([
    "{{", "}}", "{{- ", " -}}", "{{/*", "*/}}", " ", "\n", "x", "if", "else", "end", "range", "with", "break",
    "continue", "template", "define", "block", ".A", ".A.B", ".", "$", "$x", "$x :=", "$x =", ",", "|", ":",
    '"s"', '"\\q"', '"\\n"', "`r`", "'c'", "'cc'", "(", ")", "1", "-1", "1.5", "0x1F", "1e3", "nil", "true",
    "printf", "len", "toUpper", "nosuch", "and", "eq", '"n"', "=", "@",
])  # fmt: skip
ACTION_BODY = st.sampled_from([".A", "$", "true", '"s"', "printf \"%s\" .A", ".A | len", "(len .A)", "1",
                               "eq .A 1", "nil", "$x := .A"])  # fmt: skip


def _structured(depth: int) -> st.SearchStrategy[str]:
    leaf = st.one_of(st.just("t"), ACTION_BODY.map(lambda b: "{{ " + b + " }}"), st.just("{{/* c */}}"))
    if depth == 0:
        return leaf
    inner = st.lists(_structured(depth - 1), max_size=3).map("".join)
    return st.one_of(
        leaf,
        st.tuples(st.sampled_from(["if", "with", "range"]), ACTION_BODY, inner, st.booleans(), inner).map(
            lambda t: "{{ " + t[0] + " " + t[1] + " }}" + t[2] + ("{{ else }}" + t[4] if t[3] else "") + "{{ end }}"
        ),
        st.tuples(inner, st.sampled_from(["{{ break }}", "{{ continue }}"])).map(
            lambda t: "{{ range .A }}" + t[0] + t[1] + "{{ end }}"
        ),
        inner.map(lambda body: '{{ define "d" }}' + body + "{{ end }}"),
    )


TEXTS = st.one_of(st.lists(PIECES, min_size=1, max_size=12).map("".join), _structured(3))


def _ours(text: str) -> bool:
    try:
        parse(text, functions_for((0, 25)))
    except GoTemplateError:
        return False
    return True


@pytest.mark.amtool
@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_our_go_parser_accepts_exactly_what_amtool_accepts(text: str) -> None:
    amtool = require_tool("amtool")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "t").mkdir()
        (root / "t" / "a.tmpl").write_text(text)
        (root / "am.yml").write_text(CONFIG)
        checked = subprocess.run([amtool, "check-config", str(root / "am.yml")], capture_output=True, timeout=60)
    assert _ours(text) == (checked.returncode == 0), (text, checked.stdout[-300:])
