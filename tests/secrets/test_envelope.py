from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receivers_cli.secrets import envelope as env
from receivers_cli.secrets.envelope import Binding, decrypt, encrypt, parse
from receivers_cli.secrets.errors import (
    BindingMismatch,
    DecryptionFailed,
    EnvelopeError,
    MalformedEnvelope,
    NoKeys,
    TruncatedEnvelope,
    UnknownKeyId,
    UnknownVersion,
)
from receivers_cli.secrets.keys import Keyring, PrivateKey, PublicKeyInfo, generate_key
from tests.secrets.support import TODAY

HERE = Binding("acme", "hook", ("http_config", "authorization", "credentials"))
PLAIN = "canary-bearer-token"
Pair = tuple[PrivateKey, PublicKeyInfo]


def seal(pair: Pair, binding: Binding = HERE, aead: str = "aes-256-gcm", plain: str = PLAIN) -> str:
    return encrypt(plain, pair[1].public_key, pair[1].id, binding, aead, TODAY)


@pytest.mark.parametrize("aead", ["aes-256-gcm", "chacha20-poly1305"])
def test_round_trip_per_aead(pair: Pair, keyring: Keyring, aead: str) -> None:
    sealed = seal(pair, aead=aead)
    assert sealed.startswith(f"ENC[v1,{aead},{pair[1].id},20260115,") and sealed.endswith("]")
    assert "\n" not in sealed and PLAIN not in sealed
    assert decrypt(sealed, keyring, HERE).reveal() == PLAIN
    parsed = parse(sealed)
    assert (parsed.version, parsed.aead, parsed.key_id, parsed.created) == (1, aead, pair[1].id, TODAY)
    assert str(parsed) == sealed


def test_unicode_and_multiline_values_round_trip(pair: Pair, keyring: Keyring) -> None:
    value = "-----BEGIN KEY-----\nçà ✓ canary\n-----END KEY-----\n"
    assert decrypt(seal(pair, plain=value), keyring, HERE).reveal() == value


def test_each_encryption_is_fresh(pair: Pair) -> None:
    assert seal(pair) != seal(pair)


@pytest.mark.parametrize(
    ("moved_to", "what"),
    [
        (Binding("other-tenant", "hook", HERE.field_path), "another tenant"),
        (Binding("acme", "other-receiver", HERE.field_path), "another receiver"),
        (Binding("acme", "hook", ("http_config", "basic_auth", "password")), "another field"),
    ],
)
def test_moved_value_fails_naming_what_differs(pair: Pair, keyring: Keyring, moved_to: Binding, what: str) -> None:
    with pytest.raises(BindingMismatch) as caught:
        decrypt(seal(pair), keyring, moved_to)
    assert what in caught.value.message
    assert str(moved_to) in caught.value.message
    assert PLAIN not in str(caught.value)


def test_moved_value_with_forged_scope_still_fails(pair: Pair, keyring: Keyring) -> None:
    other = Binding("other-tenant", "hook", HERE.field_path)
    forged = parse(seal(pair))
    forged = env.Envelope(1, forged.aead, forged.key_id, forged.created, other.scope(), forged.ciphertext)
    with pytest.raises(DecryptionFailed):
        decrypt(str(forged), keyring, other)


def test_wrong_key_is_an_unknown_key_id(pair: Pair) -> None:
    other_key, _ = generate_key(TODAY)
    with pytest.raises(UnknownKeyId) as caught:
        decrypt(seal(pair), Keyring([other_key]), HERE)
    assert pair[1].id in caught.value.message and other_key.id in caught.value.message


def test_key_id_edited_to_another_key_fails_to_decrypt(pair: Pair) -> None:
    other_key, _ = generate_key(TODAY)
    sealed = seal(pair).replace(pair[1].id, other_key.id)
    with pytest.raises(DecryptionFailed):
        decrypt(sealed, Keyring([other_key]), HERE)


def test_no_key_at_all(pair: Pair) -> None:
    with pytest.raises(NoKeys):
        decrypt(seal(pair), Keyring(), HERE)


def _flip_payload_char(sealed: str, index: int) -> str:
    head, payload = sealed[:-1].rsplit(",", 1)
    chars = list(payload)
    chars[index] = "A" if chars[index] != "A" else "B"
    return f"{head},{''.join(chars)}]"


@pytest.mark.parametrize("index", [0, 20, 40, -2])
def test_tampered_payload_fails(pair: Pair, keyring: Keyring, index: int) -> None:
    with pytest.raises((DecryptionFailed, MalformedEnvelope)):
        decrypt(_flip_payload_char(seal(pair), index), keyring, HERE)


def test_edited_date_fails(pair: Pair, keyring: Keyring) -> None:
    with pytest.raises(DecryptionFailed):
        decrypt(seal(pair).replace(",20260115,", ",20260201,"), keyring, HERE)


def test_edited_aead_fails(pair: Pair, keyring: Keyring) -> None:
    with pytest.raises(DecryptionFailed):
        decrypt(seal(pair).replace("aes-256-gcm", "chacha20-poly1305"), keyring, HERE)


def test_truncated_values(pair: Pair, keyring: Keyring) -> None:
    sealed = seal(pair)
    with pytest.raises(TruncatedEnvelope):
        parse(sealed[:-10])  # lost its closing bracket
    head, payload = sealed[:-1].rsplit(",", 1)
    with pytest.raises(TruncatedEnvelope):
        parse(f"{head},{payload[:40]}]")  # shorter than enc + tag
    with pytest.raises((DecryptionFailed, MalformedEnvelope)):
        decrypt(f"{head},{payload[:-8]}]", keyring, HERE)  # still long enough, but cut
    with pytest.raises(TruncatedEnvelope):
        parse(",".join(sealed.split(",")[:3]) + "]")


def test_unknown_version(pair: Pair) -> None:
    with pytest.raises(UnknownVersion) as caught:
        parse(seal(pair).replace("ENC[v1,", "ENC[v2,"))
    assert "version 2" in caught.value.message


@pytest.mark.parametrize(
    "text",
    ["", "ENC", "ENC[", "ENC[]", "ENC[v1]", "ENC[hello world]", "ENC[v1,aes-256-gcm,xyz,20260115,abc,def]", "plain"],
)
def test_malformed_values_raise_envelope_errors(text: str) -> None:
    with pytest.raises(EnvelopeError):
        parse(text)


def test_errors_never_echo_the_input() -> None:
    with pytest.raises(EnvelopeError) as caught:
        parse("ENC[canary-pasted-plaintext]")
    assert "canary" not in str(caught.value)


def test_binding_rejects_ambiguous_names() -> None:
    with pytest.raises(EnvelopeError):
        Binding("a\0b", "r", ("x",))
    with pytest.raises(EnvelopeError):
        Binding("a", "r", ())
    with pytest.raises(EnvelopeError):
        Binding("a", "r", ("x.y",))


def test_encrypt_refuses_mismatched_key_id(pair: Pair) -> None:
    with pytest.raises(ValueError):
        encrypt(PLAIN, pair[1].public_key, "000000000000", HERE)


# --- fuzzing: no input may raise anything but EnvelopeError -------------------------------------

_FUZZ_KEY, _FUZZ_PUBLIC = generate_key(date(2026, 1, 1))
_FUZZ_RING = Keyring([_FUZZ_KEY])
_FUZZ_SEALED = encrypt("canary", _FUZZ_PUBLIC.public_key, _FUZZ_PUBLIC.id, HERE, created=date(2026, 1, 1))
_ALPHABET = st.sampled_from(list("ENC[]v1,-_aes256gcmchapoly0123456789abcdefABCDEFxyz=+/ \n\0é"))


def _try(text: object) -> None:
    with contextlib.suppress(EnvelopeError):
        decrypt(text, _FUZZ_RING, HERE)  # type: ignore[arg-type]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_fuzz_any_text(text: str) -> None:
    _try(text)
    _try("ENC[" + text)
    _try("ENC[v1," + text + "]")


@settings(max_examples=400)
@given(st.lists(_ALPHABET, max_size=200).map("".join))
def test_fuzz_envelope_alphabet(text: str) -> None:
    _try("ENC[" + text + "]")


@settings(max_examples=400)
@given(st.integers(0, len(_FUZZ_SEALED) - 1), st.characters(), st.integers(0, 3))
def test_fuzz_mutated_real_envelope(index: int, char: str, mode: int) -> None:
    s = _FUZZ_SEALED
    mutated = [s[:index] + char + s[index + 1 :], s[:index] + s[index + 1 :], s[:index] + char + s[index:], s[:index]]
    text = mutated[mode]
    if text == s:
        return
    with pytest.raises(EnvelopeError):
        decrypt(text, _FUZZ_RING, HERE)


@given(st.one_of(st.none(), st.integers(), st.binary(), st.lists(st.text())))
def test_fuzz_non_text(value: object) -> None:
    with pytest.raises(EnvelopeError):
        parse(value)


def test_cli_aead_names_match_the_envelope_suites() -> None:
    from receivers_cli.secrets.envelope import AEADS
    from receivers_cli.secrets.names import AEAD_NAMES, DEFAULT_AEAD

    assert tuple(AEADS) == AEAD_NAMES and DEFAULT_AEAD in AEADS
