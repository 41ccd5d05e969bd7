"""Which receivers get critical alerts (shared by the strict rules about paging)."""

from __future__ import annotations

from receivers_cli import integrations
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import Receiver

# Each integration module says whether it pages (``Integration.pages``).
PAGING = frozenset(channel for channel, integration in integrations.catalog().items() if integration.pages)


def top_severity(platform: Platform) -> str:
    """The most severe rung: ``critical`` on the default ladder."""
    return platform.severities[-1]


def receives_top(receiver: Receiver, platform: Platform) -> bool:
    """Whether an enabled receiver is sent alerts of the top severity (with or without extra matchers)."""
    if not receiver.enabled:
        return False
    ladder = platform.severities
    return receiver.min_severity is None or receiver.min_severity in ladder
