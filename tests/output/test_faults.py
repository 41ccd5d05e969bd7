"""SIGKILL at every step of render / encrypt / rotate (RECEIVERS_FAULT_AT), then look at what a deploy
or a commit would see: complete old or complete new, amtool accepts it, Git sees no staging."""

from __future__ import annotations

import re
import shutil
import signal
import stat
from pathlib import Path

import pytest

from tests.output.support import commit_all, make_repo, run, snapshot, status
from tests.repos import load_yaml
from tests.tools import amtool_check

ENC_KEY = re.compile(r"ENC\[v1,[^,]+,([0-9a-f]{12}),")


def _steps(repo: Path, *args: str) -> list[str]:
    """Every fault point one clean run passes, in order (``step#n``)."""
    log = repo.parent / "steps.log"
    done = run(repo, *args, env={"RECEIVERS_FAULT_LOG": str(log)})
    assert done.returncode == 0, done.stderr
    passed = log.read_text().splitlines()
    log.unlink()
    assert passed
    # A point passed once per file behaves the same each time: its first and last pass stand for all.
    last: dict[str, str] = {}
    for item in passed:
        last[item.split("#")[0]] = item
    return [s for s in passed if s.endswith("#1") or s in last.values()]


def _killed(repo: Path, step: str, *args: str) -> None:
    done = run(repo, *args, env={"RECEIVERS_FAULT_AT": step})
    assert done.returncode == -signal.SIGKILL, (step, done.returncode, done.stderr)


def _no_untracked(repo: Path) -> None:
    untracked = [line for line in status(repo) if line.startswith("??")]
    assert untracked == [], untracked


def _change_a_tenant(repo: Path) -> None:
    path = repo / "tenants" / "beta.yaml"
    path.write_text(path.read_text().replace('"#beta"', '"#beta-new"'))


@pytest.mark.parametrize("exchange", [True, False], ids=["rename-exchange", "two-renames"])
def test_render_killed_at_every_step_leaves_complete_old_or_new(tmp_path: Path, exchange: bool) -> None:
    env_extra = {} if exchange else {"RECEIVERS_FAULT_NO_EXCHANGE": "1"}
    # Every run happens at the same absolute paths (the config names secret files by absolute path).
    work, pristine = tmp_path / "work", tmp_path / "pristine"
    repo = make_repo(work / "repo")
    args = ("render", "--secrets-dir", "../secrets")  # outside the repository: plaintext never where git looks
    assert run(repo, *args).returncode == 0
    commit_all(repo)  # the committed-output workflow: rendered/ is in Git
    old = snapshot(repo / "rendered")
    _change_a_tenant(repo)
    shutil.copytree(work, pristine, symlinks=True)
    steps = _steps(repo, *args)
    new = snapshot(repo / "rendered")
    assert new != old
    for step in steps:
        shutil.rmtree(work)
        shutil.copytree(pristine, work, symlinks=True)
        done = run(repo, *args, env={"RECEIVERS_FAULT_AT": step, **env_extra})
        assert done.returncode == -signal.SIGKILL, (step, done.stderr)
        if not (not exchange and step.startswith("out.between-renames")):
            # (two renames, without RENAME_EXCHANGE, leave a gap there; the next run closes it)
            _same_as_old_or_new(snapshot(repo / "rendered"), old, new, step)
            _deployable(repo)
        _no_untracked(repo)
        again = run(repo, *args, env=env_extra)
        assert again.returncode == 0, (step, again.stderr)
        assert snapshot(repo / "rendered") == new, step
        _deployable(repo)
        leftovers = [p.name for p in (repo / ".rendered.receivers").iterdir() if p.name.startswith(("new-", "old-"))]
        assert leftovers == [], (step, leftovers)


def _same_as_old_or_new(visible: dict[str, bytes], old: dict[str, bytes], new: dict[str, bytes], step: str) -> None:
    assert visible in (old, new), (step, sorted(visible))


def _deployable(repo: Path) -> None:
    config = repo / "rendered" / "alertmanager.yml"
    check = amtool_check(config)
    assert check.returncode == 0, check.stdout + check.stderr
    data = load_yaml(config.read_text())
    named = [v for r in data["receivers"] for cfgs in r.values() if isinstance(cfgs, list)
             for c in cfgs for v in _file_fields(c)]
    assert named and all(Path(p).is_file() for p in named), [p for p in named if not Path(p).is_file()]


def _file_fields(node: object) -> list[str]:
    if isinstance(node, dict):
        return [str(v) for k, v in node.items() if k.endswith("_file") and isinstance(v, str)] + [
            f for v in node.values() for f in _file_fields(v)
        ]
    return []


def _normal(files: dict[str, bytes]) -> dict[str, bytes]:
    """Envelopes are randomized: compare files with each ENC[...] replaced by a placeholder."""
    return {k: re.sub(rb"ENC\[[^\]]*\]", b"ENC[...]", v) for k, v in files.items()}


def _keygen(repo: Path) -> Path:
    key = repo.parent / f"{repo.name}.key"
    done = run(repo, "secrets", "keygen", "--private-key", str(key))
    assert done.returncode == 0, done.stderr
    commit_all(repo)
    return key


def _key_ids(repo: Path) -> dict[str, set[str]]:
    return {p.name: set(ENC_KEY.findall(p.read_text())) for p in sorted((repo / "tenants").glob("*.yaml"))}


def test_encrypt_killed_at_every_step_is_all_or_nothing(tmp_path: Path) -> None:
    base = make_repo(tmp_path / "base")
    _keygen(base)
    plain = snapshot(base / "tenants")
    probe = tmp_path / "probe"
    shutil.copytree(base, probe)
    steps = _steps(probe, "secrets", "encrypt", "tenants")
    encrypted = snapshot(probe / "tenants")
    for step in steps:
        repo = tmp_path / f"at-{step.replace('#', '-')}"
        shutil.copytree(base, repo)
        _killed(repo, step, "secrets", "encrypt", "tenants")
        _no_untracked(repo)  # no temp file in tenants/ for `git add -A` to commit
        # The next command that locks the repository finishes (or drops) the interrupted run.
        done = run(repo, "secrets", "status")
        assert "Traceback" not in done.stderr, done.stderr
        assert _normal(snapshot(repo / "tenants")) in (_normal(plain), _normal(encrypted)), step
        _no_untracked(repo)
        shutil.rmtree(repo)


def test_rotate_killed_at_every_step_is_all_or_nothing(tmp_path: Path) -> None:
    base = make_repo(tmp_path / "base")
    old_key = _keygen(base)
    assert run(base, "secrets", "encrypt", "tenants").returncode == 0
    commit_all(base)
    before = _key_ids(base)
    (old_id,) = set().union(*before.values())
    probe = tmp_path / "probe"
    shutil.copytree(base, probe)
    rotate = ("secrets", "rotate", "--private-key", str(old_key), "--new-private-key", "../new.key")
    steps = _steps(probe, *rotate)
    assert "rotate.apply#5" in steps  # killed between files too (key, config, 3 tenants)  # killed between files, too
    for step in steps:
        repo = tmp_path / f"at-{step.replace('#', '-').replace(' ', '_')}"
        shutil.copytree(base, repo)
        (repo.parent / "new.key").unlink(missing_ok=True)
        _killed(repo, step, *rotate)
        _no_untracked(repo)
        run(repo, "secrets", "status")  # recovery
        ids = _key_ids(repo)
        new_key = repo.parent / "new.key"
        recipients = (repo / "receivers.yaml").read_text()
        if new_key.exists():
            assert stat.S_IMODE(new_key.stat().st_mode) == 0o600
            new_id = re.search(r"# id: ([0-9a-f]{12})", new_key.read_text())
            assert new_id is not None and new_id.group(1) in recipients, step
            assert all(v == {new_id.group(1)} for v in ids.values()), (step, ids)
        else:
            assert ids == before and recipients.count("public_key") == 1, (step, ids)
            assert all(v == {old_id} for v in ids.values())
        _no_untracked(repo)
        shutil.rmtree(repo)
        new_key.unlink(missing_ok=True)
