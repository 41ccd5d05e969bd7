"""The real Alertmanager binaries that judge our output, by version.

The system package (Debian 12: 0.25) is on PATH; ``.ci/fetch-alertmanagers`` unpacks Debian's 0.28.1
and 0.33.1 builds under ``.cache/alertmanager/<X.Y>/`` (or ``$RECEIVERS_ALERTMANAGERS``). A test asks
for the judge of its target version and gets the newest real binary at or below it. Missing binaries
skip the test on a laptop and fail it in CI (``CI=true``), where ``.ci/run`` must provide them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.tools import IN_CI

# The versions CI provides: the system package plus the two fetched builds.
EXPECTED = ((0, 25), (0, 28), (0, 33))

Version = tuple[int, int]


@dataclass(frozen=True)
class Judge:
    """One real Alertmanager release: its amtool, its server and its default templates."""

    version: Version
    amtool: str
    server: str | None
    templates: Path | None  # the folder holding this release's default.tmpl

    @property
    def label(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"

    def amtool_cmd(self, *args: str) -> list[str]:
        return [self.amtool, *args]

    def server_cmd(self, *args: str) -> list[str]:
        """The server command line. Debian's builds read ``default.tmpl`` from a fixed system path; a
        release other than the system one runs in a private mount namespace with its own file there."""
        assert self.server is not None
        system = Path("/usr/share/prometheus/alertmanager")
        if self.templates is None or self.templates == system or not shutil.which("unshare"):
            return [self.server, *args]
        script = 'mount --bind "$1" "$2" && shift 2 && exec "$@"'
        return ["unshare", "-m", "sh", "-c", script, "sh", str(self.templates), str(system), self.server, *args]


def version_of(binary: str) -> Version | None:
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"version (\d+)\.(\d+)", out.stdout + out.stderr)
    return (int(match.group(1)), int(match.group(2))) if match else None


def cache_dir() -> Path:
    return Path(os.environ.get("RECEIVERS_ALERTMANAGERS") or ROOT / ".cache" / "alertmanager")


@cache
def judges() -> dict[Version, Judge]:
    """Every real release found here, by version."""
    found: dict[Version, Judge] = {}
    system = shutil.which("amtool")
    if system:
        version = version_of(system)
        if version:
            tmpl = Path("/usr/share/prometheus/alertmanager")
            found[version] = Judge(version, system, shutil.which("prometheus-alertmanager"),
                                   tmpl if tmpl.is_dir() else None)
    base = cache_dir()
    if base.is_dir():
        for folder in sorted(base.iterdir()):
            amtool = folder / "usr" / "bin" / "amtool"
            if not amtool.is_file():
                continue
            version = version_of(str(amtool))
            if version is None:
                continue
            server = folder / "usr" / "bin" / "prometheus-alertmanager"
            tmpl = folder / "usr" / "share" / "prometheus" / "alertmanager"
            found[version] = Judge(version, str(amtool), str(server) if server.is_file() else None,
                                   tmpl if tmpl.is_dir() else None)
    return dict(sorted(found.items()))


def _missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason}; CI must provide it (.ci/run runs .ci/fetch-alertmanagers)")
    pytest.skip(f"{reason} (run .ci/fetch-alertmanagers or apt-get install prometheus-alertmanager)")


def judge_for(target: Version, *, server: bool = False) -> Judge:
    """The newest real release at or below ``target`` (with a server binary if ``server``)."""
    candidates = [j for v, j in judges().items() if v <= target and (j.server or not server)]
    if not candidates:
        _missing(f"no real Alertmanager at or below {target[0]}.{target[1]} is installed")
    return candidates[-1]


def judge_exactly(version: Version, *, server: bool = False) -> Judge:
    """The real release ``version``; skip (fail in CI) when it is not here."""
    judge = judges().get(version)
    if judge is None or (server and judge.server is None):
        _missing(f"real Alertmanager {version[0]}.{version[1]} is not installed")
    assert judge is not None
    return judge


def last_line(stdout: str) -> str:
    """amtool >= 0.27 prints parser ``level=WARN`` lines before its answer."""
    lines = [line for line in stdout.splitlines() if line.strip() and not line.startswith(("level=", "time="))]
    return lines[-1] if lines else ""
