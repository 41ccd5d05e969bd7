"""Hostile tenants that make Alertmanager read a file on its host: ``*_file`` fields at any depth
(``http_config.http_headers.<h>.files``, TLS files, credential files), ``sigv4.profile``, and a
time-interval ``location`` that is a path instead of a zone name.

Every fixture under tests/fixtures/security/local-files/tenants/ goes through the real CLI; each
says which problems it must give (``# expect: <rule> <path below the tenant id>``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from receivers_cli.integrations.shared_fields import HTTP_CONFIG
from receivers_cli.integrations.vocabulary import Field
from receivers_cli.validation.rules.file_field_forbidden import reads_file, valid_zone
from tests.helpers import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "security" / "local-files"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "receivers_cli.cli.app", *args], capture_output=True, text=True, timeout=60
    )


def test_every_file_read_is_refused_at_the_tenants_field() -> None:
    done = cli("validate", str(FIXTURES / "tenants"), "--config", str(FIXTURES / "receivers.yaml"),
               "--format", "json")
    assert done.returncode == 1, done.stderr
    # Errors only: a fixture may also draw a warning (R501: no receivers left), which is not the case here.
    problems = [p for p in json.loads(done.stdout)["problems"] if p["severity"] == "error"]
    files = sorted((FIXTURES / "tenants").glob("*.yaml"))
    assert len(files) >= 9
    for file in files:
        lines = file.read_text().splitlines()
        wanted = {line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")}
        wanted.discard("none")
        got = {f"{p['rule']} " + ".".join(str(x) for x in p["path"][1:])
               for p in problems if Path(p["file"]).name == file.name}
        assert got == wanted, file.name
        for p in problems:
            if Path(p["file"]).name == file.name:
                # Located on the key the tenant wrote (line of that key).
                key = str(p["path"][-1])
                assert key in lines[p["line"] - 1], (file.name, p)


def test_render_refuses_a_header_read_from_a_file_and_writes_nothing(tmp_path: Path) -> None:
    tenants = tmp_path / "tenants"
    tenants.mkdir()
    source = FIXTURES / "tenants" / "headers-files.yaml"
    (tenants / source.name).write_text(source.read_text())
    done = cli("render", "--tenants", str(tenants), "--config", str(FIXTURES / "receivers.yaml"),
               "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "R207" in done.stdout + done.stderr and "http_headers.X-Host.files" in done.stdout + done.stderr
    assert not (tmp_path / "out").exists()


def test_platform_receivers_may_read_files(tmp_path: Path) -> None:
    """receivers.yaml is trusted (and render --secrets-dir emits *_file fields itself)."""
    (tmp_path / "receivers.yaml").write_text(
        'alertmanager_version: "0.34"\nreceivers:\n  - name: ops\n    channel_type: webhook\n'
        '    config:\n      url: "https://ops.example.com/"\n'
        "      http_config: {bearer_token_file: /etc/ops/token, tls_config: {ca_file: /etc/ops/ca.pem}}\n"
    )
    tenants = tmp_path / "tenants"
    tenants.mkdir()
    (tenants / "clean.yaml").write_text((FIXTURES / "tenants" / "clean.yaml").read_text())
    done = cli("validate", str(tenants), "--config", str(tmp_path / "receivers.yaml"))
    assert done.returncode == 0, done.stdout


def _file_fields(field: Field, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for sub in field.fields:
        path = (*prefix, sub.name)
        if sub.name.endswith("_file"):
            found.append(path)
        found += _file_fields(sub, path)
    return found


def test_every_declared_http_file_field_counts_as_a_file_read() -> None:
    paths = _file_fields(HTTP_CONFIG, ("http_config",))
    assert len(paths) >= 9  # ca/cert/key (twice, with oauth2), credentials, password, username, ...
    assert all(reads_file(p) for p in paths)
    assert reads_file(("http_config", "http_headers", "X-A", "files"))
    assert not reads_file(("http_config", "http_headers", "X-A", "values"))


@pytest.mark.parametrize(
    ("name", "ok"),
    [("Europe/Stockholm", True), ("UTC", True), ("Local", True), ("", True), ("Etc/GMT+1", True),
     ("../etc/passwd", False), ("/etc/localtime", False), ("Europe/./Stockholm", False),
     ("Europe//Stockholm", False), ("C:\\tz", False), ("Europe/Stockholm ", False)],
)
def test_zone_names(name: str, ok: bool) -> None:
    assert valid_zone(name) is ok
