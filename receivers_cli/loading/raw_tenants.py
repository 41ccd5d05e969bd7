"""Walking raw (not yet validated) tenant data: the receivers of each body, whatever else is wrong.

Checks that run before or beside the models (the schema, secret redaction, secret discovery) see
documents that may be malformed anywhere; this is the one place that decides what counts as a
receiver there: a mapping in a ``receivers:`` list of a mapping body. Everything else is skipped,
for the structure check to report.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def body_receivers(body: Any) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """(index, receiver) of each receiver mapping in one body (a tenant's, or the platform file)."""
    receivers = body.get("receivers") if isinstance(body, Mapping) else None
    for index, receiver in enumerate(receivers if isinstance(receivers, list) else []):
        if isinstance(receiver, Mapping):
            yield index, receiver


def tenant_receivers(document: Any) -> Iterator[tuple[Any, int, Mapping[str, Any]]]:
    """(tenant key, index, receiver) of each receiver in ``{tenant_id: {receivers: [...]}}``."""
    if not isinstance(document, Mapping):
        return
    for tenant, body in document.items():
        for index, receiver in body_receivers(body):
            yield tenant, index, receiver
