"""Encrypting tenant files in place, and re-encrypting them to a new key (rotation).

Only the secret values change: the file is rewritten by splicing each value's exact source span,
so comments, key order, quoting, indentation and line endings stay as they were. Every rewrite is
checked by parsing the result again (it must equal the old data with just those values replaced)
and written as one journaled transaction (:mod:`receivers_cli.txn`): all files or none, a file
changed on disk since it was read is never overwritten. Plans are made for all files first.
"""

from __future__ import annotations

import copy
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.fileops import state_dir
from receivers_cli.integrations import get as get_integration
from receivers_cli.secrets.envelope import decrypt, encrypt, parse
from receivers_cli.secrets.errors import EnvelopeError, SecretFileError, SecretsError
from receivers_cli.secrets.fields import Lookup, SecretValue, iter_secret_values
from receivers_cli.secrets.keys import Keyring, PublicKeyInfo
from receivers_cli.secrets.names import DEFAULT_AEAD
from receivers_cli.secrets.yamltext import (
    Location,
    ScalarSpan,
    compose,
    load_data,
    position,
    read_text,
    replacement_text,
    scalar_span,
    splice,
)
from receivers_cli.txn import STATE, Transaction, sha256_text


@dataclass
class FileSummary:
    """What happened to one file: counts and key ids, never values."""

    file: str
    encrypted: int = 0  # plaintext values encrypted by this run
    reencrypted: int = 0  # values re-encrypted to the new recipient
    unchanged: int = 0  # ENC[...] values left as they were
    references: int = 0  # ${VAR} values (resolved at render time, never encrypted)
    plaintext: int = 0  # plaintext values left in place (rotation does not encrypt them)
    key_ids: Counter[str] = field(default_factory=Counter)  # key ids of the values after the run

    @property
    def changed(self) -> bool:
        return bool(self.encrypted or self.reencrypted)


@dataclass
class FileRewrite:
    path: Path
    summary: FileSummary
    new_text: str | None  # None: nothing to change
    read_sha: str = ""  # sha256 of the bytes the plan was made from: a file changed since is not replaced


# Given one secret value: its new text, or None to leave it.
Transform = Callable[[SecretValue, FileSummary], str | None]


def plan_rewrite(path: Path, transform: Transform, lookup: Lookup = get_integration) -> FileRewrite:
    """Work out the new text of ``path``; raise :class:`ProblemsError` listing every value that failed."""
    source = str(path)
    text = read_text(path)
    data = load_data(text, source)
    if not isinstance(data, dict):
        raise ProblemsError([SecretFileError("a tenant file holds one mapping").to_problem(source, 1, 1)])
    root = compose(text, source)
    summary = FileSummary(source)
    edits: list[tuple[ScalarSpan, str]] = []
    replaced: dict[Location, str] = {}
    problems: list[Problem] = []
    for item in iter_secret_values(data, lookup):
        line, column = position(root, item.location)
        try:
            new = transform(item, summary)
            if new is None:
                continue
            span = scalar_span(root, item.location)
            if span is None or span.anchored:
                raise SecretFileError(
                    f"{item.binding} is written with a YAML anchor or alias; cannot rewrite it in place",
                    "write the value out where it is used",
                )
        except SecretsError as exc:
            problems.append(exc.to_problem(source, line, column, item.location))
            continue
        edits.append((span, replacement_text(span, text, new)))
        replaced[item.location] = new
    if problems:
        raise ProblemsError(problems)
    read_sha = sha256_text(text)
    if not edits:
        return FileRewrite(path, summary, None, read_sha)
    try:
        new_text = splice(text, edits)
    except SecretFileError as exc:
        raise ProblemsError([exc.to_problem(source)]) from None
    _verify(data, replaced, new_text, source)
    return FileRewrite(path, summary, new_text, read_sha)


def _verify(data: Any, replaced: dict[Location, str], new_text: str, source: str) -> None:
    expected = copy.deepcopy(data)
    for location, value in replaced.items():
        node = expected
        for step in location[:-1]:
            node = node[step]
        node[location[-1]] = value
    try:
        same = load_data(new_text, source) == expected
    except SecretsError:
        same = False
    if not same:
        error = SecretFileError(
            "rewriting the secret values in place would change other data; the file was left unchanged",
            "please report this with the file's layout (no values); meanwhile encrypt with --value",
        )
        raise ProblemsError([error.to_problem(source)])


def add_to(transaction: Transaction, rewrites: Iterable[FileRewrite]) -> None:
    """Queue every changed file; refuses (with the path) symlinks, read-only and hard-linked files."""
    for rewrite in rewrites:
        if rewrite.new_text is not None:
            transaction.replace(rewrite.path, rewrite.new_text, rewrite.read_sha)


def apply(rewrites: Sequence[FileRewrite], state: Path | None = None, op: str = "secrets encrypt") -> list[str]:
    """Write every changed file, all or none (a journaled transaction in ``state``).

    ``state`` defaults to ``.receivers/`` beside the first file's folder (the repository root for
    ``tenants/x.yaml``). Returns the files left unchanged because they changed after the commit.
    """
    if not any(r.new_text is not None for r in rewrites):
        return []
    if state is None:
        state = Path(os.path.abspath(rewrites[0].path)).parent.parent / STATE
    state_dir(state)
    transaction = Transaction(state, op)
    add_to(transaction, rewrites)
    return transaction.commit()


def plan_all(paths: Sequence[Path], transform: Transform, lookup: Lookup = get_integration) -> list[FileRewrite]:
    """Plans for every file; one :class:`ProblemsError` listing the problems of all files."""
    plans: list[FileRewrite] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            plans.append(plan_rewrite(path, transform, lookup))
        except ProblemsError as exc:
            problems.extend(exc.problems)
        except SecretsError as exc:
            problems.append(exc.to_problem(str(path)))
    if problems:
        raise ProblemsError(problems)
    return plans


def encrypt_transform(recipient: PublicKeyInfo, aead: str = DEFAULT_AEAD, today: date | None = None) -> Transform:
    """Encrypt plaintext values for ``recipient``; leave envelopes and ``${VAR}`` references alone."""

    def transform(item: SecretValue, summary: FileSummary) -> str | None:
        if item.kind == "encrypted":
            summary.unchanged += 1
            summary.key_ids[_key_id_or_unknown(item.value)] += 1
        elif item.kind == "reference":
            summary.references += 1
        elif item.kind == "plaintext":
            summary.encrypted += 1
            summary.key_ids[recipient.id] += 1
            return encrypt(item.value, recipient.public_key, recipient.id, item.binding, aead, today)
        return None

    return transform


def reencrypt_transform(
    keyring: Keyring, recipient: PublicKeyInfo, aead: str = DEFAULT_AEAD, today: date | None = None
) -> Transform:
    """Re-encrypt every envelope not already for ``recipient`` (needs the old private keys)."""

    def transform(item: SecretValue, summary: FileSummary) -> str | None:
        if item.kind == "reference":
            summary.references += 1
        elif item.kind == "plaintext":
            summary.plaintext += 1
        if item.kind != "encrypted":
            return None
        envelope = parse(item.value)
        if envelope.key_id == recipient.id:
            summary.unchanged += 1
            summary.key_ids[recipient.id] += 1
            return None
        secret = decrypt(item.value, keyring, item.binding)
        summary.reencrypted += 1
        summary.key_ids[recipient.id] += 1
        return encrypt(secret.reveal(), recipient.public_key, recipient.id, item.binding, aead, today)

    return transform


def _key_id_or_unknown(value: str) -> str:
    try:
        return parse(value).key_id
    except EnvelopeError:
        return "malformed"


def encrypt_files(
    paths: Sequence[Path],
    recipient: PublicKeyInfo,
    aead: str = DEFAULT_AEAD,
    *,
    today: date | None = None,
    lookup: Lookup = get_integration,
    state: Path | None = None,
) -> list[FileSummary]:
    """Encrypt every plaintext secret value of ``paths`` in place; all files or none are written."""
    plans = plan_all(paths, encrypt_transform(recipient, aead, today), lookup)
    apply(plans, state)
    return [p.summary for p in plans]


def reencrypt_files(
    paths: Sequence[Path],
    keyring: Keyring,
    recipient: PublicKeyInfo,
    aead: str = DEFAULT_AEAD,
    *,
    today: date | None = None,
    lookup: Lookup = get_integration,
    state: Path | None = None,
) -> list[FileSummary]:
    """Re-encrypt every envelope of ``paths`` to ``recipient``; all files or none are written."""
    plans = plan_all(paths, reencrypt_transform(keyring, recipient, aead, today), lookup)
    apply(plans, state, "secrets rotate")
    return [p.summary for p in plans]
