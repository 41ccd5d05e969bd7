"""``manifest.json``: the audit record of one render. Hashes and key ids, never a value."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from receivers_cli import __version__
from receivers_cli.alertmanager.versions import Version, format_version


@dataclass(frozen=True)
class Input:
    file: str
    sha256: str
    tenant: str | None = None  # None for the platform file


def manifest_json(
    version: Version,
    inputs: Sequence[Input],
    outputs: Mapping[str, str],
    key_ids: Mapping[str, set[str]],
    secret_files: Sequence[str] = (),
) -> str:
    """Tool and target version, each input with its sha256 (and, for a tenant, the key ids that
    decrypted its values), each output file's sha256; secret files by name only."""
    records: list[dict[str, object]] = []
    for item in sorted(inputs, key=lambda i: i.file):
        record: dict[str, object] = {"file": item.file}
        if item.tenant is not None:
            record["tenant"] = item.tenant
        record["sha256"] = item.sha256
        if item.tenant is not None:
            record["key_ids"] = sorted(key_ids.get(item.tenant, ()))
        records.append(record)
    manifest: dict[str, object] = {
        "tool": "receivers-cli",
        "tool_version": __version__,
        "alertmanager_version": format_version(version),
        "inputs": records,
        "outputs": {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in sorted(outputs.items())},
    }
    if secret_files:  # names only: a hash of a short secret could be brute-forced
        manifest["secret_files"] = list(secret_files)
    return json.dumps(manifest, indent=2) + "\n"
