from __future__ import annotations

import re
from pathlib import Path

import pytest

from receivers_cli.secrets.errors import RecipientError
from receivers_cli.secrets.keys import PrivateKey, PublicKeyInfo, generate_key
from receivers_cli.secrets.recipients import add_recipient, current_recipient, max_age_days, read_recipients
from tests.secrets.support import FIXTURES

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
    assert f'id: "{pair[1].id}"' in text  # always quoted: see the test below
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


NUMBER_LIKE = re.compile(r"^[0-9]+(e[0-9]+)?$")  # hex ids YAML reads as an int or a float


def test_key_ids_that_read_as_numbers_round_trip(tmp_path: Path) -> None:
    """The cause of a flaky layout test: a random hex id such as 123456789012 or 1234e5678901 is
    a number to YAML, so add_recipient quotes every id (and date), whatever it happens to be."""
    number_like = next(
        (info for _, info in (generate_key() for _ in range(20000)) if NUMBER_LIKE.match(info.id)), None
    )
    assert number_like is not None  # (10/16)^12 of ids are all digits: ~70 expected in 20000
    config = tmp_path / "receivers.yaml"
    add_recipient(config, number_like)
    assert f'id: "{number_like.id}"' in config.read_text()
    assert [r.id for r in read_recipients(config)] == [number_like.id]
    assert current_recipient(config) == number_like
