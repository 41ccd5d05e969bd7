"""Per-channel default templates: emitted for the channels a tenant uses, wired, valid for amtool."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import render_repo
from tests.repos import load_config, make_repo
from tests.tools import amtool_check

RECEIVERS: list[dict[str, Any]] = [
    {"name": "chat", "channel_type": "slack", "config": {"api_url": "https://hooks.slack.com/services/T/B/X"}},
    {"name": "tg", "channel_type": "telegram", "config": {"bot_token": "1:abc", "chat_id": -100}},
    {"name": "dc", "channel_type": "discord", "config": {"webhook_url": "https://discord.com/api/webhooks/1/a"}},
    {"name": "mail", "channel_type": "email",
     "config": {"to": "a@example.com", "from": "b@example.com", "smarthost": "smtp.example.com:587"}},
    {"name": "hook", "channel_type": "webhook", "config": {"url": "https://example.com/hook"}},
]  # fmt: skip


def _render(tmp_path: Path, receivers: list[dict[str, Any]], version: str = "0.25", **extra: Any) -> Path:
    tenant = {"metadata": {"name": "Acme <Shop>", "sla_level": "99.9%"}, "receivers": receivers, **extra}
    make_repo(tmp_path, {"acme": tenant}, {"alertmanager_version": version})
    render_repo(tmp_path / "tenants", tmp_path / "receivers.yaml", tmp_path / "out", {}, version=version)
    return tmp_path / "out"


def _receiver(out: Path, name: str) -> dict[str, Any]:
    config = load_config(out)
    receiver: dict[str, Any] = next(r for r in config["receivers"] if r["name"] == f"acme/{name}")
    return receiver


def test_channel_defaults_are_defined_and_wired_and_amtool_accepts_them(tmp_path: Path) -> None:
    out = _render(tmp_path, RECEIVERS)
    text = (out / "templates" / "acme.tmpl").read_text()
    for define in ("acme/title", "acme/text", "acme/slack.title", "acme/slack.text", "acme/telegram.text",
                   "acme/discord.title", "acme/discord.text", "acme/email.subject", "acme/email.html"):
        assert f'{{{{ define "{define}" }}}}' in text, define
    assert "acme/msteams." not in text  # only for the channel types the tenant uses
    # the tenant name is HTML-escaped where the markup is HTML (telegram, email)
    assert "] Acme &lt;Shop&gt;: {{ .CommonLabels.alertname }}</b>" in text
    assert _receiver(out, "chat")["slack_configs"][0]["text"] == '{{ template "acme/slack.text" . }}'
    assert _receiver(out, "tg")["telegram_configs"][0]["message"] == '{{ template "acme/telegram.text" . }}'
    mail = _receiver(out, "mail")["email_configs"][0]
    assert mail["headers"] == {"Subject": '{{ template "acme/email.subject" . }}'}
    assert mail["html"] == '{{ template "acme/email.html" . }}'
    assert mail["text"] == '{{ template "acme/text" . }}'
    result = amtool_check(out / "alertmanager.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_tenant_override_replaces_the_channel_default_and_own_fields_win(tmp_path: Path) -> None:
    receivers = [dict(RECEIVERS[0]), {**RECEIVERS[3], "config": {**RECEIVERS[3]["config"],
                                                                 "headers": {"subject": "mine"}}}]
    out = _render(tmp_path, receivers, templates={"slack": {"title": "[[ name ]]: {{ .CommonLabels.alertname }}"}})
    text = (out / "templates" / "acme.tmpl").read_text()
    assert text.count('define "acme/slack.title"') == 1
    assert '{{ define "acme/slack.title" }}Acme <Shop>: {{ .CommonLabels.alertname }}{{ end }}' in text
    assert _receiver(out, "mail")["email_configs"][0]["headers"] == {"subject": "mine"}
    assert amtool_check(out / "alertmanager.yml").returncode == 0


def test_zendesk_ticket_uses_the_tenant_templates(tmp_path: Path) -> None:
    config = {"subdomain": "acme", "email": "a@example.com", "api_token": "t"}
    out = _render(tmp_path, [{"name": "zd", "channel_type": "zendesk", "config": config}], version="0.32")
    ticket = _receiver(out, "zd")["webhook_configs"][0]["payload"]["ticket"]
    assert ticket["subject"] == '{{ template "acme/title" . }}'
    assert ticket["comment"]["body"] == '{{ template "acme/text" . }}'


def test_template_problems_are_located_not_tracebacks(tmp_path: Path) -> None:
    import pytest

    from receivers_cli.errors import ProblemsError

    receivers = [{**RECEIVERS[0], "config": {**RECEIVERS[0]["config"], "pretext": '{{ template "globex/title" . }}'}}]
    templates = {"slack": {"title": '{{ define "slack.default.title" }}x{{ end }}', "text": "[% if name %]"}}
    with pytest.raises(ProblemsError) as caught:
        _render(tmp_path, receivers, templates=templates)
    found = [(p.rule, p.line > 0, p.path[1:]) for p in caught.value.problems]
    assert found == [
        ("R150", True, ("receivers", 0, "config", "pretext")),
        ("R150", True, ("templates", "slack", "title")),
        ("R150", True, ("templates", "slack", "text")),
    ]
