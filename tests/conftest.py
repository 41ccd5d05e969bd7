"""Fixtures and hooks only: helpers live in modules (tests/tools.py, tests/helpers.py, tests/repos.py)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import render_repo
from tests.tools import Sink, require_tool, start_alertmanager, stop


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never read or write the user's cache (~/.cache/receivers)."""
    old = os.environ.get("RECEIVERS_CACHE_DIR")
    os.environ["RECEIVERS_CACHE_DIR"] = str(tmp_path_factory.mktemp("receivers-cache"))
    yield
    if old is None:
        os.environ.pop("RECEIVERS_CACHE_DIR", None)
    else:
        os.environ["RECEIVERS_CACHE_DIR"] = old


@pytest.fixture
def sink() -> Iterator[Sink]:
    s = Sink()
    yield s
    s.close()


@pytest.fixture
def alertmanager(tmp_path: Path) -> Iterator[Callable[[Path], str]]:
    """Factory: start the real prometheus-alertmanager on 127.0.0.1 with a config; returns its URL."""
    binary = require_tool("prometheus-alertmanager")
    procs: list[subprocess.Popen[bytes]] = []

    def start(config: Path) -> str:
        proc, url = start_alertmanager(binary, config, tmp_path)
        procs.append(proc)
        return url

    yield start
    for proc in procs:
        stop(proc)


@pytest.fixture
def serve_rendered(
    tmp_path: Path, sink: Sink, alertmanager: Callable[[Path], str]
) -> Callable[[Path], tuple[str, Path]]:
    """Factory: render a fixture repository (``tenants/`` + ``receivers.yaml``) with ``${SINK}``
    pointing at the sink, start the real Alertmanager on it; returns its URL and the config path."""

    def serve(repo: Path) -> tuple[str, Path]:
        out = tmp_path / "out"
        render_repo(repo / "tenants", repo / "receivers.yaml", out, {"SINK": sink.url})
        config = out / "alertmanager.yml"
        return alertmanager(config), config

    return serve
