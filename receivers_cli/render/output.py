"""Emit: put the rendered files in place (guarded, locked, one atomic step), or compare them with
what is on disk (``--check``). See "Output safety" in docs/security.md for the layout."""

from __future__ import annotations

import difflib
import errno
import json
import os
import re
import stat
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from receivers_cli.fileops import (
    EXIT_REFUSED,
    FsError,
    Lock,
    cause,
    deferred_signals,
    exchange,
    fault_point,
    fsync_dir,
    fsync_tree,
    os_failure,
    remove_tree,
    state_dir,
    unique_name,
    write_new_file,
)
from receivers_cli.render.layout import CONFIG_FILE, MANIFEST_FILE, TEMPLATES_DIR

if TYPE_CHECKING:
    from receivers_cli.secrets.redact import Secret

# Files in the output folder that a render owns; anything else there is reported as stale.
MANAGED_SUFFIXES = (".yml", ".yaml", ".tmpl", ".json")


MARKER = ".receivers-output"
SIGNATURE = "receivers-cli output v1"
_LEGACY_OUT = frozenset({CONFIG_FILE, TEMPLATES_DIR, MANIFEST_FILE})
_ROLE_FLAG = {"out": "--out", "secrets": "--secrets-dir"}


def marker_text(role: str) -> str:
    """What the marker file of a folder we own holds (``out`` or ``secrets``)."""
    return f"{SIGNATURE}\nrole: {role}\n"


def guard_target(
    path: Path,
    role: str,
    *,
    inputs: Sequence[Path] = (),
    tenants_dirs: Sequence[Path] = (),
    other: tuple[str, Path] | None = None,
) -> None:
    """Refuse (exit 2, nothing touched) an output folder whose replacement could destroy anything.

    Replaced may be only a folder that is absent, empty, or marked as a previous output of ours
    for the same role. Refused: a symlink or a file at the path, the working directory or one of
    its ancestors, anything holding an input or lying inside the tenants folder, a repository
    (``.git``), and ``--out``/``--secrets-dir`` that are equal or nested.
    """
    flag = _ROLE_FLAG.get(role, role)
    absolute = Path(os.path.abspath(path))

    def refuse(reason: str, hint: str = "") -> None:
        raise FsError(f"refusing {flag} {path}: {reason}; nothing was written", hint, EXIT_REFUSED)

    if absolute.is_symlink():
        refuse(f"it is a symbolic link (to {os.readlink(absolute)})", "name the real folder, or remove the link")
    if absolute.exists() and not absolute.is_dir():
        refuse("it is a file, not a folder", f"choose a folder for {flag}")
    real = absolute.resolve()
    if ".git" in real.parts:
        refuse("it is inside a .git folder")
    cwd = Path.cwd().resolve()
    if real == cwd:
        refuse("it is the working directory", f"use a folder of its own, e.g. {flag} rendered")
    if real in cwd.parents:
        refuse("it holds the working directory")
    for item in inputs:
        item_real = Path(os.path.abspath(item)).resolve()
        if real == item_real or real in item_real.parents:
            refuse(f"it holds the input {item}")
    for tenants in tenants_dirs:
        if Path(os.path.abspath(tenants)).resolve() in real.parents:
            refuse(f"it is inside the tenants folder {tenants}")
    if other is not None:
        other_flag, other_path = other
        other_real = Path(os.path.abspath(other_path)).resolve()
        if other_real == real:
            refuse(f"it is the same folder as {other_flag}")
        if other_real in real.parents or real in other_real.parents:
            refuse(f"it and {other_flag} {other_path} are nested in each other", "use two separate folders")
    if absolute.is_dir():
        reason = _not_ours(absolute, role)
        if reason:
            refuse(reason, "choose a new or empty folder; to reuse this one, empty it yourself first")


def _not_ours(folder: Path, role: str) -> str | None:
    """Why ``folder`` may not be replaced (None: it is empty or a previous output of ours)."""
    if (folder / ".git").exists():
        return "it holds a .git folder (a repository)"
    try:
        entries = {e.name: e for e in os.scandir(folder)}
    except OSError as exc:
        return f"it cannot be read ({cause(exc)})"
    if not entries:
        return None
    marker = entries.get(MARKER)
    if marker is not None and marker.is_file(follow_symlinks=False):
        try:
            with open(marker.path, encoding="utf-8", errors="replace") as fh:
                text = fh.read(200)
        except OSError:
            text = ""
        if text == marker_text(role):
            return None
        return f"its {MARKER} marker is not that of a {_ROLE_FLAG.get(role, role)} folder"
    if role == "out" and set(entries) <= _LEGACY_OUT and _our_manifest(folder / MANIFEST_FILE):
        return None  # our manifest.json is the marker of a config folder (a committed rendered/ too)
    if role == "secrets" and _legacy_secrets(folder, list(entries.values())):
        return None
    return f"it is not empty and holds no {MARKER} marker (not a previous output of receivers)"


def _our_manifest(path: Path) -> bool:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("tool") == "receivers-cli"


def _legacy_secrets(folder: Path, entries: list[os.DirEntry[str]]) -> bool:
    """A --secrets-dir written before markers: a 0700 folder of 0600 ``a__b__c`` regular files only."""
    try:
        if folder.stat().st_mode & 0o077:
            return False
        return all(e.is_file(follow_symlinks=False) and not e.stat(follow_symlinks=False).st_mode & 0o077
                   and "__" in e.name for e in entries)
    except OSError:
        return False


class FolderSwap:
    """A complete new folder staged beside ``target``, then put in its place in one atomic step.

    Staging, the lock and the journal of the fallback live in ``.<name>.receivers/`` next to the
    target (0700, with a ``.gitignore`` of ``*``). On Linux the swap is one
    ``renameat2(RENAME_EXCHANGE)``: the path names the complete old or the complete new folder at
    every instant. Without it (other systems, or a file system that cannot exchange) the old
    folder is renamed aside and the new one renamed in, with a journal the next run uses to put
    the new one in place when a crash fell between the two renames.
    """

    def __init__(self, target: Path, role: str, mode: int, wait: float) -> None:
        self.target = Path(os.path.abspath(target))
        self.role, self.mode, self.wait = role, mode, wait
        self.state = self.target.parent / f".{self.target.name}.receivers"
        self.lock: Lock | None = None
        self.staging: Path | None = None  # the new folder before the swap, the old one after it
        self.previous: set[str] = set()  # top-level names the folder held before

    def open(self) -> Path:
        """Lock the target, clean what interrupted runs left, guard it again, make the staging folder."""
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_failure("create", self.target.parent, exc) from None
        state_dir(self.state)
        self.lock = Lock(self.state / "lock", str(self.target), wait=self.wait).acquire()
        self._recover()
        guard_target(self.target, self.role)  # again, now that nobody else can change it
        if self.target.is_dir() and not self.target.is_symlink():
            # Every file below it, by relative path (secret files live in <owner>/<receiver>/).
            self.previous = {
                (Path(root) / name).relative_to(self.target).as_posix()
                for root, _dirs, names in os.walk(self.target)
                for name in names
                if not (Path(root) == self.target and name == MARKER)
            }
        self.staging = self.state / unique_name("new-")
        os.mkdir(self.staging, 0o700)
        return self.staging

    def _recover(self) -> None:
        journal = self.state / "swap.json"
        if journal.exists():
            try:
                staged = self.state / str(json.loads(journal.read_text("utf-8"))["staging"])
            except (ValueError, KeyError, TypeError):
                staged = None
            if staged is not None and not os.path.lexists(self.target) and staged.is_dir():
                os.rename(staged, self.target)  # the crash fell between the two renames: finish
                fsync_dir(self.target.parent)
            journal.unlink()
        for entry in os.listdir(self.state):
            if entry.startswith(("new-", "old-")):
                remove_tree(self.state / entry)  # staging or a retired folder of a killed run

    def seal(self) -> None:
        """Marker in, everything flushed, final mode set: the staged folder is complete."""
        assert self.staging is not None
        legacy = self.role == "out" and set(os.listdir(self.staging)) <= _LEGACY_OUT
        if not (legacy and _our_manifest(self.staging / MANIFEST_FILE)):
            # manifest.json marks a nested config folder (other layouts and targets get the
            # marker, which the guard needs to recognise them); 0600 like everything in a secrets folder
            write_new_file(self.staging / MARKER, marker_text(self.role), 0o600 if self.role == "secrets" else 0o644)
        fsync_tree(self.staging)
        os.chmod(self.staging, self.mode)
        fsync_dir(self.state)

    def swap(self) -> None:
        assert self.staging is not None
        with deferred_signals():
            fault_point(f"{self.role}.swap")
            if not os.path.lexists(self.target):
                os.rename(self.staging, self.target)
                self.staging = None
            elif not exchange(self.staging, self.target):
                self._two_renames()
            fsync_dir(self.target.parent)
            fault_point(f"{self.role}.swapped")

    def _two_renames(self) -> None:
        assert self.staging is not None
        retired = self.state / unique_name("old-")
        journal = self.state / "swap.json"
        write_new_file(journal, json.dumps({"staging": self.staging.name}))
        fsync_dir(self.state)
        os.rename(self.target, retired)
        fault_point(f"{self.role}.between-renames")
        os.rename(self.staging, self.target)
        journal.unlink()
        self.staging = retired

    def close(self) -> None:
        if self.staging is not None:
            remove_tree(self.staging)
            self.staging = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _stage_files(root: Path, files: Mapping[str, str], mode_of: Callable[[str], int]) -> None:
    for rel, text in files.items():
        parts = Path(rel).parts
        if not parts or Path(rel).is_absolute() or ".." in parts:
            raise ValueError(f"output path {rel!r} leaves the output folder")  # a bug of ours
        target = root.joinpath(*parts)
        target.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
        write_new_file(target, text, mode_of(rel))
        fault_point("render.file")


def _private_parents(root: Path, rel: str) -> None:
    """Create the folders of ``rel`` below ``root``, 0700 like a secrets folder itself."""
    parts = Path(rel).parts
    if not parts or Path(rel).is_absolute() or ".." in parts:
        raise ValueError(f"secret file name {rel!r} leaves the secrets folder")  # a bug of ours
    folder = root
    for part in parts[:-1]:
        folder = folder / part
        if not folder.is_dir():
            os.mkdir(folder, 0o700)
            os.chmod(folder, 0o700)


def _prune_empty_parents(root: Path, rel: str) -> None:
    folder = (root / rel).parent
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def publish(
    files: Mapping[str, str] | None,
    out_dir: Path | None,
    *,
    private: bool = False,
    secret_files: Mapping[str, Secret] | None = None,
    secrets_dir: Path | None = None,
    wait: float = 10.0,
    private_files: frozenset[str] = frozenset({"alertmanager.yml"}),
) -> None:
    """Put a new render in place: the config folder and the secret files folder, each swapped whole.

    Order (why): both folders are staged complete and flushed first; the secrets folder is
    swapped in holding the new files plus the previous files the visible config may still name;
    then the config folder is swapped; only then are the previous-only secret files removed. So
    the visible config never names a secret file that is missing. ``private``: the config holds
    inline secrets, so it is 0600 (each of ``private_files``) in a 0700 folder.
    """
    swaps: list[FolderSwap] = []
    out_swap = sec_swap = None
    if out_dir is not None and files is not None:
        out_swap = FolderSwap(out_dir, "out", 0o700 if private else 0o755, wait)
        swaps.append(out_swap)
    if secrets_dir is not None and secret_files is not None:
        sec_swap = FolderSwap(secrets_dir, "secrets", 0o700, wait)
        swaps.append(sec_swap)
    swaps.sort(key=lambda s: str(s.state))  # one lock order for every run: no deadlock
    where = out_dir or secrets_dir or Path(".")
    try:
        for swap in swaps:
            swap.open()
        extra: list[str] = []
        if sec_swap is not None and secret_files is not None:
            assert sec_swap.staging is not None
            for name, secret in secret_files.items():
                _private_parents(sec_swap.staging, name)
                write_new_file(sec_swap.staging / name, secret.reveal(), 0o600)
                fault_point("render.secret")
            if out_swap is not None:  # the visible config may name these until it is replaced
                extra = sorted(sec_swap.previous - set(secret_files))
                for name in extra:
                    _private_parents(sec_swap.staging, name)
                    os.link(sec_swap.target / name, sec_swap.staging / name)
            sec_swap.seal()
        if out_swap is not None and files is not None:
            assert out_swap.staging is not None

            def mode_of(rel: str) -> int:
                return 0o600 if private and rel in private_files else 0o644

            _stage_files(out_swap.staging, files, mode_of)
            out_swap.seal()
        fault_point("render.staged")
        if sec_swap is not None:
            sec_swap.swap()
        if out_swap is not None:
            out_swap.swap()
        if sec_swap is not None and extra:
            for name in extra:
                (sec_swap.target / name).unlink(missing_ok=True)
                _prune_empty_parents(sec_swap.target, name)
            fsync_dir(sec_swap.target)
            fault_point("render.pruned")
    except OSError as exc:
        raise os_failure("write", where, exc) from None
    finally:
        for swap in reversed(swaps):
            swap.close()


def write_output(files: Mapping[str, str], out_dir: Path, *, private: bool = False, wait: float = 10.0) -> None:
    """Replace ``out_dir`` with exactly ``files`` in one atomic step (see :func:`publish`)."""
    publish(files, out_dir, private=private, wait=wait)


def read_output(out_dir: Path) -> dict[str, str]:
    """The files a render would own under ``out_dir``, by relative path.

    Read through one open descriptor of the folder, so a render swapping a new output in
    meanwhile cannot mix old and new files into one answer.
    """
    found: dict[str, str] = {}
    try:
        fd = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except (FileNotFoundError, NotADirectoryError):
        return found
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FsError(f"refusing --out {out_dir}: it is a symbolic link", "", EXIT_REFUSED) from None
        raise os_failure("read", out_dir, exc) from None
    try:
        _read_tree(fd, "", found)
    except OSError as exc:
        raise os_failure("read", out_dir, exc) from None
    finally:
        os.close(fd)
    return found


def _read_tree(fd: int, prefix: str, found: dict[str, str]) -> None:
    for name in sorted(os.listdir(fd)):
        info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            sub = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            try:
                _read_tree(sub, f"{prefix}{name}/", found)
            finally:
                os.close(sub)
        elif stat.S_ISREG(info.st_mode) and Path(name).suffix in MANAGED_SUFFIXES:
            handle = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=fd)
            with os.fdopen(handle, "rb") as fh:
                found[prefix + name] = fh.read().decode("utf-8", errors="replace")


def secret_field_names() -> frozenset[str]:
    """Native field names that hold secrets in any integration, in http_config, or in ``global``."""
    from receivers_cli import integrations
    from receivers_cli.alertmanager.global_fields import GLOBAL
    from receivers_cli.integrations.vocabulary import secret_paths

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
