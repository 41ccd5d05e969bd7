"""receivers.yaml ``templates.files``: what is refused (R153, located) and what a render emits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from receivers_cli.api import load_project, validate_project
from receivers_cli.codes import R002, R015, R150, R152, R153
from receivers_cli.errors import Problem
from tests.helpers import render_repo
from tests.repos import make_repo

TENANT = {"metadata": {"name": "Acme"},
          "receivers": [{"name": "hook", "channel_type": "webhook", "config": {"url": "https://example.com/h"}}]}


def problems(root: Path, files: dict[str, str | bytes], entries: list[str], tenant: object = None) -> list[Problem]:
    make_repo(root, {"acme": tenant or TENANT}, {"templates": {"files": entries}})
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, "utf-8")
    project = load_project([root / "tenants"], root / "receivers.yaml")
    return validate_project(project)


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_a_clean_file_has_no_problem(tmp_path: Path) -> None:
    found = problems(tmp_path, {"t/a.tmpl": '{{ define "_platform/a" }}A {{ template "__subject" . }}{{ end }}\n'},
                     ["t/a.tmpl"])
    assert found == []


@pytest.mark.parametrize(("entry", "why"), [
    ("t/missing.tmpl", "does not exist"),
    ("t/*.gotmpl", "matches no file"),
    ("../outside.tmpl", "leaves the folder"),
    ("/etc/hostname", "leaves the folder"),
])
def test_a_path_that_names_no_file_of_the_repository_is_located_at_its_entry(
    tmp_path: Path, entry: str, why: str
) -> None:
    problem = only(problems(tmp_path / "repo", {}, [entry]))
    # receivers.yaml is written in block style: the entry is the first item of templates.files.
    assert (problem.rule, Path(problem.file).name, problem.line) == (R153, "receivers.yaml", 3)
    assert why in problem.message and entry in problem.message


def test_a_link_or_non_utf8_file_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (tmp_path / "elsewhere.tmpl").write_text('{{ define "_platform/x" }}x{{ end }}', "utf-8")
    root.mkdir()
    (root / "t").mkdir()
    os.symlink(tmp_path / "elsewhere.tmpl", root / "t" / "link.tmpl")
    found = problems(root, {"t/latin1.tmpl": b'{{ define "_platform/x" }}caf\xe9{{ end }}'},
                     ["t/link.tmpl", "t/latin1.tmpl"])
    assert sorted(p.rule for p in found) == [R002, R015]
    assert all(Path(p.file).name == "receivers.yaml" for p in found)


def test_a_glob_through_a_linked_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.tmpl").write_text('{{ define "_platform/x" }}x{{ end }}', "utf-8")
    root.mkdir()
    os.symlink(tmp_path / "outside", root / "t")
    problem = only(problems(root, {}, ["t/*.tmpl"]))
    assert problem.rule == R153 and "link" in problem.message


@pytest.mark.parametrize(("text", "line", "col", "why"), [
    ('\n{{ define "_platform/a" }}{{ if }}{{ end }}', 2, 33, "not a valid Go template"),
    ('{{ define "_platform/a" }}{{ nosuchfunc }}{{ end }}', 1, 30, "not a valid Go template"),
    ('{{ define "slack.default.title" }}ours{{ end }}', 1, 4, "redefines an Alertmanager built-in"),
    ('{{ define "__subject" }}ours{{ end }}', 1, 4, "redefines an Alertmanager built-in"),
    ('{{ define "acme/title" }}ours{{ end }}', 1, 4, "tenant acme's namespace"),
    ('{{ define "footer" }}x{{ end }}', 1, 4, "not in the platform's namespace"),
    ('{{ define "_platform/" }}x{{ end }}', 1, 4, "not in the platform's namespace"),
    ('{{ define "_global/x" }}x{{ end }}', 1, 4, "not in the platform's namespace"),
    ('{{ define "_platform/a" }}{{ template "acme/title" . }}{{ end }}', 1, 39, "belongs to tenant acme"),
    ('{{ define "_platform/a" }}{{ template "_platform/b" . }}{{ end }}', 1, 39, "is not defined"),
    ('{{ define "_platform/a" }}{{ template "_platform/a" . }}{{ end }}', 1, 4, "cycle"),
    ('{{ define "_platform/a" }}{{ range .Alerts }}{{ range .Labels.SortedPairs }}{{ range .Alerts }}'
     '{{ end }}{{ end }}{{ end }}{{ end }}', 1, 4, "nests {{ range }} 3 deep"),
])
def test_what_is_wrong_inside_a_file_is_located_there(
    tmp_path: Path, text: str, line: int, col: int, why: str
) -> None:
    problem = only(problems(tmp_path, {"t/a.tmpl": text}, ["t/a.tmpl"]))
    assert (problem.rule, Path(problem.file).as_posix().endswith("t/a.tmpl")) == (R153, True)
    assert why in problem.message
    assert (problem.line, problem.column) == (line, col)


def test_a_name_defined_in_two_files_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, {"t/a.tmpl": '{{ define "_platform/x" }}a{{ end }}',
                                "t/b.tmpl": '{{ define "_platform/x" }}b{{ end }}'}, ["t/*.tmpl"])
    problem = only(found)
    assert problem.file.endswith("b.tmpl") and "defined twice" in problem.message and "a.tmpl:1:4" in problem.message


def test_tenant_calls_are_checked_against_the_platform_names(tmp_path: Path) -> None:
    tenant = {**TENANT, "receivers": [{"name": "chat", "channel_type": "slack",
                                       "config": {"api_url": "https://hooks.slack.com/x",
                                                  "pretext": '{{ template "_platform/x" . }}'}}],
              "templates": {"slack": {"text": '{{ range .Alerts }}{{ template "_platform/wide" . }}{{ end }}',
                                      "title": '{{ template "_platform/nope" . }}'}}}
    wide = '{{ define "_platform/wide" }}{{ range .Alerts }}{{ range .Labels.SortedPairs }}{{ end }}{{ end }}{{ end }}'
    found = problems(tmp_path, {"t/a.tmpl": '{{ define "_platform/x" }}x{{ end }}' + wide}, ["t/a.tmpl"], tenant)
    assert sorted((p.rule, p.path[-1]) for p in found) == [(R150, "title"), (R152, "text")], [str(p) for p in found]


def test_a_platform_template_error_stops_every_render_even_with_skip(tmp_path: Path) -> None:
    from receivers_cli.api import render_project, validated
    from receivers_cli.errors import ProblemsError

    make_repo(tmp_path, {"acme": TENANT}, {"templates": {"files": ["t/a.tmpl"]}})
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.tmpl").write_text("{{ if }}", "utf-8")
    project = validated(load_project([tmp_path / "tenants"], tmp_path / "receivers.yaml"))
    with pytest.raises(ProblemsError) as caught:
        render_project(project, env={}, on_tenant_error="skip")
    assert {p.rule for p in caught.value.problems} == {R153}


def test_render_emits_one_platform_file_that_the_glob_loads(tmp_path: Path) -> None:
    make_repo(tmp_path, {"acme": TENANT}, {"templates": {"files": ["t/b.tmpl", "t/a.tmpl"]}})
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.tmpl").write_text('{{ define "_platform/a" }}A{{ end }}', "utf-8")  # no final newline
    (tmp_path / "t" / "b.tmpl").write_bytes(b'{{ define "_platform/b" }}B\r\n{{ end }}\r\n')
    out = tmp_path / "out"
    render_repo(tmp_path / "tenants", tmp_path / "receivers.yaml", out, {})
    emitted = (out / "templates" / "_platform.tmpl").read_bytes()
    b_at = emitted.index(b'{{ define "_platform/b" }}B\r\n{{ end }}\r\n')  # CRLF kept: byte for byte
    assert b_at < emitted.index(b'{{ define "_platform/a" }}A'), "files keep their order in receivers.yaml"
    assert emitted.endswith(b"\n")
    again = tmp_path / "again"
    render_repo(tmp_path / "tenants", tmp_path / "receivers.yaml", again, {})
    assert (again / "templates" / "_platform.tmpl").read_bytes() == emitted, "deterministic"


def test_a_long_chain_of_platform_calls_is_measured_without_recursion(tmp_path: Path) -> None:
    # 3000 defines, each calling the previous one: deeper than Python's recursion limit.
    chain = ['{{ define "_platform/p0" }}{{ range .Alerts }}x{{ end }}{{ end }}\n']
    chain += [f'{{{{ define "_platform/p{i}" }}}}{{{{ template "_platform/p{i - 1}" . }}}}{{{{ end }}}}\n'
              for i in range(1, 3000)]
    tenant = {**TENANT, "receivers": [{"name": "chat", "channel_type": "slack",
                                       "config": {"api_url": "https://hooks.slack.com/x"}}],
              "templates": {"slack": {"text": '{{ range .Alerts }}{{ range .Labels.SortedPairs }}'
                                              '{{ template "_platform/p2999" $ }}{{ end }}{{ end }}'}}}
    problem = only(problems(tmp_path, {"t/chain.tmpl": "".join(chain)}, ["t/chain.tmpl"], tenant))
    # The range at the chain's far end counts: 2 ranges of the tenant + 1 of p0.
    assert problem.rule == R152 and "3 deep" in problem.message


@pytest.mark.parametrize(("text", "why"), [
    ("{{ .Alerts.0.Annotations.summary }}", "not a valid Go template"),  # Alertmanager fails every message
    ('{{ template "acme/title" . }}', "acme/title"),  # a tenant's part run in the platform's receiver
    ("{{ .Status | nosuchfunction }}", "nosuchfunction"),
])
def test_template_text_in_a_platform_receiver_is_checked_as_the_templates_are(
    tmp_path: Path, text: str, why: str
) -> None:
    root = tmp_path / "repo"
    make_repo(root, {"acme": TENANT}, {"receivers": [{"name": "ops", "channel_type": "slack", "config": {
        "api_url": "https://hooks.slack.com/services/T/B/X", "channel": "#ops", "text": text}}],
        "default_receiver": "ops"})
    problem = only(validate_project(load_project([root / "tenants"], root / "receivers.yaml")))
    assert problem.rule == R153 and why in problem.message and Path(problem.file).name == "receivers.yaml"
    assert problem.path == ("receivers", 0, "config", "text")


def test_a_platform_receiver_may_call_platform_defines_and_built_ins(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    make_repo(root, {"acme": TENANT}, {"templates": {"files": ["t/a.tmpl"]}, "receivers": [
        {"name": "ops", "channel_type": "slack", "config": {
            "api_url": "https://hooks.slack.com/services/T/B/X", "channel": "#ops",
            "text": '{{ template "_platform/a" . }} {{ template "slack.default.text" . }}'}}],
        "default_receiver": "ops"})
    (root / "t").mkdir()
    (root / "t" / "a.tmpl").write_text('{{ define "_platform/a" }}A{{ end }}', "utf-8")
    assert validate_project(load_project([root / "tenants"], root / "receivers.yaml")) == []
