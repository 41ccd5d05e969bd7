"""Secrets as files: every secret value of the native config moved into its own file.

A post-build transform on the native config dict: for each receiver's ``*_configs`` entry, and
for ``global``, every secret field (per the catalog, ``http_config`` credentials included) is
replaced by its native ``<name>_file`` field, holding ``<mount>/<file name>``. Where the target
version has no such field the render fails, naming the file:line, the field and the version needed.

Two ways in:

- ``render --secrets-dir DIR`` alone (legacy): values are resolved and the config references the
  absolute path of ``DIR`` (so the config is tied to the machine that rendered it).
- Secret-free mode (``--secrets-mount`` or ``output: {secrets: files}`` in ``receivers.yaml``): the
  config is built from :class:`Deferred` stand-ins instead of values, so it can be rendered and
  checked with no key and no environment; every value that came from ``ENC[...]`` or ``${VAR}``
  must end up in a file (anywhere else it is a located error, since the committed config would
  depend on it). With a secrets folder the values are resolved too, and taken from a second,
  ordinary build at the same native paths.

File names depend on names only (never on values or other tenants), and are injective:
``<tenant>/<receiver>/<field.path>`` and ``_global/<field.path>``, each component percent-encoded
(only ``a-z 0-9 _ -`` stay, plus ``.`` in ids), so no two (owner, receiver, field path) triples share a
path, even on a case-insensitive file system. Values travel as :class:`Secret` until written.
"""

from __future__ import annotations

import contextlib
import copy
import re
import secrets as random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from receivers_cli import integrations
from receivers_cli.alertmanager.global_fields import GLOBAL
from receivers_cli.alertmanager.versions import Version, format_version
from receivers_cli.codes import S110, Code
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field
from receivers_cli.isolation import naming
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.model.placeholders import is_render_time
from receivers_cli.secrets.redact import Secret

RULE = S110
GLOBAL_OWNER = naming.GLOBAL  # ids start with [a-z0-9], so no tenant can be named like this
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")

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


def _global_file_field(field_path: tuple[str, ...], version: Version) -> tuple[str | None, Version | None]:
    """The ``global`` counterpart of :func:`_file_field` (``smtp_auth_password_file``, ...)."""
    if field_path[0] == "http_config":
        return f"{field_path[-1]}_file", None
    variant = GLOBAL.sub(f"{field_path[-1]}_file")
    if variant is None:
        return None, None
    return (variant.name, variant.since) if version >= variant.since else (None, variant.since)


def _spec(fields: tuple[Field, ...], path: tuple[str, ...]) -> Field | None:
    spec: Field | None = None
    for part in path:
        spec = next((f for f in fields if f.name == part), None)
        if spec is None:
            return None
        fields = spec.fields
    return spec


def _encode(part: str, *, keep_dots: bool) -> str:
    """Percent-encode every byte outside ``a-z 0-9 _ -`` (and ``.``, for ids): injective, and
    never ``/``, ``.``, ``..`` or a name that differs from another only by letter case."""
    keep_dots = keep_dots and part.strip(".") != ""
    out: list[str] = []
    for ch in part:
        if ch in _SAFE or (keep_dots and ch == "."):
            out.append(ch)
        else:
            out.extend(f"%{byte:02X}" for byte in ch.encode("utf-8"))
    return "".join(out) or "%"  # "" cannot be a field name; "%" alone is never an encoding


def _leaf(field_path: tuple[str, ...], index: int) -> str:
    # "." and "~" are always encoded inside components, so they can separate them.
    return ".".join(_encode(p, keep_dots=False) for p in field_path) + (f"~{index}" if index else "")


def file_name(receiver: str, field_path: tuple[str, ...], index: int = 0) -> str:
    """``<tenant>/<receiver>/<field.path>`` (relative, ``/``-separated) for a native receiver
    ``<tenant>/<receiver>``; ``index`` is the entry of its ``*_configs`` list (0: no suffix)."""
    owner, name = naming.split(receiver)
    return naming.secret_file(_encode(owner, keep_dots=True), _encode(name, keep_dots=True), _leaf(field_path, index))


def global_file_name(field_path: tuple[str, ...]) -> str:
    """``_global/<field.path>`` for a field of Alertmanager's ``global`` section."""
    return naming.global_secret_file(_leaf(field_path, 0))


@dataclass
class Deferred:
    """Stand-ins for the values of ``ENC[...]`` and ``${VAR}``, so the config is built without them.

    Each value becomes a token (letters and digits only, so URL encoding in vendor translations
    keeps it whole) with a random nonce no input can predict; :func:`externalize` then requires
    every token to have landed in a field it moves to a file.
    """

    nonce: str = field(default_factory=lambda: random.token_hex(8))
    origins: list[tuple[SourceDocument, DataPath]] = field(default_factory=list)
    key_ids: dict[str, set[str]] = field(default_factory=dict)  # owner → ids of its envelopes

    def tree(self, value: Any, doc: SourceDocument, path: DataPath, owner: str) -> Any:
        """``value`` with every render-time string replaced by a token."""
        if isinstance(value, dict):
            return {k: self.tree(v, doc, (*path, k), owner) for k, v in value.items()}
        if isinstance(value, list):
            return [self.tree(v, doc, (*path, i), owner) for i, v in enumerate(value)]
        if not isinstance(value, str) or not is_render_time(value):
            return value
        if value.startswith("ENC["):
            self._note_key_id(value, owner)
        self.origins.append((doc, path))
        return f"rcvdeferred{self.nonce}n{len(self.origins) - 1}x"

    def _note_key_id(self, value: str, owner: str) -> None:
        from receivers_cli.secrets.envelope import parse
        from receivers_cli.secrets.errors import EnvelopeError

        # The key id is readable without the key, so the manifest is the same with or without it;
        # validation (R141) refuses malformed envelopes before render.
        with contextlib.suppress(EnvelopeError):
            self.key_ids.setdefault(owner, set()).add(parse(value).key_id)

    def tokens(self, value: Any) -> Iterator[int]:
        """Indices of the tokens anywhere below ``value``."""
        if isinstance(value, dict):
            for item in value.values():
                yield from self.tokens(item)
        elif isinstance(value, list):
            for item in value:
                yield from self.tokens(item)
        elif isinstance(value, str) and self.nonce in value:
            for match in re.finditer(f"rcvdeferred{self.nonce}n([0-9]+)x", value):
                yield int(match.group(1))


@dataclass
class _Target:
    """One secret field to move: where it is, what replaces it, where its value comes from."""

    parent: dict[str, Any]
    key: str
    file_key: str
    name: str
    lookup: tuple[Any, ...]  # path into the config (to find the value in the resolved build)


def externalize(
    config: dict[str, Any],
    version: Version,
    mount: Path | str,
    sources: Sources,
    *,
    values: Mapping[str, Any] | None = None,
    deferred: Deferred | None = None,
    global_source: tuple[SourceDocument, DataPath] | None = None,
) -> dict[str, Secret]:
    """Rewrite ``config`` in place to reference secret files under ``mount``; return name → value.

    ``values``: the same config built with resolved values (secret-free mode with a key); the file
    contents come from there. Without it they come from ``config`` itself. ``deferred``: the
    stand-ins ``config`` was built from; each must land in a moved field. Raises
    :class:`ProblemsError` (``config`` untouched) when a field has no ``*_file`` variant at ``version``.
    """
    mount_text = str(mount).rstrip("/") or "/"
    problems: list[Problem] = []
    work = {k: copy.deepcopy(v) for k, v in config.items() if k in ("global", "receivers")}
    seen = set(deferred.tokens(work)) if deferred else set()
    targets = list(_receiver_targets(work, version, sources, problems))
    targets += _global_targets(work, version, global_source, problems)
    files: dict[str, Secret] = {}
    for target in targets:
        value = _lookup(values, target.lookup) if values is not None else target.parent[target.key]
        if not isinstance(value, str):
            doc_at = sources.get(str(target.lookup[1])) if target.lookup[0] == "receivers" else global_source
            problems.append(_located(doc_at, RULE, f"{target.name}: the resolved config has no value here",
                                     "report this: the build depends on a secret value"))
            continue
        files[target.name] = Secret(value)
        del target.parent[target.key]
        target.parent[target.file_key] = f"{mount_text}/{target.name}"
    if deferred is not None:
        problems += _stray_tokens(deferred, seen, set(deferred.tokens(work)))
    if problems:
        raise ProblemsError(sorted(set(problems)))
    config.update(work)
    return files


def _receiver_targets(
    work: dict[str, Any], version: Version, sources: Sources, problems: list[Problem]
) -> Iterator[_Target]:
    natives = _native_integrations()
    for receiver in work.get("receivers", []):
        name = str(receiver.get("name", ""))
        for key, entries in receiver.items():
            integration = natives.get(key)
            if integration is None or not isinstance(entries, list):
                continue
            for e_index, entry in enumerate(entries):
                for path in integration.secret_paths():
                    parent = _parent(entry, path)
                    if parent is None or not isinstance(parent.get(path[-1]), str):
                        continue
                    spec = _spec(integration.all_fields(), path)
                    target, since = _file_field(path, spec, version) if spec else (None, None)
                    if target is None:
                        problems.append(_problem(sources, name, integration.channel_type, path, since, version))
                        continue
                    # By name, not position: both builds list the same receivers.
                    lookup = ("receivers", name, key, e_index, *path)
                    yield _Target(parent, path[-1], target, file_name(name, path, e_index), lookup)


def _global_targets(
    work: dict[str, Any], version: Version, source: tuple[SourceDocument, DataPath] | None, problems: list[Problem]
) -> Iterator[_Target]:
    section = work.get("global")
    if not isinstance(section, dict):
        return
    from receivers_cli.integrations.vocabulary import secret_paths

    for path in secret_paths(GLOBAL.fields):
        parent = _parent(section, path)
        if parent is None or not isinstance(parent.get(path[-1]), str):
            continue
        target, since = _global_file_field(path, version)
        if target is None:
            if since is None:
                message = f"global {'.'.join(path)} has no *_file variant in any Alertmanager version"
                hint = "render with inline secrets (--secrets inline)"
            else:
                message = (f"global {'.'.join(path)}_file needs Alertmanager >= {format_version(since)}; "
                           f"target is {format_version(version)}")
                hint = "raise alertmanager_version, or render with inline secrets (--secrets inline)"
            at = (source[0], (*source[1], *path)) if source else None
            problems.append(_located(at, RULE, message + " (secrets as files)", hint))
            continue
        yield _Target(parent, path[-1], target, global_file_name(path), ("global", *path))


def _lookup(config: Mapping[str, Any], steps: tuple[Any, ...]) -> Any:
    if steps[0] == "receivers":
        _, name, key, index, *path = steps
        receiver: Mapping[str, Any] = next((r for r in config.get("receivers", []) if r.get("name") == name), {})
        entries = receiver.get(key)
        node: Any = entries[index] if isinstance(entries, list) and len(entries) > index else None
    else:
        node, path = config.get("global"), list(steps[1:])
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _stray_tokens(deferred: Deferred, seen: set[int], left: set[int]) -> list[Problem]:
    """A value from ENC[...] / ${VAR} that did not end up in a file: the config would depend on it."""
    problems = []
    for index in sorted(left | (set(range(len(deferred.origins))) - seen)):
        doc, path = deferred.origins[index]
        if index in left:
            message = "this value comes from ENC[...] or ${VAR}, but its rendered field has no *_file variant"
        else:
            message = "this value comes from ENC[...] or ${VAR}, but the rendered config depends on it"
        problems.append(doc.problem(path, RULE, message + " (secrets as files)",
                                    "write the value literally, or render with inline secrets (--secrets inline)"))
    return problems


def _located(at: tuple[SourceDocument, DataPath] | None, rule: Code, message: str, hint: str) -> Problem:
    if at is None:
        return Problem("--secrets-dir", 0, 0, rule, message, hint)
    return at[0].problem(at[1], rule, message, hint)


def _parent(entry: Any, path: tuple[str, ...]) -> dict[str, Any] | None:
    node = entry
    for part in path[:-1]:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node if isinstance(node, dict) else None


def _problem(
    sources: Sources, receiver: str, channel_type: str, path: tuple[str, ...], since: Version | None,
    version: Version,
) -> Problem:
    field_name = f"{channel_type} {'.'.join(path)}_file"
    if since is None:
        message = f"{channel_type} {'.'.join(path)} has no *_file variant in any Alertmanager version"
        hint = "render with inline secrets (without --secrets-dir / --secrets-mount) for this receiver"
    else:
        message = f"{field_name} needs Alertmanager >= {format_version(since)}; target is {format_version(version)}"
        hint = "raise alertmanager_version, or render with inline secrets"
    return _located(sources.get(receiver), RULE, f"receiver {receiver}: {message} (secrets as files)", hint)


def receiver_sources(
    platform_doc: SourceDocument | None,
    platform_receivers: list[str],
    tenants: list[tuple[str, SourceDocument, list[str]]],
) -> dict[str, tuple[SourceDocument, DataPath]]:
    """Native receiver name → where it is written (for errors naming file:line)."""
    found: dict[str, tuple[SourceDocument, DataPath]] = {}
    if platform_doc is not None:
        for i, name in enumerate(platform_receivers):
            found[naming.scoped(naming.PLATFORM, name)] = (platform_doc, ("receivers", i))
    for tenant_id, doc, names in tenants:
        for i, name in enumerate(names):
            found[naming.scoped(tenant_id, name)] = (doc, (tenant_id, "receivers", i))
    return found


def diff_secret_files(files: Mapping[str, Secret], secrets_dir: Path) -> list[str]:
    """One line per secret file that is missing, stale or extra; never a value."""
    lines: list[str] = []
    # Hidden names are ours (the .receivers-output marker), never secret files.
    current = (
        {p.relative_to(secrets_dir).as_posix() for p in secrets_dir.rglob("*")
         if p.is_file() and not p.relative_to(secrets_dir).as_posix().startswith(".")}
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
