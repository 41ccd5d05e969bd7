"""Fixtures for the secrets tests: key pairs, a copy of the tenant fixtures (values in ``support``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from receivers_cli.secrets.keys import Keyring, PrivateKey, PublicKeyInfo, generate_key
from tests.secrets.support import FIXTURES, TODAY


@pytest.fixture
def pair() -> tuple[PrivateKey, PublicKeyInfo]:
    return generate_key(TODAY)


@pytest.fixture
def keyring(pair: tuple[PrivateKey, PublicKeyInfo]) -> Keyring:
    return Keyring([pair[0]])


@pytest.fixture
def tenant_dir(tmp_path: Path) -> Path:
    target = tmp_path / "tenants"
    shutil.copytree(FIXTURES / "tenants", target)
    return target
