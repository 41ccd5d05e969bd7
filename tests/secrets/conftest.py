"""Shared fixtures for the secrets tests: key pairs, a copy of the tenant fixtures, canaries."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from receivers_cli.secrets.keys import Keyring, PrivateKey, PublicKeyInfo, generate_key

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "secrets"
# Every plaintext secret in the fixtures contains "canary": no command output may contain it.
CANARY = "canary"
TODAY = date(2026, 1, 15)


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
