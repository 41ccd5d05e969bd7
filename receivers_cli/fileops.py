"""Crash-safe file system steps shared by ``render`` and ``secrets``: durable writes, the atomic
folder exchange, locks, OS errors in words, deferred signals and the fault-injection hook.

Nothing here knows about tenants or Alertmanager; it is the "emit" end of the data flow.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

EXIT_FS = 1  # the file system refused a write, or another run holds the lock
EXIT_REFUSED = 2  # the command as given would destroy something (usage error)

# Written into every hidden state folder we create, so Git never shows staging, locks or journals.
GITIGNORE = "# written by receivers: staging, locks and journals; never commit\n*\n"


class FsError(Exception):
    """A located, plain-words file system failure or refusal; the CLI prints it without a traceback."""

    def __init__(self, message: str, hint: str = "", exit_code: int = EXIT_FS) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message


_CAUSES = {
    errno.ENOSPC: "no space left on the device (disk full)",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOENT: "no such file or directory",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "is a folder",
    errno.EEXIST: "already exists",
    errno.ENOTEMPTY: "folder is not empty",
    errno.EXDEV: "crosses file systems",
    errno.EIO: "input/output error (failing disk?)",
    errno.EMFILE: "too many open files",
    errno.ENAMETOOLONG: "file name too long",
    errno.ELOOP: "too many symbolic links",
}
_HINTS = {
    errno.ENOSPC: "free some space and run again; the previous output is untouched",
    errno.EDQUOT: "free some space and run again; the previous output is untouched",
    errno.EROFS: "write somewhere writable (e.g. --out /tmp/rendered)",
    errno.EACCES: "check the owner and mode of the folder",
    errno.EPERM: "check the owner and mode of the folder",
}


def cause(exc: OSError) -> str:
    """The reason of an OS failure in words (never a Python class name)."""
    if exc.errno in _CAUSES:
        return _CAUSES[exc.errno]
    return (exc.strerror or str(exc)).lower()


def os_failure(action: str, path: Path | str, exc: OSError) -> FsError:
    """``cannot <action> <path>: <cause>`` with a hint where one helps."""
    where = exc.filename if exc.filename is not None else path
    return FsError(f"cannot {action} {where}: {cause(exc)}", _HINTS.get(exc.errno or 0, ""), EXIT_FS)


# --- fault injection (tests only) -------------------------------------------------------------
# RECEIVERS_FAULT_AT=<step>[#<n>]   SIGKILL this process at the n-th (default first) pass of <step>
# RECEIVERS_FAULT_PAUSE=<step>[#<n>] with RECEIVERS_FAULT_FILE=<path>: create <path>, wait until it
#                                    is deleted (at most 60 s), then go on
# RECEIVERS_FAULT_LOG=<path>         append "<step>#<n>" for every step passed
# RECEIVERS_FAULT_NO_EXCHANGE=1      behave as on a system without RENAME_EXCHANGE
_passes: dict[str, int] = {}


def fault_point(step: str) -> None:
    """A named point of a write sequence; a no-op unless a RECEIVERS_FAULT_* variable names it."""
    env = os.environ
    if not any(k.startswith("RECEIVERS_FAULT_") for k in env):
        return
    _passes[step] = n = _passes.get(step, 0) + 1
    here = f"{step}#{n}"
    log = env.get("RECEIVERS_FAULT_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(here + "\n")
    names = {here, step} if n == 1 else {here}
    if env.get("RECEIVERS_FAULT_AT") in names:
        os.kill(os.getpid(), signal.SIGKILL)
    if env.get("RECEIVERS_FAULT_PAUSE") in names:
        flag = Path(env.get("RECEIVERS_FAULT_FILE", "receivers-fault-pause"))
        flag.write_text(f"{os.getpid()}\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while flag.exists() and time.monotonic() < deadline:
            time.sleep(0.02)


# --- signals ------------------------------------------------------------------------------------
class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: unwind (removing staging), then exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_raising = False  # False until main() runs: during imports an interrupt just exits
_defer_depth = 0
_pending: int | None = None


def _on_signal(signum: int, frame: FrameType | None) -> None:
    global _pending
    if not _raising:
        sys.stderr.write("interrupted\n")
        os._exit(128 + signum)
    if _defer_depth:
        _pending = signum  # inside a critical step: finish it first
        return
    raise Interrupted(signum)


def install_signal_handlers(raising: bool) -> None:
    """SIGINT/SIGTERM → :class:`Interrupted` (``raising``) or a one-line exit (while importing)."""
    global _raising
    _raising = raising
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(signum, _on_signal)
        except ValueError:  # not the main thread (the Python API used from a thread): leave as is
            return


@contextmanager
def deferred_signals() -> Iterator[None]:
    """Hold SIGINT/SIGTERM until the block is done (a swap and its bookkeeping are one step)."""
    global _defer_depth, _pending
    _defer_depth += 1
    try:
        yield
    finally:
        _defer_depth -= 1
        if not _defer_depth and _pending is not None:
            signum, _pending = _pending, None
            raise Interrupted(signum)


# --- durable writes -----------------------------------------------------------------------------
def fsync_dir(path: Path) -> None:
    """Make a folder's entries (creations, renames) durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new_file(path: Path, data: str | bytes, mode: int = 0o644) -> None:
    """Create ``path`` (it must not exist) with ``data``, mode ``mode``, flushed to the disk."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    try:
        os.fchmod(fd, mode)  # open()'s mode is narrowed by umask; this is the mode we mean
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(root: Path) -> None:
    """fsync every folder below ``root`` (files are fsynced as they are written)."""
    for here, _dirs, _files in os.walk(root):
        fsync_dir(Path(here))


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2() -> Any:
    if sys.platform != "linux" or os.environ.get("RECEIVERS_FAULT_NO_EXCHANGE"):
        return None
    import ctypes.util  # only when a swap happens: keeps start-up light
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step (Linux RENAME_EXCHANGE); False when unsupported."""
    func = _renameat2()
    if func is None:
        return False
    import ctypes

    if func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False  # the file system cannot exchange: the caller uses its fallback
    raise OSError(err, os.strerror(err), str(b))


def remove_tree(path: Path) -> None:
    """Remove a staging or retired folder; gone already is fine."""
    shutil.rmtree(path, ignore_errors=True)


def state_dir(path: Path) -> Path:
    """A hidden 0700 folder for staging, locks and journals, with a ``.gitignore`` of ``*`` inside.

    Refuses a path that exists and is not our folder (a symlink, a file), so no write follows a
    planted link.
    """
    try:
        path.mkdir(mode=0o700, exist_ok=False)
    except FileExistsError:
        if path.is_symlink() or not path.is_dir():
            raise FsError(f"{path} is in the way: not a folder receivers made", "remove it", EXIT_REFUSED) from None
    except OSError as exc:
        raise os_failure("create", path, exc) from None
    ignore = path / ".gitignore"
    if not ignore.exists():
        try:
            write_new_file(ignore, GITIGNORE)
        except FileExistsError:
            pass
        except OSError as exc:
            raise os_failure("write", ignore, exc) from None
    return path


def unique_name(prefix: str) -> str:
    return f"{prefix}{secrets.token_hex(4)}"


# --- locks --------------------------------------------------------------------------------------
class Lock:
    """An ``fcntl.flock`` on a lock file, waited for at most ``wait`` seconds; records our pid."""

    def __init__(self, path: Path, what: str, *, shared: bool = False, wait: float = 10.0) -> None:
        self.path, self.what, self.shared, self.wait = path, what, shared, wait
        self.fd: int | None = None

    def acquire(self) -> Lock:
        import fcntl

        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        except OSError as exc:
            raise os_failure("open the lock file", self.path, exc) from None
        mode = fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX
        deadline = time.monotonic() + max(self.wait, 0.0)
        while True:
            try:
                fcntl.flock(self.fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = self._holder()
                    os.close(self.fd)
                    self.fd = None
                    raise FsError(
                        f"another receivers run{holder} is using {self.what} (lock {self.path}); waited {self.wait:g}s",
                        "wait for it to finish, or give more time with --wait SECONDS",
                        EXIT_FS,
                    ) from None
                time.sleep(0.05)
        if not self.shared:
            os.ftruncate(self.fd, 0)
            os.pwrite(self.fd, f"{os.getpid()}\n".encode(), 0)
        return self

    def _holder(self) -> str:
        try:
            text = Path(self.path).read_text("ascii").strip()
        except (OSError, UnicodeDecodeError):
            return ""
        return f" (pid {text})" if text.isdigit() else ""

    def set_shared(self, shared: bool) -> None:
        """Convert a held lock (exclusive ↔ shared)."""
        import fcntl

        assert self.fd is not None
        fcntl.flock(self.fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        self.shared = shared

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the last descriptor drops the flock
            self.fd = None

    def __enter__(self) -> Lock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
