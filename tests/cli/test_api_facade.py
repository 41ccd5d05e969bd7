"""api/: Project never changes, and render never emits what the rules have not seen."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from receivers_cli import targets
from receivers_cli.api import load_project, render_project, validate_project, validated
from receivers_cli.errors import ProblemsError
from receivers_cli.validation.levels import ValidationLevel
from tests.helpers import ROOT


def _broken_platform(tmp_path: Path) -> Path:
    # R122: a default receiver receivers.yaml does not define; structure is fine, a rule refuses it.
    text = (ROOT / "receivers.yaml").read_text("utf-8").replace("default_receiver: unrouted",
                                                                 "default_receiver: nowhere")
    path = tmp_path / "receivers.yaml"
    path.write_text(text, "utf-8")
    return path


def test_project_is_frozen_and_validation_returns_a_new_one(tmp_path: Path) -> None:
    project = load_project([ROOT / "tenants"], _broken_platform(tmp_path))
    with pytest.raises(dataclasses.FrozenInstanceError):
        project.tenants = ()  # type: ignore[misc]
    assert "R122" in {p.rule for p in validate_project(project)}
    assert "R122" not in {p.rule for p in project.problems}  # the loaded project is unchanged
    checked = validated(project, ValidationLevel.STANDARD)
    assert checked is not project and "R122" in {p.rule for p in checked.problems}


def test_render_validates_a_project_it_is_given_unvalidated(tmp_path: Path) -> None:
    project = load_project([ROOT / "tenants"], _broken_platform(tmp_path))
    validate_project(project)  # the result dropped: render must still see R122
    with pytest.raises(ProblemsError) as caught:
        render_project(project, env={})
    assert "R122" in {p.rule for p in caught.value.problems}


def test_native_is_the_default_target() -> None:
    assert targets.names() == ["alertmanager", "helm", "kubernetes", "mimir"]
    assert targets.get().name == targets.DEFAULT == "alertmanager" == targets.get("native").name
