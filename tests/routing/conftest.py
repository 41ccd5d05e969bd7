"""Fixtures for the routing tests; the amtool helpers live in ``amtool_support``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.routing.amtool_support import Amtool, require_amtool


@pytest.fixture(scope="session")
def amtool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Amtool]:
    """The real amtool; skips when missing (fails instead when ``CI=true``)."""
    path = require_amtool()
    yield Amtool(path, tmp_path_factory.mktemp("amtool"))
