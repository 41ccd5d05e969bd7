"""The real tools the tests judge with: amtool and the Alertmanager server (skip on a laptop, fail in
CI), the HTTP sink they deliver to, and the small runners around them. Fixtures live in conftest.py;
the helpers live here so test modules import them from a module, never from ``conftest``."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

IN_CI = os.environ.get("CI") == "true"


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


def free_ports(count: int) -> list[int]:
    """``count`` distinct free ports: each socket stays bound until all are chosen, so two calls of
    free_port cannot hand out the same port to two listeners that start later."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [int(s.getsockname()[1]) for s in sockets]
    finally:
        for s in sockets:
            s.close()


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


def wait_http(url: str, timeout: float = 15.0) -> None:
    """Poll ``url`` until it answers 200; TimeoutError after ``timeout`` seconds."""
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


def start_alertmanager(binary: str, config: Path, workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``binary`` on 127.0.0.1 with ``config`` (state and log under ``workdir``), once ready.
    Returns the process (the caller stops it) and its URL."""
    port = free_port()
    log = open(workdir / f"alertmanager-{port}.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [binary, f"--config.file={config}", f"--storage.path={workdir / f'data-{port}'}",
         f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{url}/-/ready")
    except TimeoutError:
        stop(proc)
        raise
    return proc, url


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate ``proc``, killing it when it does not exit within ten seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def post_alerts(url: str, alerts: list[dict[str, Any]]) -> None:
    request = urllib.request.Request(
        f"{url}/api/v2/alerts", data=json.dumps(alerts).encode(), method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200
