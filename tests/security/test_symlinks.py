"""Tenant files that are links or special files are refused and never read (R015).

A canary file stands for a secret (a private key, /proc/self/environ): its content must appear
in no output, whatever the format, and the link is named as itself, never as its target.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.repos import make_repo
from tests.security._cli import GOOD_TENANT, assert_refused, run

CANARY = "CANARY-7f3e9b-do-not-print"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    make_repo(tmp_path, {"good": GOOD_TENANT.format(id="good")})
    (tmp_path / "private").mkdir()
    # YAML-looking, so that following the link would load it and quote it in a message.
    (tmp_path / "private" / "key.yaml").write_text(f"evil:\n  {CANARY}: [unclosed\n", "utf-8")
    return tmp_path


def _no_canary(result: subprocess.CompletedProcess[str]) -> None:
    assert CANARY not in result.stdout + result.stderr
    assert "private/key" not in result.stdout + result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
@pytest.mark.parametrize("target", ["../private/key.yaml", "ABSOLUTE", "good.yaml", "/proc/self/environ"])
def test_symlinked_tenant_file_is_refused_unread(repo: Path, target: str, fmt: str) -> None:
    link = repo / "tenants" / "evil.yaml"
    link.symlink_to(repo / "private" / "key.yaml" if target == "ABSOLUTE" else target)
    result = run("validate", "--format", fmt, cwd=repo)
    assert_refused(result, "R015")
    assert "tenants/evil.yaml" in result.stdout + result.stderr
    _no_canary(result)


def test_explicit_symlink_path_and_dangling_link(repo: Path) -> None:
    (repo / "tenants" / "evil.yaml").symlink_to("../private/key.yaml")
    (repo / "tenants" / "dangling.yaml").symlink_to("/nonexistent/x.yaml")
    result = run("validate", "tenants/evil.yaml", "tenants/dangling.yaml", cwd=repo)
    assert_refused(result, "R015")
    assert "tenants/dangling.yaml" in result.stderr
    _no_canary(result)


def test_fifo_is_refused_without_blocking(repo: Path) -> None:
    os.mkfifo(repo / "tenants" / "pipe.yaml")
    result = run("validate", cwd=repo, timeout=30)  # opening a FIFO for reading would block
    assert_refused(result, "R015")
    assert "FIFO" in result.stderr


def test_device_is_refused(repo: Path) -> None:
    result = run("validate", "/dev/zero", cwd=repo, timeout=30)
    assert_refused(result, "R015")


def test_path_through_a_linked_folder_is_refused(repo: Path) -> None:
    (repo / "tenants" / "sub").symlink_to(repo / "private")
    result = run("validate", "tenants/sub/key.yaml", cwd=repo)
    assert_refused(result, "R015")
    _no_canary(result)


def test_linked_tenants_folder_is_refused(repo: Path) -> None:
    (repo / "linked").symlink_to(repo / "private")
    result = run("validate", "linked", cwd=repo)
    assert_refused(result, "R015")
    _no_canary(result)


def test_symlinked_platform_file_is_refused(repo: Path) -> None:
    (repo / "receivers.yaml").symlink_to(repo / "private" / "key.yaml")
    result = run("validate", cwd=repo)
    assert_refused(result, "R015")
    _no_canary(result)


def test_render_and_routes_refuse_links_too(repo: Path) -> None:
    (repo / "tenants" / "evil.yaml").symlink_to("../private/key.yaml")
    for args in (["render", "--out", "out"], ["routes", "test", "tenant=good"], ["test"]):
        result = run(*args, cwd=repo)
        assert_refused(result, "R015")
        _no_canary(result)
    assert not (repo / "out").exists()


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.mark.parametrize("target", ["/proc/self/environ", "ABSOLUTE", "../private/key.yaml"])
def test_diff_refuses_links_committed_in_a_revision(repo: Path, target: str) -> None:
    _git(repo, "init", "-q")
    _git(repo, "add", "tenants")
    _git(repo, "commit", "-qm", "good")
    (repo / "tenants" / "evil.yaml").symlink_to(repo / "private" / "key.yaml" if target == "ABSOLUTE" else target)
    _git(repo, "add", "tenants")
    _git(repo, "commit", "-qm", "link")
    result = run("diff", "HEAD~1", "HEAD", cwd=repo)
    assert_refused(result, "R015")
    assert "HEAD:tenants/evil.yaml" in result.stderr
    _no_canary(result)
