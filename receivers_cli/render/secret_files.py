"""``render --secrets-dir``: move every secret value of the native config into its own file.

A post-build transform on the native config dict: for each receiver's ``*_configs`` entry, every
secret field (per the catalog entry of that native integration, ``http_config`` credentials
included) is replaced by its native ``<name>_file`` field, holding the absolute path of a file
that contains the value. Where the target version has no such field the render fails, naming the
receiver's file:line, the field and the version needed.

File names are deterministic (``<tenant>__<receiver>__<field.path>``) so a re-render with the
same values changes nothing; the values travel as :class:`Secret` until they are written
(0600 files in a 0700 folder, swapped in as a whole).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from receivers_cli import integrations
from receivers_cli.alertmanager.versions import Version, format_version
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.integrations.base import Field, Integration
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.render.output import publish
from receivers_cli.secrets.redact import Secret

RULE = "S110"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")

# Where each receiver came from: native receiver name → (document, path of the receiver).
Sources = Mapping[str, tuple[SourceDocument, DataPath]]


def _native_integrations() -> dict[str, Integration]:
    """``*_configs`` key → the integration that emits it natively (no vendor translation)."""
    found: dict[str, Integration] = {}
    for integration in integrations.catalog().values():
        if integration.translate is None:
            found.setdefault(integration.native, integration)
    return found


def _file_field(field_path: tuple[str, ...], spec: Field, version: Version) -> tuple[str | None, Version | None]:
    """(native ``*_file`` name or None, version that added it or None when no version has it)."""
    name = f"{spec.name}_file"
    if field_path[0] == "http_config":
        # Prometheus common HTTP client: password_file, credentials_file, client_secret_file,
        # bearer_token_file, tls key_file are older than every supported version. Only the
        # inline tls ``key`` maps onto ``key_file``.
        return name, None
    if spec.file_since is None:
        return None, None
    return (name, spec.file_since) if version >= spec.file_since else (None, spec.file_since)


def _spec(integration: Integration, path: tuple[str, ...]) -> Field | None:
    fields = integration.all_fields()
    spec: Field | None = None
    for part in path:
        spec = next((f for f in fields if f.name == part), None)
        if spec is None:
            return None
        fields = spec.fields
    return spec


def file_name(receiver: str, field_path: tuple[str, ...]) -> str:
    """``<tenant>__<receiver>__<field.path>`` with anything unsafe for a file name replaced."""
    owner, _, name = receiver.partition("/")
    return "__".join(_UNSAFE.sub("_", part) for part in (owner, name, ".".join(field_path)))


def externalize(
    config: dict[str, Any], version: Version, secrets_dir: Path, sources: Sources
) -> dict[str, Secret]:
    """Rewrite ``config`` in place to reference secret files; return file name → value.

    Raises :class:`ProblemsError` (nothing written) when a secret field has no ``*_file``
    variant at ``version``.
    """
    secrets_dir = secrets_dir.absolute()
    natives = _native_integrations()
    files: dict[str, Secret] = {}
    problems: list[Problem] = []
    receivers = copy.deepcopy(config.get("receivers", []))  # config untouched when this fails
    for receiver in receivers:
        name = str(receiver.get("name", ""))
        for key, entries in receiver.items():
            integration = natives.get(key)
            if integration is None or not isinstance(entries, list):
                continue
            for entry in entries:
                for path in integration.secret_paths():
                    parent = _parent(entry, path)
                    if parent is None or not isinstance(parent.get(path[-1]), str):
                        continue
                    spec = _spec(integration, path)
                    target, since = _file_field(path, spec, version) if spec else (None, None)
                    if target is None:
                        problems.append(_problem(sources, name, integration, path, since, version))
                        continue
                    fname = file_name(name, path)
                    while fname in files:
                        fname += "_"
                    files[fname] = Secret(parent.pop(path[-1]))
                    parent[target] = str(secrets_dir / fname)
    if problems:
        raise ProblemsError(sorted(problems))
    if receivers:
        config["receivers"] = receivers
    return files


def _parent(entry: Any, path: tuple[str, ...]) -> dict[str, Any] | None:
    node = entry
    for part in path[:-1]:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node if isinstance(node, dict) else None


def _problem(
    sources: Sources, receiver: str, integration: Integration, path: tuple[str, ...], since: Version | None,
    version: Version,
) -> Problem:
    field = f"{integration.channel_type} {'.'.join(path)}_file"
    if since is None:
        message = f"{integration.channel_type} {'.'.join(path)} has no *_file variant in any Alertmanager version"
        hint = "render without --secrets-dir (inline secrets) for this receiver"
    else:
        message = f"{field} needs Alertmanager >= {format_version(since)}; target is {format_version(version)}"
        hint = "raise alertmanager_version, or render without --secrets-dir"
    message = f"receiver {receiver}: {message} (--secrets-dir)"
    source = sources.get(receiver)
    if source is None:
        return Problem("--secrets-dir", 0, 0, RULE, message, hint)
    doc, at = source
    return doc.problem(at, RULE, message, hint)


def receiver_sources(
    platform_doc: SourceDocument | None,
    platform_receivers: list[str],
    tenants: list[tuple[str, SourceDocument, list[str]]],
) -> dict[str, tuple[SourceDocument, DataPath]]:
    """Native receiver name → where it is written (for errors naming file:line)."""
    found: dict[str, tuple[SourceDocument, DataPath]] = {}
    if platform_doc is not None:
        for i, name in enumerate(platform_receivers):
            found[f"_platform/{name}"] = (platform_doc, ("receivers", i))
    for tenant_id, doc, names in tenants:
        for i, name in enumerate(names):
            found[f"{tenant_id}/{name}"] = (doc, (tenant_id, "receivers", i))
    return found


def write_secret_files(files: Mapping[str, Secret], secrets_dir: Path, *, wait: float = 10.0) -> None:
    """Replace ``secrets_dir`` (mode 0700) with exactly ``files`` (mode 0600) in one atomic step.

    ``render`` uses :func:`receivers_cli.render.output.publish`, which swaps this folder and the
    config together; this is the same for a caller that writes only secret files.
    """
    publish(None, None, secret_files=files, secrets_dir=secrets_dir.absolute(), wait=wait)


def diff_secret_files(files: Mapping[str, Secret], secrets_dir: Path) -> list[str]:
    """One line per secret file that is missing, stale or extra; never a value."""
    lines: list[str] = []
    # Hidden names are ours (the .receivers-output marker), never secret files.
    current = (
        {p.name for p in secrets_dir.iterdir() if p.is_file() and not p.name.startswith(".")}
        if secrets_dir.is_dir() else set()
    )
    for name in sorted(current | set(files)):
        if name not in files:
            lines.append(f"{secrets_dir.name}/{name}: not rendered any more")
        elif name not in current:
            lines.append(f"{secrets_dir.name}/{name}: missing")
        elif Secret((secrets_dir / name).read_text("utf-8", errors="replace")) != files[name]:
            lines.append(f"{secrets_dir.name}/{name}: secret value changed (not shown)")
    return lines
