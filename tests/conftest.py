"""Shared test helpers: the real amtool / Alertmanager (skip on a laptop, fail in CI), a webhook sink."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI") == "true"


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


def require_tool(name: str) -> str:
    """Path of a real tool; skip when missing on a laptop, fail when missing in CI."""
    path = shutil.which(name)
    if path is None:
        reason = f"{name} is not installed (apt-get install prometheus-alertmanager)"
        if IN_CI:
            pytest.fail(f"{reason}; CI must install it")
        pytest.skip(reason)
    return path


def amtool_check(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [require_tool("amtool"), "check-config", str(config)], capture_output=True, text=True, timeout=60
    )


def amtool_routes(config: Path, labels: dict[str, str]) -> list[str]:
    """Receivers ``amtool config routes test`` picks for ``labels``, in its order."""
    args = [f"{k}={v}" for k, v in labels.items()]
    done = subprocess.run(
        [require_tool("amtool"), "config", "routes", "test", f"--config.file={config}", *args],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().split(",")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Sink:
    """An in-test HTTP receiver that records every POST (path and JSON body)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []
        # Every POST in full (path with query, headers, raw body): what a leak test must search.
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self._cv = threading.Condition()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                with sink._cv:
                    sink.events.append((self.path, body))
                    sink.requests.append((self.path, dict(self.headers.items()), raw))
                    sink._cv.notify_all()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                # Telegram's client reads result.chat (Alertmanager 0.25 crashes without it).
                self.wfile.write(b'{"ok": true, "result": {"message_id": 1, "chat": {"id": 1}}}')

            def do_GET(self) -> None:
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def wait_for(self, predicate: Callable[[str, Any], bool], timeout: float = 10.0) -> bool:
        with self._cv:
            return self._cv.wait_for(lambda: any(predicate(p, b) for p, b in self.events), timeout)

    def paths(self) -> list[str]:
        with self._cv:
            return [p for p, _ in self.events]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sink() -> Iterator[Sink]:
    s = Sink()
    yield s
    s.close()


def _wait_http(url: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} not ready after {timeout}s")
        time.sleep(0.05)


@pytest.fixture
def alertmanager(tmp_path: Path) -> Iterator[Callable[[Path], str]]:
    """Factory: start the real prometheus-alertmanager on 127.0.0.1 with a config; returns its URL."""
    binary = require_tool("prometheus-alertmanager")
    procs: list[subprocess.Popen[bytes]] = []

    def start(config: Path) -> str:
        port = free_port()
        log = open(tmp_path / f"alertmanager-{port}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            [binary, f"--config.file={config}", f"--storage.path={tmp_path / f'data-{port}'}",
             f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn"],
            stdout=log, stderr=subprocess.STDOUT,
        )
        procs.append(proc)
        url = f"http://127.0.0.1:{port}"
        _wait_http(f"{url}/-/ready")
        return url

    yield start
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def serve_rendered(
    tmp_path: Path, sink: Sink, alertmanager: Callable[[Path], str]
) -> Callable[[Path], tuple[str, Path]]:
    """Factory: render a fixture repository (``tenants/`` + ``receivers.yaml``) with ``${SINK}``
    pointing at the sink, start the real Alertmanager on it; returns its URL and the config path."""
    from tests.helpers import render_repo

    def serve(repo: Path) -> tuple[str, Path]:
        out = tmp_path / "out"
        render_repo(repo / "tenants", repo / "receivers.yaml", out, {"SINK": sink.url})
        config = out / "alertmanager.yml"
        return alertmanager(config), config

    return serve


def post_alerts(url: str, alerts: list[dict[str, Any]]) -> None:
    request = urllib.request.Request(
        f"{url}/api/v2/alerts", data=json.dumps(alerts).encode(), method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200


DEMO_ENV = {
    "PD_INTEGRATION_PREMIUM_CRITICAL": "0123456789abcdef0123456789abcdef",
    "CHECKOUT_SLACK_WEBHOOK": "https://hooks.slack.com/services/T000/B000/XXXX",
    "CHECKOUT_PD_KEY": "fedcba9876543210fedcba9876543210",
    "CHECKOUT_TICKET_HOOK": "https://tickets.example.com/hook",
    "SEARCH_TELEGRAM_TOKEN": "123456:ABCDEF",
    "PAYMENTS_OPSGENIE_KEY": "00000000-0000-0000-0000-000000000000",
    "PAYMENTS_DISCORD_WEBHOOK": "https://discord.com/api/webhooks/1/abc",
}
