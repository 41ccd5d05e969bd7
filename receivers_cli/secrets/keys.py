"""Private keys: generation, the key file format, loading (files, environment) and the keyring.

A key file is text: comment lines (``#``) and one line per key::

    # receivers private key: keep it in a 0600 file or a CI secret store
    # id: 3f9a2c1b7d4e  created: 2026-01-15
    # public key: <base64url>
    RECEIVERS-PRIVATE-KEY-V1:3f9a2c1b7d4e:20260115:<base64url of the raw X25519 private key>

The key id is a short stable hash of the public key (:func:`key_id`), so an envelope names the key
that opens it without revealing anything. Several key lines may follow each other (rotation): in a
file, in ``RECEIVERS_KEY`` (the file's content, for CI secret stores) or across the files listed in
``RECEIVERS_KEY_FILE`` (separated by ``os.pathsep``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from receivers_cli.fileops import fsync_dir
from receivers_cli.secrets.errors import KeyFileError, KeyPermissionError, RecipientError

KEY_PREFIX = "RECEIVERS-PRIVATE-KEY-V1"
ENV_KEY = "RECEIVERS_KEY"
ENV_KEY_FILE = "RECEIVERS_KEY_FILE"
_KEY_LINE = re.compile(rf"^{KEY_PREFIX}:([0-9a-f]{{12}}):(\d{{8}}):([A-Za-z0-9_-]{{43}})$")
_KEY_ID = re.compile(r"^[0-9a-f]{12}$")


def b64url_encode(data: bytes) -> str:
    """Base64url without padding (the alphabet needs no quoting in YAML)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes | None:
    """Strict, canonical base64url without padding; ``None`` when ``text`` is not exactly that."""
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text) or len(text) % 4 == 1:
        return None
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    # Reject non-canonical encodings (stray low bits), so one value has exactly one spelling.
    return data if b64url_encode(data) == text else None


def key_id(public_key: X25519PublicKey) -> str:
    """12 hex digits of SHA-256 over the raw public key: stable, short, reveals nothing."""
    raw = public_key.public_bytes_raw()
    return hashlib.sha256(b"receivers/key-id/v1\0" + raw).hexdigest()[:12]


def today_utc() -> date:
    return datetime.now(UTC).date()


def parse_date(text: str) -> date | None:
    """``YYYYMMDD`` or ``YYYY-MM-DD`` → date; ``None`` when it is not a real date."""
    digits = text.replace("-", "") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text
    if not re.fullmatch(r"\d{8}", digits):
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


@dataclass(frozen=True)
class PublicKeyInfo:
    """A recipient: what ``secrets encrypt`` needs, recorded in the platform file."""

    id: str
    public_key: X25519PublicKey = field(compare=False, repr=False)
    created: date

    @property
    def encoded(self) -> str:
        return b64url_encode(self.public_key.public_bytes_raw())

    @classmethod
    def from_encoded(cls, id: str, encoded: str, created: date) -> PublicKeyInfo:
        raw = b64url_decode(encoded)
        if raw is None or len(raw) != 32:
            raise RecipientError(
                f"recipient {id!r}: public_key is not a base64url X25519 public key",
                "copy the line written by `receivers secrets keygen` again",
            )
        public = X25519PublicKey.from_public_bytes(raw)
        if key_id(public) != id:
            raise RecipientError(
                f"recipient {id!r}: the id does not match its public_key (its id is {key_id(public)!r})",
                "do not edit recipients by hand; run `receivers secrets keygen` for a new one",
            )
        return cls(id, public, created)


@dataclass(frozen=True, repr=False)
class PrivateKey:
    """An X25519 private key with its id and creation date; its repr never shows the key."""

    id: str
    created: date
    key: X25519PrivateKey = field(compare=False)

    def __repr__(self) -> str:
        return f"PrivateKey(id={self.id!r}, created={self.created.isoformat()})"

    def public_info(self) -> PublicKeyInfo:
        return PublicKeyInfo(self.id, self.key.public_key(), self.created)

    def to_text(self) -> str:
        """The key file content (comments, then the key line)."""
        raw = self.key.private_bytes_raw()
        return (
            "# receivers private key: keep it in a 0600 file or a CI secret store, never in Git\n"
            f"# id: {self.id}  created: {self.created.isoformat()}\n"
            f"# public key: {self.public_info().encoded}\n"
            f"{KEY_PREFIX}:{self.id}:{self.created:%Y%m%d}:{b64url_encode(raw)}\n"
        )


def generate_key(created: date | None = None) -> tuple[PrivateKey, PublicKeyInfo]:
    """A new X25519 key pair, dated ``created`` (default: today, UTC)."""
    secret = X25519PrivateKey.generate()
    private = PrivateKey(key_id(secret.public_key()), created or today_utc(), secret)
    return private, private.public_info()


def write_private_key(path: Path, key: PrivateKey) -> None:
    """Create ``path`` with mode 0600 holding ``key``; never overwrite an existing file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(
            "key file already exists; refusing to overwrite it",
            "choose a new path (losing a private key makes its values undecryptable)",
        ).at(str(path)) from None
    except OSError as exc:
        raise KeyFileError(f"cannot create the key file: {exc.strerror}", "check the directory exists").at(
            str(path)
        ) from None
    try:
        os.fchmod(fd, 0o600)  # the mode given to open() is narrowed by umask only, never widened
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key.to_text())
            handle.flush()
            os.fsync(handle.fileno())  # a key that exists is a key that is on disk
        fsync_dir(path.absolute().parent)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def parse_private_keys(text: str, source: str) -> list[PrivateKey]:
    """Every key in a key file's text. Errors name the source and line, never the content."""
    keys: list[PrivateKey] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        for token in stripped.split():
            try:
                keys.append(_parse_key_token(token))
            except KeyFileError as exc:
                raise exc.at(source, number, 1) from None
    return keys


def _parse_key_token(token: str) -> PrivateKey:
    match = _KEY_LINE.match(token)
    if match is None:
        raise KeyFileError(
            "not a receivers private key line",
            f"a key line starts with {KEY_PREFIX}: (written by `receivers secrets keygen`)",
        )
    stated_id, created_text, encoded = match.groups()
    raw = b64url_decode(encoded)
    created = parse_date(created_text)
    if raw is None or len(raw) != 32 or created is None:
        raise KeyFileError("the private key line is damaged", "restore the key file from its backup")
    secret = X25519PrivateKey.from_private_bytes(raw)
    if key_id(secret.public_key()) != stated_id:
        raise KeyFileError(
            f"the key does not match its id {stated_id!r} (the line was edited or damaged)",
            "restore the key file from its backup",
        )
    return PrivateKey(stated_id, created, secret)


def check_key_file_mode(path: Path) -> None:
    """Refuse a key file that group or others can access (like ssh does)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise KeyFileError("no such key file", "check --key-file / RECEIVERS_KEY_FILE").at(str(path)) from None
    except OSError as exc:
        raise KeyFileError(f"cannot read the key file: {exc.strerror}").at(str(path)) from None
    if not stat.S_ISREG(info.st_mode):
        raise KeyFileError("the key file is not a regular file").at(str(path))
    if os.name == "posix" and info.st_mode & 0o077:
        raise KeyPermissionError(
            f"key file has mode {stat.S_IMODE(info.st_mode):04o}; group or others can access it",
            f"chmod 600 {path}",
        ).at(str(path))


def load_private_keys(paths: Iterable[Path]) -> list[PrivateKey]:
    """Keys from key files, each checked for permissions first."""
    keys: list[PrivateKey] = []
    for path in paths:
        check_key_file_mode(path)
        try:
            text = path.read_text(encoding="ascii")
        except UnicodeDecodeError:
            raise KeyFileError("not a receivers key file (not ASCII text)").at(str(path)) from None
        except OSError as exc:
            raise KeyFileError(f"cannot read the key file: {exc.strerror}").at(str(path)) from None
        found = parse_private_keys(text, str(path))
        if not found:
            raise KeyFileError("the key file holds no private key", "generate one: receivers secrets keygen").at(
                str(path)
            )
        keys.extend(found)
    return keys


class Keyring:
    """Private keys by id. Holds several during a rotation (old and new)."""

    def __init__(self, keys: Iterable[PrivateKey] = ()) -> None:
        self._keys: dict[str, PrivateKey] = {}
        for key in keys:
            self._keys.setdefault(key.id, key)

    def get(self, id: str) -> PrivateKey | None:
        return self._keys.get(id)

    @property
    def ids(self) -> list[str]:
        return sorted(self._keys)

    def __contains__(self, id: object) -> bool:
        return id in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[PrivateKey]:
        return iter(self._keys.values())

    def __repr__(self) -> str:
        return f"Keyring(ids={self.ids})"

    def __or__(self, other: Keyring) -> Keyring:
        return Keyring([*self, *other])

    @classmethod
    def from_sources(cls, paths: Sequence[Path] = (), environ: Mapping[str, str] | None = None) -> Keyring:
        """Keys from ``paths`` (e.g. ``--key-file``) plus ``RECEIVERS_KEY`` / ``RECEIVERS_KEY_FILE``."""
        return cls(load_private_keys(paths)) | keys_from_env(environ)


def keys_from_env(environ: Mapping[str, str] | None = None) -> Keyring:
    """Keys from ``RECEIVERS_KEY`` (key file content) and ``RECEIVERS_KEY_FILE`` (paths)."""
    env = os.environ if environ is None else environ
    keys: list[PrivateKey] = []
    content = env.get(ENV_KEY, "")
    if content.strip():
        keys.extend(parse_private_keys(content, f"${ENV_KEY}"))
    files = [Path(p) for p in env.get(ENV_KEY_FILE, "").split(os.pathsep) if p.strip()]
    keys.extend(load_private_keys(files))
    return Keyring(keys)


def is_key_id(text: str) -> bool:
    return bool(_KEY_ID.match(text))
