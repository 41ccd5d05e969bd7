"""``secrets retire``: which values would become undecryptable if a recipient were removed.

Each ``ENC[...]`` value is encrypted to exactly one key (its id is in the clear header), so a value
whose header names the key is one only that key can decrypt. The scan reads the raw text of every
file, not only the secret fields the schema knows: an envelope anywhere (a field a newer version
will call secret, a platform ``global`` value, a stray copy) keeps the key in use. Nothing here
decrypts or needs a private key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from receivers_cli.errors import Problem
from receivers_cli.report.words import plural
from receivers_cli.secrets.errors import RecipientInUse, SecretsError
from receivers_cli.secrets.yamltext import load_data, read_text

# ENC[v1,<aead>,<key id>,...]: the key id is the third field. Any version: a v2 envelope naming
# the key also keeps it in use, whatever its other fields.
_ENVELOPE_KEY = re.compile(r"ENC\[[^,\]\s]*,[^,\]\s]*,([^,\]\s]*),")


def values_encrypted_to(key_id: str, files: Sequence[Path]) -> list[Problem]:
    """One located problem per value in ``files`` encrypted to ``key_id``; a file that cannot be
    read is a problem too (what it holds is unknown, so the key may still be needed)."""
    found: list[Problem] = []
    for path in files:
        try:
            text = read_text(path)
        except SecretsError as exc:
            found.append(exc.to_problem(str(path)))
            continue
        located = 0
        for match in _ENVELOPE_KEY.finditer(text):
            if match.group(1) != key_id:
                continue
            located += 1
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            found.append(RecipientInUse(
                f"a value here is encrypted to key {key_id}, which only that key's private key can decrypt",
                "re-encrypt it to the current recipient first: receivers secrets rotate",
            ).to_problem(str(path), line, column))
        # A value written with YAML escapes (ENC\x5b...) does not show in the raw text: count the
        # parsed strings too, and name the file when they hold more than the text scan located.
        try:
            parsed = sum(1 for value in _strings(load_data(text, str(path))) for m in _ENVELOPE_KEY.finditer(value)
                         if m.group(1) == key_id)
        except SecretsError as exc:
            found.append(exc.to_problem(str(path)))
            continue
        if parsed > located:
            found.append(RecipientInUse(
                f"this file holds {plural(parsed - located, 'more value')} encrypted to key {key_id} "
                "(written with YAML escapes)",
                "re-encrypt them to the current recipient first: receivers secrets rotate",
            ).to_problem(str(path), 1, 1))
    return found


def _strings(data: Any) -> Iterator[str]:
    """Every string in parsed YAML, keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)
