"""Writing and checking the health rule file: one file, replaced atomically, compared by ``--check``."""

from __future__ import annotations

import contextlib
import difflib
import os
from pathlib import Path

from receivers_cli.fileops import FsError, fsync_dir, os_failure, unique_name, write_new_file


def refusal(path: Path, out: Path, secrets_dir: Path | None) -> str | None:
    """Why ``path`` cannot take the rule file, or None. The output folders are replaced as a whole
    (the file would vanish, or be a foreign file there), and a folder or a link is never overwritten."""
    target = path.absolute().resolve()
    for folder, flag in ((out, "--out"), (secrets_dir, "--secrets-dir")):
        if folder is not None and target.is_relative_to(folder.absolute().resolve()):
            return f"is inside {flag} {folder}, which render replaces as a whole; write it beside it"
    if path.is_symlink():
        return "is a symbolic link; name the file itself"
    if path.exists() and not path.is_file():
        return "is not a regular file"
    return None


def read_rules(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, OSError):
            raise os_failure("read", path, exc) from None
        raise FsError(f"cannot read {path}: not UTF-8 text") from None


def diff_rules(path: Path, text: str) -> list[str]:
    """Unified diff lines from the file on disk to ``text`` (empty: up to date). The rules hold no secret."""
    old = read_rules(path)
    if old == text:
        return []
    return list(difflib.unified_diff(
        (old or "").splitlines(), text.splitlines(),
        fromfile=str(path) if old is not None else "/dev/null", tofile=f"{path} (rendered)", lineterm="",
    ))


def write_rules(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one rename: Prometheus reads the old or the new file, never half."""
    folder = path.absolute().parent
    staged = folder / unique_name(f".{path.name}.")
    try:
        write_new_file(staged, text)
        os.replace(staged, path)
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise os_failure("write", path, exc) from None
