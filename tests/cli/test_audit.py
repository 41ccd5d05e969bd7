"""--log-format: one structured event per render step on stderr; structlog loaded only when asked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from receivers_cli.cli.app import app
from tests.helpers import DEMO_ENV, ROOT

runner = CliRunner()


def _events(stderr: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]


def test_json_events_for_load_build_and_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["--log-format", "json", "render", "--tenants", str(ROOT / "tenants"),
                                 "--config", str(ROOT / "receivers.yaml"), "--out", str(out)], env=DEMO_ENV)
    assert result.exit_code == 0, result.output
    events = _events(result.stderr)
    names = [e["event"] for e in events]
    assert names.count("file_loaded") == 5 and "render_built" in names
    assert names.count("file_written") == len(list(p for p in out.rglob("*") if p.is_file()))
    written = {Path(str(e["file"])).name: e["sha256"] for e in events if e["event"] == "file_written"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert written["alertmanager.yml"] == manifest["outputs"]["alertmanager.yml"]
    assert all(len(str(e["sha256"])) == 64 for e in events if e["event"] == "file_loaded")
    assert result.stdout.startswith("rendered")  # events never on stdout
    for value in DEMO_ENV.values():
        assert value not in result.stderr


def test_text_format_on_render_and_failures_are_logged(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", "--log-format", "text", "--tenants", str(ROOT / "tenants"),
                                 "--config", str(ROOT / "receivers.yaml"), "--out", str(tmp_path / "o")], env={})
    assert result.exit_code == 1
    assert "event='file_loaded'" in result.stderr and "event='failed'" in result.stderr and "R301" in result.stderr


def test_unknown_format_is_a_usage_error() -> None:
    assert runner.invoke(app, ["--log-format", "xml", "validate", str(ROOT / "tenants")]).exit_code == 2


def test_validate_does_not_import_structlog() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from receivers_cli.cli.app import app;"
        f"CliRunner().invoke(app, ['validate', {str(ROOT / 'tenants')!r}]);"
        "print('structlog' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr
