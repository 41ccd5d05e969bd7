"""Emit: write the rendered files atomically, or compare them with what is on disk (``--check``)."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

# Files in the output folder that a render owns; anything else there is reported as stale.
MANAGED_SUFFIXES = (".yml", ".yaml", ".tmpl", ".json")


def write_output(files: Mapping[str, str], out_dir: Path) -> None:
    """Replace ``out_dir`` with exactly ``files``: written to a sibling folder, then swapped in.

    Nothing under ``out_dir`` changes until every file is written; a failure on the way leaves the
    previous output untouched.
    """
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        for rel, text in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        os.chmod(staging, 0o755)
        swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(staging: Path, target: Path) -> None:
    """Put the fully written folder ``staging`` in the place of ``target`` (two renames).

    If the second rename fails, the previous ``target`` is put back.
    """
    if not target.exists():
        os.rename(staging, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rename(target, retired / "previous")
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(retired / "previous", target)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def read_output(out_dir: Path) -> dict[str, str]:
    """The files a render would own under ``out_dir``, by relative path."""
    found: dict[str, str] = {}
    if not out_dir.is_dir():
        return found
    for path in sorted(out_dir.rglob("*")):
        if path.is_file() and path.suffix in MANAGED_SUFFIXES:
            found[path.relative_to(out_dir).as_posix()] = path.read_text("utf-8", errors="replace")
    return found


def secret_field_names() -> frozenset[str]:
    """Native field names that hold secrets in any integration, in http_config, or in ``global``."""
    from receivers_cli import integrations
    from receivers_cli.alertmanager.global_fields import GLOBAL
    from receivers_cli.integrations.base import secret_paths

    names = {path[-1] for integration in integrations.catalog().values() for path in integration.secret_paths()}
    names |= {path[-1] for path in secret_paths(GLOBAL.fields)}
    return frozenset(names)


_KEY_LINE = re.compile(r"^(\s*(?:- )?)([A-Za-z_][A-Za-z0-9_]*):\s+(\S.*)$")


def mask_secret_lines(text: str, secret_keys: frozenset[str]) -> str:
    """Replace the value of every ``key: value`` line whose key is a secret field with ``<secret>``."""
    out = []
    for line in text.splitlines():
        match = _KEY_LINE.match(line)
        if match and match.group(2) in secret_keys:
            line = f"{match.group(1)}{match.group(2)}: <secret>"
        out.append(line)
    return "\n".join(out)


def diff_output(files: Mapping[str, str], out_dir: Path, context: int = 2) -> list[str]:
    """Unified diff lines from what is on disk to what a render would write (empty: up to date).

    Values of secret fields never appear: both sides are masked before diffing, and a change that
    only touches secrets is reported as one line without values.
    """
    current = read_output(out_dir)
    secret_keys = secret_field_names()
    lines: list[str] = []
    for rel in sorted(set(current) | set(files)):
        old, new = current.get(rel), files.get(rel)
        if old == new:
            continue
        if old is not None and new is not None:
            old, new = mask_secret_lines(old, secret_keys), mask_secret_lines(new, secret_keys)
            if old == new:
                lines.append(f"{out_dir.name}/{rel}: secret values changed (not shown)")
                continue
        lines.extend(
            difflib.unified_diff(
                mask_secret_lines(old or "", secret_keys).splitlines(),
                mask_secret_lines(new or "", secret_keys).splitlines(),
                fromfile=f"{out_dir.name}/{rel}" if old is not None else "/dev/null",
                tofile=f"{out_dir.name}/{rel} (rendered)" if new is not None else "/dev/null",
                n=context,
                lineterm="",
            )
        )
    return lines
