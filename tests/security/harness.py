"""A hostile tenant against a real Alertmanager: canaries in, a sink per side, nothing may leak.

The platform file carries canary credentials in ``global``; a victim tenant carries a canary variable
and a canary template text; a canary file stands for another tenant's secret file on the host. The
attacker tenant's destinations point at the *attacker's* sinks (HTTP and SMTP). After a render the
real server gets alerts for both tenants; the victim's delivery proves the config is live, and no
canary may ever reach an attacker sink, in the request line, a header or the body.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.judges import Judge

RECEIVERS = str(Path(sys.executable).with_name("receivers"))

CANARIES = {
    "opsgenie_api_key": "cnry-opsgenie-0001",
    "victorops_api_key": "cnry-victorops-0002",
    "slack_api_url_path": "cnry-slack-0003",
    "http_config_credentials": "cnry-httpcfg-0004",
    "smtp_auth_password": "cnry-smtp-0005",
    "wechat_api_secret": "cnry-wechat-0006",
    "telegram_bot_token": "cnry-telegram-0007",
    "victim_variable": "cnry-victim-var-0008",
    "victim_template": "cnry-victim-tmpl-0009",
    "victim_file": "cnry-victim-file-0010",
    "receivers_key_var": "cnry-receivers-0011",
    "pagerduty_url_path": "cnry-pd-0012",
    "rocketchat_token": "cnry-rocket-0013",
    "mattermost_url_path": "cnry-mattermost-0014",
}


@dataclass
class Request:
    line: str
    headers: str
    body: bytes

    def text(self) -> str:
        return f"{self.line}\n{self.headers}\n{self.body.decode('utf-8', 'replace')}"


@dataclass
class RecordingSink:
    """Records every HTTP request in full (any method, CONNECT included) and answers 200."""

    requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        sink = self
        cv = self._cv = threading.Condition()

        class Handler(BaseHTTPRequestHandler):
            def _record(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with cv:
                    sink.requests.append(Request(self.requestline, str(self.headers), body))
                    cv.notify_all()
                payload = b'{"ok": true, "result": {"message_id": 1, "chat": {"id": 1}}, "success": true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_POST = do_PUT = do_GET = do_PATCH = do_CONNECT = _record

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def wait_for(self, needle: str, timeout: float) -> bool:
        with self._cv:
            return self._cv.wait_for(lambda: any(needle in r.text() for r in self.requests), timeout)

    def dump(self) -> str:
        with self._cv:
            return "\n".join(r.text() for r in self.requests)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SmtpSink:
    """A minimal SMTP server that offers AUTH on a plain connection and records every byte."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.done = threading.Event()  # set when a message has been accepted
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                def say(line: str) -> None:
                    self.wfile.write(line.encode() + b"\r\n")

                say("220 attacker ESMTP")
                in_data = False
                while True:
                    raw = self.rfile.readline(65536)
                    if not raw:
                        return
                    sink.data.extend(raw)
                    line = raw.decode("utf-8", "replace").strip()
                    if in_data:
                        if line == ".":
                            in_data = False
                            say("250 ok")
                            sink.done.set()
                        continue
                    verb = line.split(" ")[0].upper()
                    if verb in ("EHLO", "HELO"):
                        self.wfile.write(b"250-attacker\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")
                    elif verb == "AUTH":
                        if len(line.split(" ")) == 2 and line.split(" ")[1].upper() == "LOGIN":
                            say("334 VXNlcm5hbWU6")
                            sink.data.extend(self.rfile.readline(65536))
                            say("334 UGFzc3dvcmQ6")
                            sink.data.extend(self.rfile.readline(65536))
                        say("235 ok")
                    elif verb == "DATA":
                        in_data = True
                        say("354 go")
                    elif verb == "QUIT":
                        say("221 bye")
                        return
                    else:
                        say("250 ok")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        self.address = f"127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def transcript(self) -> str:
        """Every byte of every session, with base64 AUTH payloads also decoded."""
        return self.dump()

    def dump(self) -> str:
        import base64

        text = bytes(self.data).decode("utf-8", "replace")
        decoded = []
        for token in re.findall(r"[A-Za-z0-9+/=]{8,}", text):
            with contextlib.suppress(ValueError):
                decoded.append(base64.b64decode(token + "=" * (-len(token) % 4)).decode("utf-8", "replace"))
        return text + "\n" + "\n".join(decoded)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    proc: subprocess.Popen[bytes]
    log: Path

    def alive(self) -> bool:
        return self.proc.poll() is None


def start_server(judge: Judge, config: Path, workdir: Path) -> Server:
    import urllib.request

    port = free_port()
    log = workdir / f"alertmanager-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            judge.server_cmd(f"--config.file={config}", f"--storage.path={workdir / f'data-{port}'}",
                             f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=",
                             "--log.level=info"),
            stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        if proc.poll() is not None:
            raise AssertionError(f"Alertmanager {judge.label} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/-/ready", timeout=1) as response:
                if response.status == 200:
                    return Server(url, proc, log)
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"Alertmanager {judge.label} not ready: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.05)


def stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.proc.kill()


def post(url: str, alerts: list[dict[str, dict[str, str]]]) -> None:
    import json
    import urllib.request

    request = urllib.request.Request(f"{url}/api/v2/alerts", data=json.dumps(alerts).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("RECEIVERS_") or k == "RECEIVERS_CACHE_DIR"}
    full.update(env)
    return subprocess.run([RECEIVERS, *args], cwd=cwd, env=full, capture_output=True, text=True, timeout=120)


def iter_canaries() -> Iterator[str]:
    yield from CANARIES.values()
