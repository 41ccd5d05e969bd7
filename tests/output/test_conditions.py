"""Concurrency, locks, edits during encrypt, refused files, full and read-only disks, Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.output.support import RECEIVERS, commit_all, run, snapshot, status
from tests.tools import IN_CI, amtool_check


def _spawn(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("RECEIVERS_FAULT_")}
    full.update(env or {})
    return subprocess.Popen([RECEIVERS, *args], cwd=repo, env=full, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _paused(repo: Path, step: str, *args: str) -> tuple[subprocess.Popen[str], Path]:
    flag = repo.parent / "paused"
    proc = _spawn(repo, *args, env={"RECEIVERS_FAULT_PAUSE": step, "RECEIVERS_FAULT_FILE": str(flag)})
    deadline = time.monotonic() + 60
    while not flag.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return proc, flag


def _keygen(repo: Path) -> None:
    assert run(repo, "secrets", "keygen", "--private-key", str(repo.parent / "k.key")).returncode == 0
    commit_all(repo)


def test_concurrent_renders_all_succeed_and_leave_nothing(repo: Path) -> None:
    procs = [_spawn(repo, "render") for _ in range(4)]
    results = [(*p.communicate(timeout=120), p.returncode) for p in procs]
    assert all(code == 0 for _, _, code in results), results
    assert amtool_check(repo / "rendered" / "alertmanager.yml").returncode == 0
    assert sorted(p.name for p in (repo / ".rendered.receivers").iterdir()) == [".gitignore", "lock"]


def test_a_held_lock_is_named_with_its_pid(repo: Path) -> None:
    proc, flag = _paused(repo, "render.staged", "render")
    try:
        done = run(repo, "render", "--wait", "0.2")
        assert done.returncode == 1, done.stderr
        assert f"pid {proc.pid}" in done.stderr and "--wait" in done.stderr, done.stderr
    finally:
        flag.unlink()
    assert proc.wait(60) == 0


def test_render_waits_for_an_encrypt_of_the_same_repository(repo: Path) -> None:
    _keygen(repo)
    proc, flag = _paused(repo, "encrypt.stage", "secrets", "encrypt", "tenants")
    try:
        done = run(repo, "render", "--wait", "0.2")
        assert done.returncode == 1 and "the repository" in done.stderr, done.stderr
    finally:
        flag.unlink()
    assert proc.wait(60) == 0


def test_an_edit_saved_during_encrypt_is_not_overwritten(repo: Path) -> None:
    _keygen(repo)
    proc, flag = _paused(repo, "encrypt.stage", "secrets", "encrypt", "tenants")
    beta = repo / "tenants" / "beta.yaml"
    edited = beta.read_text().replace('"#beta"', '"#beta-edited"')
    beta.write_text(edited)
    flag.unlink()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and "beta.yaml" in err and "changed on disk" in err, err
    assert beta.read_text() == edited
    assert "ENC[" not in (repo / "tenants" / "alpha.yaml").read_text()  # all or nothing
    again = run(repo, "secrets", "encrypt", "tenants")
    assert again.returncode == 0, again.stderr
    assert "#beta-edited" in beta.read_text() and "s3cr3t" not in beta.read_text()


def test_read_only_and_symlinked_tenant_files_are_refused(repo: Path, tmp_path: Path) -> None:
    _keygen(repo)
    alpha = repo / "tenants" / "alpha.yaml"
    os.chmod(alpha, 0o444)
    done = run(repo, "secrets", "encrypt", "tenants")
    assert done.returncode == 1 and "alpha.yaml" in done.stderr and "read-only" in done.stderr, done.stderr
    os.chmod(alpha, 0o644)
    real = tmp_path / "outside.yaml"
    real.write_text(alpha.read_text().replace("alpha:", "alpha:", 1))
    alpha.unlink()
    os.symlink(real, alpha)
    done = run(repo, "secrets", "encrypt", "tenants")
    assert done.returncode == 1 and "symbolic link" in done.stderr, done.stderr
    assert alpha.is_symlink() and "s3cr3t" in real.read_text()
    assert "ENC[" not in (repo / "tenants" / "beta.yaml").read_text()


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        # Not permitted here (no root, no CAP_SYS_ADMIN, a container): skip even in CI.
        pytest.skip(f"mount {' '.join(args)} is not permitted: {done.stderr.strip()}")


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_full_disk_is_a_message_and_the_previous_output_stays(repo: Path, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk))
    try:
        assert run(repo, "render", "--out", str(disk / "rendered")).returncode == 0
        before = snapshot(disk / "rendered")
        filler = disk / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"\0" * 1024)
        except OSError:
            pass
        finally:
            os.close(fd)
        done = run(repo, "render", "--out", str(disk / "rendered"))
        assert done.returncode == 1, done.stderr
        assert "disk full" in done.stderr and str(disk) in done.stderr, done.stderr
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr
        assert snapshot(disk / "rendered") == before
        assert [p.name for p in (disk / ".rendered.receivers").iterdir() if p.name.startswith("new-")] == []
    finally:
        _umount(disk)


def test_read_only_file_system_is_a_message(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "ro"
    target.mkdir()
    _mount("--bind", str(target), str(target))
    try:
        _mount("-o", "remount,ro,bind", str(target))
        done = run(repo, "render", "--out", str(target / "rendered"))
        assert done.returncode == 1 and "read-only file system" in done.stderr, done.stderr
        assert str(target) in done.stderr and "internal error" not in done.stderr
    finally:
        _umount(target)


def test_permission_denied_is_a_message(repo: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0 and IN_CI is False and not Path("/usr/bin/setpriv").exists():
        pytest.skip("root ignores file modes and setpriv is missing")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    cmd = [RECEIVERS, "render", "--out", str(locked / "rendered")]
    if os.geteuid() == 0:
        os.chmod(tmp_path, 0o755)
        os.chmod(repo.parent, 0o777)
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    env = {**os.environ, "RECEIVERS_CACHE_DIR": str(repo.parent / "cache")}
    os.chmod(repo, 0o777)
    done = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "permission denied" in done.stderr, done.stderr
    assert "internal error" not in done.stderr


def test_ctrl_c_prints_one_line_exits_130_and_leaves_nothing(repo: Path) -> None:
    assert run(repo, "render").returncode == 0
    commit_all(repo)
    before = snapshot(repo / "rendered")
    (repo / "tenants" / "beta.yaml").write_text((repo / "tenants" / "beta.yaml").read_text().replace("#beta", "#b2"))
    proc, flag = _paused(repo, "render.staged", "render")
    proc.send_signal(signal.SIGINT)
    flag.unlink()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().count("\n") == 0 and "interrupted" in err and "Traceback" not in err, err
    assert snapshot(repo / "rendered") == before
    assert [line for line in status(repo) if line.startswith("??")] == []
    assert [p.name for p in (repo / ".rendered.receivers").iterdir() if p.name.startswith("new-")] == []


@pytest.mark.parametrize("delay", [0.1, 0.3, 0.6])
def test_ctrl_c_while_starting_is_one_line_too(repo: Path, delay: float) -> None:
    proc = _spawn(repo, "render")
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 0 or "rendered " in out:
        # The work was done (the output is complete) before the signal; it may still have come
        # during the interpreter's shutdown. Either way nothing half-written is left.
        assert "Traceback" not in err, err
        pytest.skip("the render finished before the signal")
    assert proc.returncode == 130 and "Traceback" not in err, err
