"""Paths and values the tests share, and rendering a fixture repository through the public API."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from receivers_cli.api import Rendered, load_project, render_project, validated
from receivers_cli.render.output import write_output
from receivers_cli.validation.levels import ValidationLevel

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

# Values for every ${VAR} the demo tenants (tenants/) and the platform file use.
DEMO_ENV = {
    "PD_INTEGRATION_PREMIUM_CRITICAL": "0123456789abcdef0123456789abcdef",
    "CHECKOUT_SLACK_WEBHOOK": "https://hooks.slack.com/services/T000/B000/XXXX",
    "CHECKOUT_PD_KEY": "fedcba9876543210fedcba9876543210",
    "CHECKOUT_TICKET_HOOK": "https://tickets.example.com/hook",
    "SEARCH_TELEGRAM_TOKEN": "123456:ABCDEF",
    "PAYMENTS_OPSGENIE_KEY": "00000000-0000-0000-0000-000000000000",
    "PAYMENTS_DISCORD_WEBHOOK": "https://discord.com/api/webhooks/1/abc",
}


def render_repo(
    tenants: Path, config: Path | None, out: Path, env: Mapping[str, str], version: str | None = None
) -> Rendered:
    project = load_project([tenants], config, alertmanager_version=version)
    project = validated(project, ValidationLevel.STANDARD)
    rendered = render_project(project, env=env)
    write_output(rendered.files, out)
    return rendered
