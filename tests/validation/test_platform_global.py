"""The platform file's ``global:`` section is checked field by field against the target version."""

from __future__ import annotations

from pathlib import Path

import pytest

from receivers_cli.api import load_project, validate_project
from receivers_cli.errors import Severity
from receivers_cli.validation.levels import ValidationLevel
from tests.helpers import ROOT
from tests.repos import make_repo


def _problems(tmp_path: Path, platform: str) -> list[str]:
    (tmp_path / "receivers.yaml").write_text(platform)
    project = load_project([ROOT / "tenants" / "spotify-premium.yaml"], tmp_path / "receivers.yaml")
    return [f"{p.line}:{p.rule} {p.message}" for p in validate_project(project, ValidationLevel.STANDARD)]


@pytest.mark.parametrize(
    ("version", "field", "value", "expected"),
    [
        ("0.25", "slack_app_token", "xoxb-1", "3:R201 field 'slack_app_token' needs Alertmanager >= 0.30"),
        ("0.27", "jira_api_url", "https://jira.example.com", "3:R201 field 'jira_api_url' needs Alertmanager >= 0.28"),
        ("0.30", "telegram_bot_token", "1:x", "3:R201 field 'telegram_bot_token' needs Alertmanager >= 0.31"),
        ("0.34", "smtp_smarthst", "a:25", "3:R101 unknown field 'smtp_smarthst' in global"),
        ("0.34", "resolve_timeout", "5 minutes", "3:R106 'resolve_timeout': '5 minutes' is not a duration"),
        ("0.34", "slack_api_url", "hooks.slack.com/x", "3:R105 'slack_api_url': is not an http(s) URL"),
    ],
)
def test_global_fields_are_checked(tmp_path: Path, version: str, field: str, value: str, expected: str) -> None:
    problems = _problems(tmp_path, f'alertmanager_version: "{version}"\nglobal:\n  {field}: "{value}"\n')
    assert any(p.startswith(expected) for p in problems), problems


def test_known_global_fields_at_their_version_pass(tmp_path: Path) -> None:
    platform = 'alertmanager_version: "0.25"\nglobal:\n  resolve_timeout: 5m\n  smtp_smarthost: "a:25"\n' \
               '  smtp_auth_password: "${SMTP_PASSWORD}"\n  webex_api_url: "https://webexapis.com/v1/messages"\n' \
               'variables: {tenants: {spotify-premium: [PD_INTEGRATION_PREMIUM_CRITICAL]}}\n'
    assert _problems(tmp_path, platform) == []


def test_time_interval_location_needs_025(tmp_path: Path) -> None:
    make_repo(tmp_path, {"acme": (
        "acme:\n  metadata: {name: Acme}\n  time_intervals:\n    - name: n\n      time_intervals:\n"
        "        - {location: Europe/Berlin}\n"
    )})
    project = load_project([tmp_path / "tenants"], None, alertmanager_version="0.24")
    (problem,) = [p for p in validate_project(project, ValidationLevel.STANDARD) if p.severity is Severity.ERROR]
    assert problem.rule == "R133" and problem.line == 6 and "needs Alertmanager >= 0.25" in problem.message
