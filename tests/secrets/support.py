"""Values the secrets tests share: the fixture folder, the canary word, a fixed "today"."""

from __future__ import annotations

from datetime import date

from tests.helpers import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "secrets"
# Every plaintext secret in the fixtures contains "canary": no command output may contain it.
CANARY = "canary"
TODAY = date(2026, 1, 15)
