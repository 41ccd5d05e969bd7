"""Render a fixture repository through the public API (no CLI), for tests."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from receivers_cli.api import Rendered, load_project, render_project, validate_project
from receivers_cli.render.output import write_output
from receivers_cli.validation.levels import ValidationLevel


def render_repo(
    tenants: Path, config: Path | None, out: Path, env: Mapping[str, str], version: str | None = None
) -> Rendered:
    project = load_project([tenants], config, alertmanager_version=version)
    validate_project(project, ValidationLevel.STANDARD)
    rendered = render_project(project, env=env)
    write_output(rendered.files, out)
    return rendered
