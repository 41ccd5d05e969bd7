"""Shared pieces of the vendor integrations that emit ``webhook_configs``.

Not an integration itself (it is not listed in ``MODULES``): vendors without a native Alertmanager
receiver take their own friendly fields, and their ``translate`` function turns those into a native
webhook config with :func:`webhook_config`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from receivers_cli.integrations.vocabulary import Field

# Native webhook fields a vendor config may still set directly.
WEBHOOK_OPTIONS: tuple[Field, ...] = (
    Field("max_alerts", "int", unsigned=True, doc="Alerts per message; 0 means all."),
    Field("timeout", "go_duration", since=(0, 28)),
)

# The keys of a native webhook config, in the order we emit them.
_WEBHOOK_KEYS = ("url", "send_resolved", "http_config", "max_alerts", "timeout", "payload")


def webhook_config(config: dict[str, Any], url: str, **extra: Any) -> dict[str, Any]:
    """A native webhook config: ``url``, then the native options found in ``config`` and ``extra``."""
    merged = {**{k: v for k, v in config.items() if k in _WEBHOOK_KEYS}, **extra, "url": url}
    return {key: merged[key] for key in _WEBHOOK_KEYS if key in merged}


def with_query(url: str, **params: str) -> str:
    """``url`` with the given query parameters set (replacing any of the same name)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query.extend(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def with_basic_auth(config: dict[str, Any], username: Any, password: Any) -> dict[str, Any]:
    """The config's ``http_config`` (or a new one) with ``basic_auth`` set."""
    http_config = dict(config.get("http_config") or {})
    http_config["basic_auth"] = {"username": username, "password": password}
    return http_config
