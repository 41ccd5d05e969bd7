"""``receivers integrations list``: the integration catalog, as a table or as JSON (a contract)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Any

import typer

app = typer.Typer(help="The integration catalog: channel types and what they emit.", no_args_is_help=True)


def entries() -> list[dict[str, Any]]:
    """One entry per channel type: the contract of ``integrations list --format json``."""
    from receivers_cli.alertmanager.versions import format_version
    from receivers_cli.integrations import catalog

    found: list[dict[str, Any]] = []
    for channel_type, integration in catalog().items():
        found.append(
            {
                "channel_type": channel_type,
                "native": integration.native,
                "min_version": format_version(integration.since),
                "secret_fields": [".".join(p) for p in integration.secret_paths()],
                "example": dict(integration.example),
                "summary": integration.summary,
                "docs_url": integration.docs_url,
            }
        )
    return found


class ListFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("list")
def list_integrations(
    format_: ListFormat = typer.Option(ListFormat.table, "--format", help="table or json."),
) -> None:
    """List every channel type: the native *_configs it emits, its minimum version, secrets, an example."""
    found = entries()
    if format_ is ListFormat.json:
        sys.stdout.write(json.dumps(found, indent=2) + "\n")
        return
    width = max(len("CHANNEL_TYPE"), *(len(e["channel_type"]) for e in found))
    native_width = max(len(e["native"]) for e in found)
    lines = [f"{'CHANNEL_TYPE':<{width}}  {'NATIVE':<{native_width}}  MIN   SUMMARY"]
    lines += [
        f"{e['channel_type']:<{width}}  {e['native']:<{native_width}}  {e['min_version']:<5} {e['summary']}"
        for e in found
    ]
    sys.stdout.write("\n".join(lines) + "\n")
