"""Helpers for comparing the routing simulator with the real ``amtool`` (Alertmanager 0.25).

The ``amtool`` fixture skips the test when ``amtool`` is not installed, except on CI
(``CI=true``), where a missing ``amtool`` is a failure: the agreement test must run there.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from receivers_cli.alertmanager.matchers import Matcher, MatchType
from tests.tools import require_tool


def require_amtool() -> str:
    """The amtool path (``$AMTOOL`` first); skip without it, but fail on CI (``CI=true``)."""
    return os.environ.get("AMTOOL") or require_tool("amtool")


def label_argument(name: str, value: str) -> str:
    """``name="value"`` escaped so amtool's label parser reads back exactly ``value``."""
    return str(Matcher(name, MatchType.EQUAL, value))


class Amtool:
    """Runs ``amtool config routes test`` on configs written to a temporary directory."""

    def __init__(self, path: str, workdir: Path) -> None:
        from tests.judges import version_of

        self.path = path
        self.workdir = workdir
        self.calls = 0
        # The release this amtool is: its parser is the one to compare with (classic before 0.27).
        self.version = version_of(path) or (0, 25)

    def write_config(self, config: Mapping[str, Any], name: str = "alertmanager.yml") -> Path:
        target = self.workdir / name
        target.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
        return target

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        self.calls += 1
        return subprocess.run([self.path, *args], capture_output=True, text=True, timeout=30, check=False)

    def routes_test(self, config_file: Path, labels: Mapping[str, str]) -> str:
        """The receiver line amtool prints; raises AssertionError when amtool fails."""
        arguments = [label_argument(name, value) for name, value in labels.items()]
        result = self.run("config", "routes", "test", f"--config.file={config_file}", *arguments)
        if result.returncode != 0:
            raise AssertionError(f"amtool failed (rc {result.returncode}): {result.stderr.strip()}")
        # stderr always carries "Warning: --config.file flag overrides the --alertmanager.url.";
        # amtool >= 0.27 prints parser warnings (level=WARN ...) on stdout before the answer.
        lines = [line for line in result.stdout.rstrip("\n").split("\n") if not line.startswith("time=")]
        return "\n".join(line for line in lines if not line.startswith("level="))

    def check_config(self, config_file: Path) -> subprocess.CompletedProcess[str]:
        return self.run("check-config", str(config_file))
