"""Audit trail: one structured event per render step, to stderr, with ``--log-format text|json``.

Off by default. structlog is imported only when logging is switched on (it costs ~100 ms, which
``receivers validate`` in a pre-commit hook should not pay). Events carry file names, sha256
digests, key ids and field paths, never a value: a :class:`~receivers_cli.secrets.redact.Secret`
prints as ``<secret>``, and callers pass no plaintext.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

LogFormat = Literal["text", "json"]
FORMATS: tuple[LogFormat, ...] = ("text", "json")

_logger: Any = None  # a structlog BoundLogger while logging is on


class _Stderr:
    """structlog's final sink: one line on the *current* ``sys.stderr`` (test runners swap it)."""

    def _write(self, message: str) -> None:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()

    info = error = warning = msg = _write


def configure(fmt: str | None) -> None:
    """Switch logging on in ``fmt`` (``text`` or ``json``), or off with ``None``."""
    global _logger
    if fmt is None:
        _logger = None
        return
    if fmt not in FORMATS:
        raise ValueError(f"unknown log format {fmt!r}; use text or json")
    import structlog

    renderer: Any = (
        structlog.processors.JSONRenderer(sort_keys=True)
        if fmt == "json"
        else structlog.processors.KeyValueRenderer(key_order=["timestamp", "level", "event"], drop_missing=True)
    )
    _logger = structlog.wrap_logger(
        _Stderr(),
        processors=[
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            renderer,
        ],
        context_class=dict,
        cache_logger_on_first_use=False,
    )


def enabled() -> bool:
    return _logger is not None


def event(name: str, *, level: str = "info", **fields: Any) -> None:
    """Emit one event (no-op while logging is off)."""
    if _logger is not None:
        getattr(_logger, level)(name, **fields)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- step helpers called from api.py / cli -------------------------------------------------


def files_loaded(documents: Iterable[Any]) -> None:
    """``file_loaded`` per input document (``SourceDocument``: ``file``, ``sha256``)."""
    if _logger is None:
        return
    for doc in documents:
        event("file_loaded", file=doc.file, sha256=doc.sha256)


Decrypt = Callable[[str, tuple[str, ...]], str]


def audited_decrypt(decrypt: Decrypt | None) -> Decrypt | None:
    """Wrap the render decrypt hook so each value decrypted logs its key id and field path."""
    if decrypt is None or _logger is None:
        return decrypt
    inner = decrypt

    def wrapped(envelope: str, binding: tuple[str, ...]) -> str:
        from receivers_cli.secrets.envelope import parse

        plain = inner(envelope, binding)
        tenant, receiver, field_path = (*binding, "", "", "")[:3]
        try:
            key_id: str | None = parse(envelope).key_id
        except Exception:  # already decrypted above; the id is informative only
            key_id = None
        event("value_decrypted", tenant=tenant, receiver=receiver, field=field_path, key_id=key_id)
        return plain

    return wrapped


def rendered(tenants: Iterable[str], files: Mapping[str, str], secret_files: Iterable[str]) -> None:
    event("render_built", tenants=sorted(tenants), outputs={n: sha256(t) for n, t in sorted(files.items())},
          secret_files=sorted(secret_files))


def files_written(out_dir: Path, files: Mapping[str, str]) -> None:
    for name, text in sorted(files.items()):
        event("file_written", file=str(out_dir / name), sha256=sha256(text))


def secret_files_written(secrets_dir: Path, names: Iterable[str]) -> None:
    # No digest: a sha256 of a short secret (a PIN, a password) could be brute-forced.
    for name in sorted(names):
        event("secret_file_written", file=str(secrets_dir / name), mode="0600")


def failed(step: str, problems: Iterable[Any]) -> None:
    """``render_failed`` with where and which rule; messages stay on the console."""
    event("failed", level="error", step=step,
          problems=[f"{p.file}:{p.line}:{p.column} {p.rule}" for p in problems])
