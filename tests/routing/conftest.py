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


@pytest.fixture(scope="session", params=[(0, 25), (0, 33)], ids=["0.25", "0.33"])
def amtool_at(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Amtool]:
    """The real amtool of each release CI provides (classic parser 0.25, UTF-8 parser 0.33); skips
    when missing (fails instead when ``CI=true``). ``Amtool.version`` is the release it is."""
    from tests.judges import judge_exactly

    judge = judge_exactly(request.param)
    yield Amtool(judge.amtool, tmp_path_factory.mktemp(f"amtool-{judge.label}"))
