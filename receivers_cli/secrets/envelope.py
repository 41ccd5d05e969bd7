"""The ``ENC[...]`` envelope: one encrypted value, single line, versioned and self-describing.

Format (version 1), six comma-separated fields inside ``ENC[`` … ``]``::

    ENC[v1,aes-256-gcm,3f9a2c1b7d4e,20260115,1a2b3c4d5e6f,<payload>]
        │  │           │            │        │            └ base64url (no padding) of HPKE enc‖ct
        │  │           │            │        └ scope: 3×2 bytes of SHA-256 of tenant, receiver, field
        │  │           │            └ encryption date (UTC), for the age policy
        │  │           └ recipient key id (see keys.key_id)
        │  └ AEAD: aes-256-gcm (default) or chacha20-poly1305
        └ envelope version

Encryption is HPKE (RFC 9180) base mode, X25519 + HKDF-SHA256 + the AEAD named in the envelope.
The HPKE ``info`` binds the value to where it belongs and to its clear header::

    b"receivers/v1\\0<tenant>\\0<receiver>\\0config.<field.path>\\0<key id>\\0<YYYYMMDD>"

so a value copied to another tenant, receiver or field, or with an edited date, does not decrypt.
Field paths use names, never list indices, and native names (aliases resolved), so renaming
``integration_key`` to ``routing_key`` keeps the value valid. The clear ``scope`` adds nothing to
security (it is authenticated through ``info`` anyway); it lets the error say *what* differs.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from receivers_cli.codes import S108
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
from receivers_cli.secrets.keys import (
    Keyring,
    b64url_decode,
    b64url_encode,
    is_key_id,
    parse_date,
    today_utc,
)
from receivers_cli.secrets.keys import key_id as compute_key_id
from receivers_cli.secrets.names import DEFAULT_AEAD
from receivers_cli.secrets.redact import Secret

PREFIX: Final = "ENC["
VERSION: Final = 1
AEADS: Final[dict[str, hpke.AEAD]] = {
    "aes-256-gcm": hpke.AEAD.AES_256_GCM,
    "chacha20-poly1305": hpke.AEAD.CHACHA20_POLY1305,
}
_ENC_LEN: Final = 32  # X25519 encapsulated key
_TAG_LEN: Final = 16
_SCOPE = re.compile(r"^[0-9a-f]{12}$")
_VERSION = re.compile(r"^v([0-9]{1,3})$")
_FIELDS_V1: Final = 6
# Reading a value this long is pointless and would let a hostile file cost memory and time.
MAX_ENVELOPE_LEN: Final = 64 * 1024


class InvalidBinding(EnvelopeError):
    rule = S108


@dataclass(frozen=True)
class Binding:
    """Where a value belongs: tenant id, receiver name and field path inside the receiver's config."""

    tenant: str
    receiver: str
    field_path: tuple[str, ...]

    def __post_init__(self) -> None:
        parts = (self.tenant, self.receiver, *self.field_path)
        if not self.field_path or not all(isinstance(p, str) and p and "\0" not in p for p in parts):
            raise InvalidBinding(
                "a secret's tenant, receiver and field names must be non-empty text without NUL",
                "fix the tenant id or receiver name",
            )
        if any("." in p for p in self.field_path):
            raise InvalidBinding("a secret field name may not contain '.'")

    @property
    def field(self) -> str:
        """The field as written in messages and in ``info``: ``config.http_config.authorization...``."""
        return "config." + ".".join(self.field_path)

    def __str__(self) -> str:
        return f"{self.tenant}/{self.receiver} {self.field}"

    def scope(self) -> str:
        return "".join(_short_hash(p) for p in (self.tenant, self.receiver, self.field))


def _short_hash(text: str) -> str:
    return hashlib.sha256(b"receivers/scope/v1\0" + text.encode()).hexdigest()[:4]


@dataclass(frozen=True)
class Envelope:
    """A parsed ``ENC[...]`` value (nothing secret in it: the ciphertext is opaque)."""

    version: int
    aead: str
    key_id: str
    created: date
    scope: str
    ciphertext: bytes

    def __str__(self) -> str:
        return (
            f"{PREFIX}v{self.version},{self.aead},{self.key_id},{self.created:%Y%m%d},"
            f"{self.scope},{b64url_encode(self.ciphertext)}]"
        )

    def info(self, binding: Binding) -> bytes:
        return _info(binding, self.key_id, self.created)


def _info(binding: Binding, kid: str, created: date) -> bytes:
    parts = (
        f"receivers/v{VERSION}",
        binding.tenant,
        binding.receiver,
        binding.field,
        kid,
        f"{created:%Y%m%d}",
    )
    return "\0".join(parts).encode()


def _suite(aead: str) -> hpke.Suite:
    return hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, AEADS[aead])


def is_envelope(value: object) -> bool:
    """Whether a value is meant as an envelope (starts with ``ENC[``), well-formed or not."""
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt(
    plaintext: str,
    public_key: X25519PublicKey,
    key_id: str,
    binding: Binding,
    aead: str = DEFAULT_AEAD,
    created: date | None = None,
) -> str:
    """Encrypt ``plaintext`` for the recipient ``public_key`` (id ``key_id``), bound to ``binding``."""
    if aead not in AEADS:
        raise ValueError(f"unknown AEAD {aead!r}; use one of {', '.join(AEADS)}")
    if compute_key_id(public_key) != key_id:
        raise ValueError("key_id does not belong to public_key")
    when = created or today_utc()
    sealed = _suite(aead).encrypt(plaintext.encode("utf-8"), public_key, info=_info(binding, key_id, when))
    return str(Envelope(VERSION, aead, key_id, when, binding.scope(), sealed))


def parse(envelope: object) -> Envelope:
    """Parse an ``ENC[...]`` value without decrypting it. Raises only :class:`EnvelopeError`.

    Messages never echo the input: a plaintext pasted inside ``ENC[...]`` must not be printed.
    """
    if not isinstance(envelope, str) or not envelope.startswith(PREFIX):
        raise MalformedEnvelope("not an encrypted value: it does not start with ENC[")
    if len(envelope) > MAX_ENVELOPE_LEN:
        raise MalformedEnvelope(f"encrypted value longer than {MAX_ENVELOPE_LEN} characters")
    if not envelope.endswith("]"):
        raise TruncatedEnvelope(
            "encrypted value is truncated: it has no closing ]",
            "copy the whole ENC[...] value, or re-encrypt",
        )
    fields = envelope[len(PREFIX) : -1].split(",")
    version = _VERSION.match(fields[0])
    if version is None:
        raise MalformedEnvelope("encrypted value has no version (ENC[v1,...])")
    if int(version.group(1)) != VERSION:
        raise UnknownVersion(
            f"encrypted value uses envelope version {int(version.group(1))}; this receivers reads version {VERSION}",
            "upgrade receivers, or re-encrypt the value with this version",
        )
    if len(fields) != _FIELDS_V1:
        cls = TruncatedEnvelope if len(fields) < _FIELDS_V1 else MalformedEnvelope
        raise cls(f"encrypted value has {len(fields)} fields; version 1 has {_FIELDS_V1}", "re-encrypt the value")
    _, aead, kid, created_text, scope, payload = fields
    if aead not in AEADS:
        raise MalformedEnvelope("encrypted value names an unknown AEAD", f"known: {', '.join(AEADS)}")
    if not is_key_id(kid):
        raise MalformedEnvelope("encrypted value has a malformed key id (12 hex digits expected)")
    created = parse_date(created_text) if len(created_text) == 8 else None
    if created is None:
        raise MalformedEnvelope("encrypted value has a malformed date (YYYYMMDD expected)")
    if not _SCOPE.match(scope):
        raise MalformedEnvelope("encrypted value has a malformed scope (12 hex digits expected)")
    ciphertext = b64url_decode(payload)
    if ciphertext is None:
        raise MalformedEnvelope("encrypted value's payload is not base64url", "copy the value again, or re-encrypt")
    if len(ciphertext) < _ENC_LEN + _TAG_LEN:
        raise TruncatedEnvelope("encrypted value's payload is truncated", "copy the whole value, or re-encrypt")
    return Envelope(VERSION, aead, kid, created, scope, ciphertext)


def decrypt(envelope: str, keyring: Keyring, binding: Binding) -> Secret:
    """Decrypt an envelope found at ``binding``. Raises only :class:`EnvelopeError` on bad input."""
    parsed = parse(envelope)
    if len(keyring) == 0:
        raise NoKeys(
            "no private key given to decrypt ENC[...] values",
            "pass --key-file PATH, or set RECEIVERS_KEY_FILE or RECEIVERS_KEY",
        )
    key = keyring.get(parsed.key_id)
    if key is None:
        raise UnknownKeyId(
            f"value was encrypted with key {parsed.key_id}, which is not among the keys given "
            f"({', '.join(keyring.ids)})",
            "give that private key too (during a rotation pass old and new keys), "
            "or re-encrypt the value for the current recipient",
        )
    moved = _moved_parts(parsed.scope, binding)
    if moved:
        raise BindingMismatch(
            f"value was encrypted for another {_join(moved)}: it cannot be used at {binding}",
            "values are bound to their tenant, receiver and field; encrypt it here again (receivers secrets encrypt)",
        )
    try:
        plaintext = _suite(parsed.aead).decrypt(parsed.ciphertext, key.key, info=parsed.info(binding))
        return Secret(plaintext.decode("utf-8"))
    except Exception:  # InvalidTag, or anything the backend raises on hostile input
        raise DecryptionFailed(
            f"value does not decrypt with key {parsed.key_id} at {binding}: it was altered or damaged, "
            "or encrypted for another place or key",
            "re-encrypt the value (receivers secrets encrypt)",
        ) from None


def _moved_parts(scope: str, binding: Binding) -> list[str]:
    expected = binding.scope()
    names = ("tenant", "receiver", "field")
    return [name for i, name in enumerate(names) if scope[4 * i : 4 * i + 4] != expected[4 * i : 4 * i + 4]]


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
