"""All-or-nothing rewrites of repository files (``secrets encrypt``, ``rotate``, ``keygen``), and the
repository lock every command that reads or writes the repository takes.

A transaction stages every new file (flushed to disk), then writes a journal naming each target,
its staged copy and the sha256 it had when it was read and will have after. Writing the journal is
the commit point: before it nothing visible changed (the next run deletes the staging); after it
the next run that takes the repository lock finishes every replacement the journal names. A
target that changed on disk since it was read is never overwritten: before the commit the whole
transaction is refused; after it, that one file is reported and left as it is.

State lives in ``<folder of the platform file>/.receivers/`` (0700, with a ``.gitignore`` of
``*``), outside ``tenants/`` and invisible to Git: ``lock``, ``journal.json``, ``txn-*/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from receivers_cli.fileops import (
    EXIT_FS,
    FsError,
    Lock,
    deferred_signals,
    fault_point,
    fsync_dir,
    os_failure,
    remove_tree,
    state_dir,
    unique_name,
    write_new_file,
)

STATE = ".receivers"
JOURNAL = "journal.json"


def repo_state(config: Path) -> Path:
    """The repository's state folder: next to the platform file (the repository's root)."""
    return Path(os.path.abspath(config)).parent / STATE


def sha256_of(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except FileNotFoundError:
        return None


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_rewritable(path: Path) -> None:
    """Refuse, with the path, a file whose in-place replacement would not do what the user means."""
    try:
        info = path.lstat()
    except OSError as exc:
        raise os_failure("read", path, exc) from None
    if stat.S_ISLNK(info.st_mode):
        raise FsError(
            f"{path}: is a symbolic link (to {os.readlink(path)}); refusing to replace it",
            "run the command on the file the link points to",
        )
    if not stat.S_ISREG(info.st_mode):
        raise FsError(f"{path}: is not a regular file")
    if not info.st_mode & stat.S_IWUSR:
        raise FsError(
            f"{path}: is read-only (mode {stat.S_IMODE(info.st_mode):04o}); refusing to rewrite it",
            f"chmod u+w {path} if it should change",
        )
    if info.st_nlink > 1:
        raise FsError(
            f"{path}: has {info.st_nlink} hard links; replacing it would leave the old content in the others",
            "make it a single file (cp it, then rm the other links)",
        )


@dataclass
class Entry:
    kind: Literal["replace", "create"]
    target: Path
    text: str
    read_sha: str | None  # replace: sha256 of the bytes the plan was made from
    mode: int
    beside: bool  # stage next to the target (secret content: never inside the repository state)
    staged: Path | None = None


@dataclass
class Transaction:
    """Files to replace or create together; :meth:`commit` makes them visible all or none."""

    state: Path
    op: str
    entries: list[Entry] = field(default_factory=list)

    def replace(self, target: Path, text: str, read_sha: str) -> None:
        target = Path(os.path.abspath(target))
        check_rewritable(target)
        mode = stat.S_IMODE(target.stat().st_mode)
        self.entries.append(Entry("replace", target, text, read_sha, mode, False))

    def create(self, target: Path, text: str, mode: int = 0o644, *, secret: bool = False) -> None:
        target = Path(os.path.abspath(target))
        if os.path.lexists(target):
            raise FsError(f"{target}: already exists; refusing to overwrite it")
        self.entries.append(Entry("create", target, text, None, mode, secret))

    def commit(self) -> list[str]:
        """Stage, check nothing changed meanwhile, journal, apply. Returns the files left (conflicts)."""
        self._refuse_changed()
        txn = self.state / unique_name("txn-")
        try:
            os.mkdir(txn, 0o700)
            plan = []
            for entry in self.entries:
                same_device = os.stat(entry.target.parent).st_dev == os.stat(txn).st_dev
                if entry.beside or not same_device:
                    entry.staged = entry.target.parent / f".{entry.target.name}.{unique_name('receivers-new-')}"
                else:
                    entry.staged = txn / unique_name("f-")
                plan.append(str(entry.staged))
            # Written first, so the next run can delete staged copies outside txn/ if we die now.
            write_new_file(txn / "plan.json", json.dumps(plan))
            for entry in self.entries:
                assert entry.staged is not None
                write_new_file(entry.staged, entry.text, entry.mode)
                fault_point(f"{_step(self.op)}.stage")
            # Each staging folder's entries made durable once, before the commit point (not once
            # per file: an import stages dozens of files in the same folder).
            for folder in dict.fromkeys(e.staged.parent for e in self.entries if e.staged is not None):
                fsync_dir(folder)
            self._refuse_changed()  # an editor saved while we staged: nothing happened yet
            journal = {
                "op": self.op,
                "pid": os.getpid(),
                "started": datetime.now(UTC).isoformat(timespec="seconds"),
                "txn": txn.name,
                "entries": [
                    {"kind": e.kind, "target": str(e.target), "staged": str(e.staged),
                     "old_sha": e.read_sha, "new_sha": sha256_text(e.text)}
                    for e in self.entries
                ],
            }
            tmp = txn / "journal.tmp"
            write_new_file(tmp, json.dumps(journal, indent=1))
            with deferred_signals():
                os.rename(tmp, self.state / JOURNAL)  # the commit point
                fsync_dir(self.state)
                fault_point(f"{_step(self.op)}.committed")
                return roll_forward(self.state)
        except OSError as exc:
            raise os_failure("write", exc.filename or self.state, exc) from None
        finally:
            if not (self.state / JOURNAL).exists():
                _discard(txn)

    def _refuse_changed(self) -> None:
        changed = [
            str(e.target) for e in self.entries
            if (e.kind == "replace" and sha256_of(e.target) != e.read_sha)
            or (e.kind == "create" and os.path.lexists(e.target))
        ]
        if changed:
            raise FsError(
                f"changed on disk while `{self.op}` ran, so nothing was written: {', '.join(changed)}",
                "run the command again; it reads the files afresh",
            )


def _step(op: str) -> str:
    """Fault-point prefix of an operation: ``secrets rotate`` → ``rotate``."""
    return op.split()[-1]


def _discard(txn: Path) -> None:
    """Delete an uncommitted transaction's staged copies (wherever they are) and its folder."""
    try:
        for staged in json.loads((txn / "plan.json").read_text("utf-8")):
            Path(staged).unlink(missing_ok=True)
    except (OSError, ValueError, TypeError):
        pass
    remove_tree(txn)


def roll_forward(state: Path) -> list[str]:
    """Finish the journaled transaction in ``state``; the files that changed since are left and named."""
    journal_path = state / JOURNAL
    data = json.loads(journal_path.read_text("utf-8"))
    left: list[str] = []
    touched: set[Path] = set()
    for item in data["entries"]:
        target, staged = Path(item["target"]), Path(item["staged"])
        fault_point(f"{_step(str(data['op']))}.apply")
        current = sha256_of(target)
        if current == item["new_sha"]:
            staged.unlink(missing_ok=True)  # already applied before a crash
        elif item["kind"] == "create" and current is None and staged.exists():
            os.link(staged, target)  # link: never replaces a file that appeared meanwhile
            staged.unlink()
        elif item["kind"] == "replace" and current == item["old_sha"] and staged.exists():
            os.replace(staged, target)
        else:
            left.append(str(target))
            staged.unlink(missing_ok=True)
        touched.add(target.parent)
    for folder in touched:
        fsync_dir(folder)
    journal_path.unlink()
    fsync_dir(state)
    remove_tree(state / str(data.get("txn", "")))
    return left


def recover(state: Path) -> str | None:
    """Finish (journal present) or discard (no journal) what an interrupted run left in ``state``."""
    message = None
    try:
        if (state / JOURNAL).exists():
            data = json.loads((state / JOURNAL).read_text("utf-8"))
            left = roll_forward(state)
            message = f"finished an interrupted `{data.get('op')}` ({len(data.get('entries', []))} files)"
            if left:
                message += f"; changed since, left as they are: {', '.join(left)}"
        for entry in os.listdir(state):
            if entry.startswith("txn-"):
                _discard(state / entry)
    except (ValueError, KeyError, TypeError) as exc:
        raise FsError(f"{state / JOURNAL}: damaged journal ({exc})", "inspect it, then delete it") from None
    except OSError as exc:
        raise os_failure("recover", state, exc) from None
    return message


def repo_lock(config: Path, *, shared: bool, wait: float) -> tuple[Lock | None, str | None]:
    """Lock the repository (shared: render; exclusive: secrets) and finish interrupted rewrites.

    A repository we cannot write to (read-only checkout) is read without a lock: no run of ours
    can change it either. Returns the lock and what recovery did (a message or None).
    """
    state = repo_state(config)
    if not state.parent.is_dir():
        return None, None
    try:
        state_dir(state)
    except FsError:
        if shared and not os.access(state.parent, os.W_OK):
            return None, None
        raise
    lock = Lock(state / "lock", f"the repository {state.parent}", shared=shared, wait=wait).acquire()
    message = None
    if (state / JOURNAL).exists() or any(e.startswith("txn-") for e in os.listdir(state)):
        if shared:
            lock.release()
            lock = Lock(state / "lock", f"the repository {state.parent}", wait=wait).acquire()
        message = recover(state)
        if shared:
            lock.set_shared(True)
    return lock, message


__all__ = ["EXIT_FS", "Transaction", "recover", "repo_lock", "repo_state", "roll_forward"]
