"""Hostile tenant templates: names, keys, Go syntax, recursion, Jinja bombs, escaping — through the CLI.

Every hostile case must give `receivers validate` exit 1 with a located R150/R151/R152 problem (never an
internal error or a hang); every config the validator accepts must pass the real `amtool check-config`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from receivers_cli.alertmanager.gotemplate import functions_for, parse
from receivers_cli.cli.app import app
from tests.helpers import render_repo
from tests.repos import make_repo
from tests.tools import amtool_check, require_tool

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "security" / "templates"
SLACK = {"name": "chat", "channel_type": "slack", "config": {"api_url": "https://hooks.slack.com/services/T/B/X"}}


def _write(root: Path, tenants: dict[str, dict[str, Any]]) -> Path:
    return make_repo(root, tenants, "alertmanager_version: '0.25'\n")


def _tenant(templates: dict[str, Any] | None = None, **metadata: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"metadata": {"name": "Acme", **metadata}, "receivers": [SLACK]}
    if templates is not None:
        body["templates"] = templates
    return body


def validate(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[dict[str, Any]]]:
    """`receivers validate --format json` in ``root``: exit code and problems."""
    monkeypatch.chdir(root)
    started = time.monotonic()
    result = CliRunner().invoke(app, ["validate", "--format", "json"])
    assert time.monotonic() - started < 20, "validate must not hang"
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "internal error" not in result.output.lower() and "Traceback" not in result.output
    problems = json.loads(result.output)["problems"] if result.output.strip().startswith("{") else []
    return result.exit_code, problems


def assert_refused(root: Path, monkeypatch: pytest.MonkeyPatch, rules: set[str], path: list[Any]) -> None:
    code, problems = validate(root, monkeypatch)
    assert code == 1, problems
    assert {p["rule"] for p in problems} <= rules and problems, problems
    assert any(p["path"][: len(path)] == path and p["line"] > 0 for p in problems), problems


def defines(text: str) -> list[str]:
    return [d.name for d in parse(text, functions_for((0, 25))).definitions if d.name]


# --- names -----------------------------------------------------------------------------------------


@pytest.mark.amtool
def test_a_tenant_id_ending_in_default_cannot_define_builtin_names(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "tenants").mkdir(parents=True)
    shutil.copy(FIXTURES / "slack.default.yaml", repo / "tenants")
    render_repo(repo / "tenants", None, tmp_path / "out", {}, version="0.25")
    text = (tmp_path / "out" / "templates" / "slack.default.tmpl").read_text()
    names = defines(text)
    assert names and all(n.startswith("slack.default/") for n in names), names
    assert "slack.default.title" not in names
    result = amtool_check(tmp_path / "out" / "alertmanager.yml")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("key", [{"default": {"username": "evil"}}, {"slack": {"username": "evil"}},
                                 {"webhook": {"text": "x"}}, {"nosuch": {"title": "x"}},
                                 {"slack": {"title.x": "x"}}])  # fmt: skip
def test_unknown_templates_keys_are_located_errors(
    key: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {"acme": _tenant(key)})
    channel = next(iter(key))
    assert_refused(tmp_path, monkeypatch, {"R151"}, ["acme", "templates", channel])


def test_the_default_key_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tenants").mkdir()
    shutil.copy(FIXTURES / "default-key.yaml", tmp_path / "tenants")
    assert_refused(tmp_path, monkeypatch, {"R151"}, ["default-key", "templates", "default"])


DEFINE_VARIANTS = [
    '{{ define "slack.default.title" }}x{{ end }}',
    '{{-define "x"}}a{{end}}',
    '{{- define "x" -}}a{{- end -}}',
    '{{  block "slack.default.title" . }}x{{ end }}',
    '{{block "acme/x" .}}x{{end}}',
    '{{ end }}{{ define "slack.default.title" }}pwned',
    '{{ de[# #]fine "slack.default.title" }}x{{ end }}',
    '{{ [% raw %]define[% endraw %] "x" }}x{{ end }}',
    "{{ [[ '' ]]define \"x\" }}x{{ end }}",
    '{{ de[%- if true %][% endif %]fine "x" }}x{{ end }}',
    '{{\ndefine "x"}}x{{end}}',
    '{{ end }}x',
    '{[[ "{" ]] define "x" }}y{{ end }}',
]


@pytest.mark.parametrize("text", DEFINE_VARIANTS)
def test_define_block_and_end_in_any_spelling_are_refused(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {"acme": _tenant({"slack": {"title": text}})})
    assert_refused(tmp_path, monkeypatch, {"R150"}, ["acme", "templates", "slack", "title"])


def test_the_comment_split_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tenants").mkdir()
    shutil.copy(FIXTURES / "comment-split.yaml", tmp_path / "tenants")
    assert_refused(tmp_path, monkeypatch, {"R150"}, ["comment-split", "templates", "slack", "title"])


@pytest.mark.parametrize("call", ['{{ template "globex/title" . }}', '{{ template "acme.eu/slack.title" . }}',
                                  '{{ template "acme.eu/title" . }}', "{{ template `globex/text` . }}",
                                  '{{ template "acme/nosuch" . }}', '{{ template "acme.title" . }}'])  # fmt: skip
def test_cross_tenant_and_unknown_template_calls_are_refused(
    call: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {"acme": _tenant({"slack": {"title": call}}), "acme.eu": _tenant(), "globex": _tenant()})
    assert_refused(tmp_path, monkeypatch, {"R150"}, ["acme", "templates", "slack", "title"])
    # the same call in a receiver's config
    receiver = {**SLACK, "config": {**SLACK["config"], "pretext": call}}
    _write(tmp_path, {"acme": {"metadata": {"name": "Acme"}, "receivers": [receiver]}})
    assert_refused(tmp_path, monkeypatch, {"R150"}, ["acme", "receivers", 0, "config", "pretext"])


# --- recursion and unbounded work ------------------------------------------------------------------


@pytest.mark.parametrize("templates", [
    {"slack": {"text": '{{ template "acme/slack.text" . }}'}},
    {"slack": {"text": '{{ .Status }}{{ template "acme/slack.text" (slice .Alerts 0) }}'}},
    {"slack": {"title": '{{ template "acme/slack.text" . }}', "text": '{{ template "acme/slack.title" . }}'}},
    {"slack": {"title": '{{ if .Status }}{{ template "acme/email.html" . }}{{ end }}',
               "text": '{{ template "acme/slack.title" . }}'},
     "email": {"html": '{{ range .Alerts }}{{ template "acme/slack.text" . }}{{ end }}'}},
    {"slack": {"text": '{{ range .Alerts }}{{ range .Alerts }}{{ range .Alerts }}x{{ end }}{{ end }}{{ end }}'}},
    {"slack": {"text": '{{ range .Alerts }}{{ template "__text_alert_list" . }}{{ end }}'}},
    {"slack": {"text": '{{ $x := "a" }}{{ range .Alerts }}{{ $x = printf "%s%s" $x $x }}{{ end }}{{ $x }}'}},
    {"slack": {"text": "x" * (70 * 1024)}},
])  # fmt: skip
def test_recursion_and_unbounded_templates_are_refused(
    templates: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = _tenant(templates)
    body["receivers"] = [SLACK, {"name": "mail", "channel_type": "email",
                                 "config": {"to": "a@example.com", "from": "b@example.com",
                                            "smarthost": "smtp.example.com:587"}}]  # fmt: skip
    _write(tmp_path, {"acme": body})
    assert_refused(tmp_path, monkeypatch, {"R152"}, ["acme", "templates"])


def test_the_recursion_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tenants").mkdir()
    shutil.copy(FIXTURES / "recursion.yaml", tmp_path / "tenants")
    assert_refused(tmp_path, monkeypatch, {"R152"}, ["recursion", "templates", "slack", "text"])


# --- Go syntax that would stop Alertmanager's reload -----------------------------------------------


@pytest.mark.parametrize("text", ["{{ if .Status }}", "{{ range .Alerts }}x", "{{ .Status", '{{ "open }}',
                                  "{{ nosuchfunc . }}", "{{ $undefined }}", "{{ /* c */ }}", "{{/* open",
                                  "{{ else }}", "{{ .A | 1 }}", "{{ break }}", "{{ date \"x\" .StartsAt }}",
                                  "[[ contact_team ]]{{ if }}{{ end }}"])  # fmt: skip
def test_go_syntax_errors_fail_the_tenant_with_a_location(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {"acme": _tenant({"slack": {"title": text}}, contact_team="ops{")})
    assert_refused(tmp_path, monkeypatch, {"R150"}, ["acme", "templates", "slack", "title"])


# --- Jinja: errors are problems, bombs are refused before they run ---------------------------------


@pytest.mark.parametrize("text", [
    "[[ 1/0 ]]", "[[ 1 // 0 ]]", "[[ 5 % 0 ]]", "[% include 'x' %]", "[% import 'x' as y %]", "[% extends 'x' %]",
    "[% macro m() %][[ m() ]][% endmacro %][[ m() ]]", "[[ 10**100000 ]]", "[[ 'x' * 4000000000 ]]",
    "[% for i in range(1000000000) %]x[% endfor %]", "[% set x = 1 %]", "[[ name.__class__ ]]",
    "[[ name.upper() ]]", "[[ nosuch ]]", "[[ lipsum() ]]", "[[ name | center(1000000000) ]]",
    "[[ name | replace('', name ~ name ~ name ~ name) | replace('', name ~ name ~ name ~ name) ]]",
    "[[ name | truncate(10000000000) ]]", "[% if %]", "[[ name ]", "[% filter upper %]x[% endfilter %]",
    "[[ (((((((((((((((((((((((((((((((((((((((((((((((((name))))))))))))))))))))))))))))))))))))))))))))))))) ]]"
    * 1, "[[ " + "(" * 5000 + "name" + ")" * 5000 + " ]]", "[[ name ~ name ]]" * 3000,
])  # fmt: skip
def test_jinja_errors_and_bombs_are_located_problems(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {"acme": _tenant({"slack": {"title": text}}, name="N" * 4000)})
    code, problems = validate(tmp_path, monkeypatch)
    if text.startswith("[[ ((((((((") and code == 0:
        return  # deep but legal parentheses: accepted, and that is fine
    assert code == 1, problems
    assert {p["rule"] for p in problems} <= {"R150", "R152"}, problems
    assert all(p["path"][:4] == ["acme", "templates", "slack", "title"] for p in problems), problems


# --- escaping: tenant data is literal text -----------------------------------------------------------


@pytest.mark.amtool
def test_tenant_data_with_braces_and_comment_ends_renders_verbatim(tmp_path: Path) -> None:
    (tmp_path / "tenants").mkdir()
    shutil.copy(FIXTURES / "contact-brace.yaml", tmp_path / "tenants")
    render_repo(tmp_path / "tenants", None, tmp_path / "out", {}, version="0.25")
    result = amtool_check(tmp_path / "out" / "alertmanager.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    out = amtool_render(tmp_path / "out" / "templates" / "*.tmpl", '{{ template "contact-brace/text" . }}')
    assert "Service: Acme */ Shop {{ end }} · tier standard · SLA }}99{{ · contact ops{" in out


def amtool_render(glob: Path, text: str) -> str:
    done = subprocess.run(
        [require_tool("amtool"), "template", "render", f"--template.glob={glob}", f"--template.text={text}"],
        capture_output=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.decode("utf-8", "surrogateescape")


# --- what the validator accepts, Alertmanager loads ----------------------------------------------------

ACCEPTED = [
    "[[ name | upper ]]: {{ .CommonLabels.alertname }}",
    "{{- if eq .Status \"firing\" -}} FIRING {{- else if .Alerts -}} other {{- else }}none{{ end -}}",
    "{{/* a comment */}}{{ range $i, $a := .Alerts }}{{ if $i }}, {{ end }}{{ $a.Labels.alertname }}"
    "{{ if gt $i 5 }}{{ break }}{{ end }}{{ end }}",
    "{{ range .Alerts }}{{ range .Labels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}{{ end }}",
    "{{ with .CommonAnnotations.summary }}{{ . | toUpper | printf \"%q\" }}{{ else }}-{{ end }}",
    '{{ template "acme/title" . }} {{ template "__subject" . }} {{ template "acme/slack.text" . }}',
    "[% if tier == 'premium' %]P[% elif sla_level %][[ sla_level ~ '!' ]][% else %]-[% endif %]"
    "[[ contact_team | default('nobody') | replace('o', '0') | truncate(20) ]]",
    "{{ `raw {{ string }}` }} {{ 'x' }} {{ 0x1F }} {{ 1.5e3 }} {{ -3 }} {{ \"\\u00e9\\t\" }} {{ nil | print }}",
    "{{ $n := len .Alerts }}{{ if and (gt $n 0) (lt $n 10) }}few{{ end }}{{ reReplaceAll \"a\" \"b\" .Status }}",
]


@pytest.mark.amtool
def test_every_config_the_validator_accepts_loads_in_amtool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tenants = {f"t{i}": _tenant({"slack": {"title": text}}, contact_team="ops{", sla_level="*/ }}")
               for i, text in enumerate(ACCEPTED)}  # fmt: skip
    for tenant_id, body in tenants.items():
        body["templates"]["slack"]["title"] = body["templates"]["slack"]["title"].replace("acme/", f"{tenant_id}/")
    _write(tmp_path, tenants)
    code, problems = validate(tmp_path, monkeypatch)
    assert code == 0, problems
    render_repo(tmp_path / "tenants", tmp_path / "receivers.yaml", tmp_path / "out", {})
    result = amtool_check(tmp_path / "out" / "alertmanager.yml")
    assert result.returncode == 0, result.stdout + result.stderr
