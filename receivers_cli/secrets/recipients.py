"""Recipients in the platform file: the public keys values are encrypted to.

``receivers.yaml``::

    secrets:
      max_age_days: 30          # optional; values encrypted longer ago are reported
      recipients:               # the last one is current: `secrets encrypt` uses it
        - id: 3f9a2c1b7d4e
          public_key: <base64url raw X25519 public key>
          created: "2026-01-15"

Only public keys live here, so anyone with the repository can encrypt and nobody but the holder of
the private key (CI) can decrypt.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from receivers_cli.secrets.errors import RecipientError
from receivers_cli.secrets.keys import PublicKeyInfo, parse_date
from receivers_cli.secrets.yamltext import detect_indent, load_data, read_text, write_atomically

DEFAULT_MAX_AGE_DAYS: Final = 30

_NEW_FILE = """\
# Platform settings for receivers.
secrets:
  # Public keys of ENC[...] values; `receivers secrets encrypt` encrypts to the last one.
  recipients: []
"""


def _secrets_section(config: Path) -> dict[str, Any]:
    if not config.exists():
        return {}
    data = load_data(read_text(config), str(config))
    section = data.get("secrets") if isinstance(data, dict) else None
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise RecipientError("'secrets' must be a mapping").at(str(config))
    return section


def read_recipients(config: Path) -> list[PublicKeyInfo]:
    """The recipients recorded in the platform file, oldest first; [] when there is none."""
    entries = _secrets_section(config).get("recipients") or []
    if not isinstance(entries, list):
        raise RecipientError("'secrets.recipients' must be a list").at(str(config))
    found: list[PublicKeyInfo] = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("id", "public_key")):
            raise RecipientError(
                f"secrets.recipients[{i}] needs text 'id' and 'public_key'",
                'written by `receivers secrets keygen`; quote an id that looks like a number: id: "123456789012"',
            ).at(str(config))
        created = entry.get("created")
        when = created if isinstance(created, date) else parse_date(str(created))
        if when is None:
            raise RecipientError(f"secrets.recipients[{i}].created is not a date (YYYY-MM-DD)").at(str(config))
        try:
            info = PublicKeyInfo.from_encoded(entry["id"], entry["public_key"], when)
        except RecipientError as exc:
            raise exc.at(str(config)) from None
        if any(r.id == info.id for r in found):
            raise RecipientError(f"recipient {info.id} is listed twice").at(str(config))
        found.append(info)
    return found


def current_recipient(config: Path) -> PublicKeyInfo:
    """The recipient new values are encrypted to: the last one listed."""
    recipients = read_recipients(config)
    if not recipients:
        raise RecipientError(
            f"no recipient in {config}: nothing to encrypt to",
            "create a key pair: receivers secrets keygen --private-key PATH",
        ).at(str(config))
    return recipients[-1]


def max_age_days(config: Path) -> int:
    """``secrets.max_age_days`` from the platform file, or the default (30)."""
    value = _secrets_section(config).get("max_age_days", DEFAULT_MAX_AGE_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise RecipientError("secrets.max_age_days must be a whole number of days >= 1").at(str(config))
    return value


def add_recipient(config: Path, info: PublicKeyInfo) -> None:
    """Append a recipient to the platform file (created when missing), keeping its comments."""
    new_text = with_recipient(config, info)
    if new_text is not None:
        write_atomically(config, new_text)


def with_recipient(config: Path, info: PublicKeyInfo) -> str | None:
    """The platform file's text with ``info`` appended to the recipients (None: already there)."""
    text = read_text(config) if config.exists() else _NEW_FILE
    yaml = YAML(typ="rt")
    mapping, sequence, offset = detect_indent(text) if config.exists() else (2, 4, 2)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.preserve_quotes = True
    yaml.width = 4096
    load_data(text, str(config))  # a located error when the file is not YAML
    data = yaml.load(text)
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise RecipientError("the platform file must be a mapping").at(str(config))
    section = data.setdefault("secrets", CommentedMap())
    if not isinstance(section, CommentedMap):
        raise RecipientError("'secrets' must be a mapping").at(str(config))
    recipients = section.get("recipients")
    if recipients is None:
        recipients = section["recipients"] = CommentedSeq()
    if not isinstance(recipients, CommentedSeq):
        raise RecipientError("'secrets.recipients' must be a list").at(str(config))
    if any(isinstance(r, dict) and r.get("id") == info.id for r in recipients):
        return None
    if not recipients:
        recipients.fa.set_block_style()
    # Key ids are hex: one like 123456789012 or 1234e5678901 reads back as a number, so ids (and
    # dates) are always written quoted, the same way whatever the id happens to be.
    recipients.append(
        CommentedMap([
            ("id", DoubleQuotedScalarString(info.id)),
            ("public_key", info.encoded),
            ("created", DoubleQuotedScalarString(info.created.isoformat())),
        ])
    )
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def without_recipient(config: Path, key_id: str) -> str:
    """The platform file's text with recipient ``key_id`` removed, everything else as written.

    The round trip keeps comments, order and quoting; the result is then read back and must equal
    the original with exactly that one entry gone, so a retirement never rewrites what we did not
    write (another key, a comment's meaning, an unrelated setting).
    """
    text = read_text(config)
    before = load_data(text, str(config))
    yaml = YAML(typ="rt")
    mapping, sequence, offset = detect_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.preserve_quotes = True
    yaml.width = 4096
    data = yaml.load(text)
    section = data.get("secrets") if isinstance(data, CommentedMap) else None
    entries = section.get("recipients") if isinstance(section, CommentedMap) else None
    if not isinstance(entries, CommentedSeq):
        raise RecipientError("'secrets.recipients' must be a list").at(str(config))
    matches = [i for i, r in enumerate(entries) if isinstance(r, dict) and str(r.get("id")) == key_id]
    if len(matches) != 1:
        raise RecipientError(f"recipient {key_id} is not listed once in {config}").at(str(config))
    del entries[matches[0]]
    out = io.StringIO()
    yaml.dump(data, out)
    new_text = out.getvalue()
    expected = {**before, "secrets": {**before["secrets"], "recipients": [
        r for r in before["secrets"]["recipients"] if str(r.get("id")) != key_id
    ]}}
    if load_data(new_text, str(config)) != expected:
        raise RecipientError(
            f"cannot remove recipient {key_id} without changing other parts of {config}",
            "remove its entry from secrets.recipients by hand",
        ).at(str(config))
    return new_text
