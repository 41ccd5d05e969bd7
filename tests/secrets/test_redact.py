from __future__ import annotations

import logging
import pickle

import pytest

from receivers_cli.secrets.redact import Secret


def test_secret_prints_redacted_everywhere() -> None:
    secret = Secret("canary-value")
    rendered = [
        str(secret),
        repr(secret),
        f"{secret}",
        f"{secret!r}",
        f"{secret:>40}",
        "%s" % (secret,),  # noqa: UP031 - old-style formatting must redact too
        str([secret]),
    ]
    assert all("canary" not in text for text in rendered)
    assert str(secret) == "<secret>"
    assert secret.reveal() == "canary-value"


def test_secret_equality_and_hash_by_value() -> None:
    assert Secret("a") == Secret("a")
    assert Secret("a") != Secret("b")
    assert len({Secret("a"), Secret("a"), Secret("b")}) == 2
    assert Secret("a") != "a"


def test_secret_is_immutable_and_not_picklable() -> None:
    secret = Secret("canary-value")
    with pytest.raises(AttributeError):
        secret._value = "x"
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(TypeError):
        Secret(b"bytes")  # type: ignore[arg-type]


def test_secret_in_a_log_line_is_redacted(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        logging.getLogger("t").info("value %s in %r", Secret("canary-1"), {"k": Secret("canary-2")})
    assert "canary" not in caplog.text
