from __future__ import annotations

from pathlib import Path

import pytest

from receivers_cli.secrets.errors import RecipientError
from receivers_cli.secrets.keys import PrivateKey, PublicKeyInfo, generate_key
from receivers_cli.secrets.recipients import add_recipient, current_recipient, max_age_days, read_recipients

from .conftest import FIXTURES

Pair = tuple[PrivateKey, PublicKeyInfo]


def test_add_recipient_creates_the_platform_file(tmp_path: Path, pair: Pair) -> None:
    config = tmp_path / "receivers.yaml"
    add_recipient(config, pair[1])
    assert current_recipient(config) == pair[1]
    assert max_age_days(config) == 30


def test_add_recipient_keeps_comments_and_layout(tmp_path: Path, pair: Pair) -> None:
    config = tmp_path / "receivers.yaml"
    original = (FIXTURES / "receivers.yaml").read_text()
    config.write_text(original)
    add_recipient(config, pair[1])
    text = config.read_text()
    assert text.startswith(original.rstrip("\n"))  # everything before stays byte for byte
    assert f"id: {pair[1].id}" in text
    assert max_age_days(config) == 45
    assert [r.id for r in read_recipients(config)] == [pair[1].id]
    newer, newer_public = generate_key()
    add_recipient(config, newer_public)
    add_recipient(config, newer_public)  # once only
    assert [r.id for r in read_recipients(config)] == [pair[1].id, newer.id]
    assert current_recipient(config).id == newer.id


def test_no_recipient_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RecipientError, match="keygen"):
        current_recipient(tmp_path / "receivers.yaml")


def test_edited_recipient_is_refused(tmp_path: Path, pair: Pair) -> None:
    config = tmp_path / "receivers.yaml"
    add_recipient(config, pair[1])
    config.write_text(config.read_text().replace(pair[1].id, "0123456789ab"))
    with pytest.raises(RecipientError, match="does not match"):
        read_recipients(config)
