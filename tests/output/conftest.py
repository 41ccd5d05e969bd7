"""Fixtures for the output tests; the helpers live in ``tests.output.support``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.output.support import make_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")
