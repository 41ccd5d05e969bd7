"""``receivers import`` carries the config's own Go template files as platform templates.

The judge is the real amtool: the original config's template files and field texts render, with
``amtool template render``, exactly what the import's rendered templates and fields render."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from receivers_cli.loading.yaml_source import load_text
from tests.helpers import FIXTURES
from tests.judges import judge_for

SOURCE = FIXTURES / "import" / "with-templates"
DEFAULT_TMPL = Path("/usr/share/prometheus/alertmanager/default.tmpl")


def _import(tmp_path: Path, source: Path, *extra: str) -> tuple[int, str, dict[str, Any]]:
    result = CliRunner().invoke(app, ["import", str(source), "--tenant", "acme", "--tenants", str(tmp_path / "tenants"),
                                      "--config", str(tmp_path / "receivers.yaml"), "--format", "json", *extra])
    report = json.loads(result.stdout[result.stdout.index("{"):]) if result.exit_code == 0 else {}
    return result.exit_code, result.output, report


def _render(tmp_path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["render", "--tenants", str(tmp_path / "tenants"), "--config",
                                      str(tmp_path / "receivers.yaml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = load_text((tmp_path / "out" / "alertmanager.yml").read_text(), "rendered").data
    return data


def _configs(config: dict[str, Any], receiver: str, key: str) -> dict[str, Any]:
    found, = (r for r in config["receivers"] if r["name"] == receiver and key in r)
    first: dict[str, Any] = found[key][0]
    return first


def _amtool_render(globs: list[str], text: str, data: Path) -> str:
    judge = judge_for((0, 25))
    done = subprocess.run(judge.amtool_cmd("template", "render", f"--template.glob={DEFAULT_TMPL}",
                                           *(f"--template.glob={g}" for g in globs),
                                           f"--template.data={data}", f"--template.text={text}"),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.alertmanager
def test_template_files_are_carried_and_render_the_original_text(tmp_path: Path) -> None:
    judge = judge_for((0, 25))
    if not DEFAULT_TMPL.is_file():
        pytest.skip(f"{DEFAULT_TMPL} is missing (Debian's prometheus-alertmanager installs it)")
    code, output, report = _import(tmp_path, SOURCE / "alertmanager.yml", "--amtool", judge.amtool,
                                   "--alertmanager-version", "0.25")
    assert code == 0, output
    assert report["checked"]["amtool_label_sets"] > 0
    platform = load_text((tmp_path / "receivers.yaml").read_text(), "p").data
    assert platform["templates"] == {"files": ["templates/chat.tmpl", "templates/mail.tmpl"]}
    assert "redefine built-in slack.default.title" in output
    rendered = _render(tmp_path)
    source = load_text((SOURCE / "alertmanager.yml").read_text(), "s").data
    data = tmp_path / "data.json"
    data.write_text(json.dumps({
        "receiver": "x", "status": "firing", "externalURL": "http://am",
        "alerts": [{"status": "firing", "labels": {"alertname": "DiskFull", "severity": "critical"},
                    "annotations": {"summary": "disk 97% full"}, "startsAt": "2026-01-01T00:00:00Z",
                    "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": "1"}],
        "groupLabels": {"alertname": "DiskFull"}, "commonLabels": {"alertname": "DiskFull"},
        "commonAnnotations": {"summary": "disk 97% full"},
    }), "utf-8")
    original_globs = [str(SOURCE / "templates" / "*.tmpl")]
    ours = [str(tmp_path / "out" / "templates" / "*.tmpl")]
    slack_then = _configs(source, "chat", "slack_configs")
    slack_now = _configs(rendered, "acme/chat", "slack_configs")
    mail_then = _configs(source, "pager", "email_configs")
    mail_now = _configs(rendered, "acme/pager-2", "email_configs")
    pairs = [
        (slack_then["text"], slack_now["text"]),
        ('{{ template "slack.default.title" . }}', slack_now["title"]),  # the default the file redefines
        (mail_then["html"], mail_now["html"]),
        (mail_then["headers"]["subject"], mail_now["headers"]["subject"]),
    ]
    for then, now in pairs:
        expected = _amtool_render(original_globs, then, data)
        assert "DiskFull" in expected
        assert _amtool_render(ours, now, data) == expected, (then, now)


def _source(tmp_path: Path, config: str, templates: dict[str, str]) -> Path:
    folder = tmp_path / "src"
    (folder / "tmpl").mkdir(parents=True)
    for name, text in templates.items():
        (folder / "tmpl" / name).write_text(text, "utf-8")
    (folder / "alertmanager.yml").write_text(config, "utf-8")
    return folder / "alertmanager.yml"


CONFIG = """\
templates: [{glob}]
route: {{receiver: chat}}
receivers:
  - name: chat
    webhook_configs: [{{url: "http://hooks.example.org/x"}}]
    slack_configs: [{{api_url: "https://hooks.slack.com/services/A/B/C", channel: "#x", text: '{text}'}}]
"""


def test_a_call_no_found_file_defines_is_refused_at_the_receiver(tmp_path: Path) -> None:
    source = _source(tmp_path, CONFIG.format(glob="tmpl/*.tmpl", text='{{ template "missing" . }}'),
                     {"a.tmpl": '{{ define "other" }}x{{ end }}'})
    code, output, _ = _import(tmp_path, source, "--amtool", "none")
    assert code == 1
    assert "alertmanager.yml:6:" in output and "I002" in output and "'missing'" in output
    assert not (tmp_path / "receivers.yaml").exists() and not (tmp_path / "templates").exists()


def test_an_absolute_glob_is_read_beside_the_config_with_a_warning(tmp_path: Path) -> None:
    source = _source(tmp_path, CONFIG.format(glob="/nonexistent/receivers-test/tmpl/*.tmpl",
                                             text='{{ template "chat.text" . }}'),
                     {"a.tmpl": '{{ define "chat.text" }}{{ .Status }}{{ end }}'})
    code, output, report = _import(tmp_path, source, "--amtool", "none")
    assert code == 0, output
    assert "read as 'tmpl/*.tmpl' beside the config" in output
    assert (tmp_path / "templates" / "a.tmpl").read_text() == '{{ define "_platform/chat.text" }}{{ .Status }}{{ end }}'
    assert any("templates/a.tmpl" in f for f in report["files"])


def test_a_template_file_the_parser_refuses_is_located_in_that_file(tmp_path: Path) -> None:
    source = _source(tmp_path, CONFIG.format(glob="tmpl/*.tmpl", text='{{ template "chat.text" . }}'),
                     {"bad.tmpl": '{{ define "chat.text" }}\n{{ if .Status }}open{{ end }'})
    code, output, _ = _import(tmp_path, source, "--amtool", "none")
    assert code == 1
    assert "tmpl/bad.tmpl:2:" in output and "I002" in output
    assert not (tmp_path / "receivers.yaml").exists()


def test_same_file_names_from_two_globs_do_not_collide(tmp_path: Path) -> None:
    source = _source(tmp_path, CONFIG.format(glob="tmpl/*.tmpl, more/*.tmpl", text='{{ template "b" . }}'),
                     {"x.tmpl": '{{ define "a" }}A{{ end }}'})
    (source.parent / "more").mkdir()
    (source.parent / "more" / "x.tmpl").write_text('{{ define "b" }}{{ template "a" . }}B{{ end }}', "utf-8")
    code, output, _ = _import(tmp_path, source, "--amtool", "none")
    assert code == 0, output
    assert (tmp_path / "templates" / "x.tmpl").read_text() == '{{ define "_platform/a" }}A{{ end }}'
    assert (tmp_path / "templates" / "x-2.tmpl").read_text() == \
        '{{ define "_platform/b" }}{{ template "_platform/a" . }}B{{ end }}'


def test_existing_template_files_are_not_overwritten(tmp_path: Path) -> None:
    source = _source(tmp_path, CONFIG.format(glob="tmpl/*.tmpl", text='{{ template "a" . }}'),
                     {"x.tmpl": '{{ define "a" }}A{{ end }}'})
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.tmpl").write_text("ours", "utf-8")
    code, output, _ = _import(tmp_path, source, "--amtool", "none")
    assert code == 1 and "I005" in output
    assert (tmp_path / "templates" / "x.tmpl").read_text() == "ours"
    assert not (tmp_path / "receivers.yaml").exists()


@pytest.mark.parametrize("force", [False, True])
def test_the_source_templates_are_never_replaced_by_their_copies(tmp_path: Path, force: bool) -> None:
    """The usual repository: alertmanager.yml with templates/ beside it, imported in place."""
    (tmp_path / "templates").mkdir()
    original = '{{ define "a" }}A{{ end }}'
    (tmp_path / "templates" / "x.tmpl").write_text(original, "utf-8")
    source = tmp_path / "alertmanager.yml"
    source.write_text(CONFIG.format(glob="/etc/alertmanager/templates/*.tmpl", text='{{ template "a" . }}'))
    code, output, _ = _import(tmp_path, source, "--amtool", "none", *(["--force"] if force else []))
    assert code == 0, output
    assert (tmp_path / "templates" / "x.tmpl").read_text() == original
    assert (tmp_path / "platform-templates" / "x.tmpl").read_text() == '{{ define "_platform/a" }}A{{ end }}'
    platform = load_text((tmp_path / "receivers.yaml").read_text(), "p").data
    assert platform["templates"] == {"files": ["platform-templates/x.tmpl"]}


def test_a_field_written_with_no_value_keeps_go_zero_value_not_the_redefined_default(tmp_path: Path) -> None:
    config = """\
templates: [tmpl/*.tmpl]
route: {receiver: chat}
receivers:
  - name: chat
    slack_configs:
      - api_url: https://hooks.slack.com/services/A/B/C
        channel: "#x"
        title:
"""
    source = _source(tmp_path, config, {"a.tmpl": '{{ define "slack.default.title" }}ours{{ end }}'})
    code, output, _ = _import(tmp_path, source, "--amtool", "none")
    assert code == 0, output
    tenant = load_text((tmp_path / "tenants" / "acme.yaml").read_text(), "t").data
    chat, = tenant["acme"]["receivers"]
    assert "_platform/slack.default.title" not in json.dumps(chat)
