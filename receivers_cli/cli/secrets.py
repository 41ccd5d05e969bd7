"""``receivers secrets``: key generation, encryption in place, rotation, status.

A thin layer: options in, calls into :mod:`receivers_cli.secrets`, problems out in the same
format as ``validate`` (``file:line:col: error RULE message`` and a hint) on stderr with exit 1.
Values are never printed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer

from receivers_cli.cli.common import (
    EXIT_PROBLEMS,
    ResultFormat,
    ResultFormatOption,
    TenantsOption,
    WaitOption,
    fs_errors,
)
from receivers_cli.cli.output import console, write_json
from receivers_cli.errors import Problem, ProblemsError, Severity
from receivers_cli.isolation import naming
from receivers_cli.loading.project import DEFAULT_CONFIG, discover_tenant_files
from receivers_cli.report import Format, print_problems
from receivers_cli.report.words import plural
from receivers_cli.secrets.errors import KeyFileError, RecipientNotRetirable, SecretsError, StaleValue
from receivers_cli.secrets.names import AEAD_NAMES, DEFAULT_AEAD

if TYPE_CHECKING:
    from rich.table import Table

    from receivers_cli.secrets import status
    from receivers_cli.secrets.keys import PrivateKey, PublicKeyInfo
    from receivers_cli.txn import Transaction

# The secrets stack (cryptography, ruamel round-trip, rich tables) loads inside each command, so
# that other commands (validate in a pre-commit hook) do not pay for it at start-up.

app = typer.Typer(
    help="Encrypted secrets: key pairs, encryption in place, rotation and status.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

ConfigOption = typer.Option(DEFAULT_CONFIG, "--config", help="Platform file holding the recipients.")
AeadOption = typer.Option(DEFAULT_AEAD, "--aead", help=f"AEAD for new values: {', '.join(AEAD_NAMES)}.")


def _print(problems: Sequence[Problem], fmt: Format = Format.text, stream: TextIO | None = None) -> None:
    """validate's format, but never a source excerpt: the lines these commands point at hold secret
    values (a plaintext secret, an envelope), which an excerpt would print."""
    print_problems([replace(p, secret=True) for p in problems], fmt, files_checked=None, stream=stream)


@contextmanager
def _reporting(fmt: Format = Format.text) -> Iterator[None]:
    """Turn the secrets stage's errors into located messages and exit 1, never a traceback."""
    try:
        yield
    except ProblemsError as exc:
        _print(exc.problems, fmt)
        raise typer.Exit(EXIT_PROBLEMS) from None
    except SecretsError as exc:
        _print([exc.to_problem()], fmt)
        raise typer.Exit(EXIT_PROBLEMS) from None


def _report_left(left: Sequence[str]) -> None:
    """Files an editor changed between our commit point and their replacement: say so, exit 1."""
    if left:
        sys.stderr.write(
            f"error: changed on disk during the run, left as they are: {', '.join(left)}; run the command again\n"
        )
        raise typer.Exit(EXIT_PROBLEMS)


def _check_aead(aead: str) -> None:
    if aead not in AEAD_NAMES:
        raise SecretsError(f"unknown AEAD {aead!r}", f"one of: {', '.join(AEAD_NAMES)}")


@contextmanager
def _repository(config: Path, wait: float) -> Iterator[None]:
    """The repository locked for writing, interrupted rewrites finished first; errors in words."""
    from receivers_cli.txn import repo_lock

    with fs_errors():
        lock, recovered = repo_lock(config, shared=False, wait=wait)
    if recovered:
        sys.stderr.write(f"{recovered}\n")
    try:
        with fs_errors():
            yield
    finally:
        if lock is not None:
            lock.release()


def _transaction(config: Path, op: str) -> Transaction:
    from receivers_cli.txn import Transaction, repo_state

    return Transaction(repo_state(config), op)


@app.command()
def keygen(
    private_key: Path = typer.Option(..., "--private-key", help="Where to write the new private key (0600)."),
    config: Path = ConfigOption,
    wait: float = WaitOption,
) -> None:
    """Create a key pair: the private key goes to a new 0600 file, the public key into the platform file."""
    from receivers_cli.secrets.keys import generate_key

    with _repository(config, wait), _reporting():
        key, public = generate_key()
        _add_key_and_recipient(_transaction(config, "secrets keygen"), private_key, key, config, public)
    sys.stdout.write(
        f"wrote private key {key.id} to {private_key} (mode 0600)\n"
        f"recorded recipient {key.id} in {config}; `secrets encrypt` now encrypts to it\n"
        "keep the private key out of Git: give it to CI as RECEIVERS_KEY or RECEIVERS_KEY_FILE\n"
    )


def _add_key_and_recipient(
    transaction: Transaction, key_path: Path, key: PrivateKey, config: Path, public: PublicKeyInfo,
    *, then: Callable[[Transaction], None] | None = None,
) -> list[str]:
    """One transaction: the key file (created beside its path, 0600), the platform file, and more."""
    from receivers_cli.secrets import recipients
    from receivers_cli.txn import sha256_text

    if os.path.lexists(key_path):
        raise KeyFileError(
            "key file already exists; refusing to overwrite it",
            "choose a new path (losing a private key makes its values undecryptable)",
        ).at(str(key_path))
    if not key_path.absolute().parent.is_dir():
        raise KeyFileError("cannot create the key file: its folder does not exist").at(str(key_path))
    # Key first in the journal: no value is ever encrypted to a key that is not on disk yet.
    transaction.create(key_path, key.to_text(), 0o600, secret=True)
    new_config = recipients.with_recipient(config, public)
    if new_config is not None:
        if config.exists():
            from receivers_cli.secrets.yamltext import read_text

            transaction.replace(config, new_config, sha256_text(read_text(config)))
        else:
            transaction.create(config, new_config, 0o644)
    if then is not None:
        then(transaction)
    return transaction.commit()


@app.command("encrypt")
def encrypt_cmd(
    files: list[Path] = typer.Argument(None, help="Tenant files (or folders) to encrypt in place."),
    config: Path = ConfigOption,
    value: bool = typer.Option(False, "--value", help="Encrypt one value read from stdin; print the ENC[...]."),
    tenant: str = typer.Option(None, "--tenant", help="With --value: the tenant id."),
    receiver: str = typer.Option(None, "--receiver", help="With --value: the receiver name."),
    field: str = typer.Option(
        None, "--field", help="With --value: the field inside config, e.g. http_config.authorization.credentials."
    ),
    aead: str = AeadOption,
    wait: float = WaitOption,
) -> None:
    """Replace every plaintext secret value with ENC[...] for the current recipient (idempotent)."""
    from receivers_cli.secrets import encrypt_file, recipients
    from receivers_cli.txn import repo_state

    if value:
        with _reporting():
            _check_aead(aead)
            _encrypt_value(recipients.current_recipient(config), files or [], tenant, receiver, field, aead)
        return
    with _repository(config, wait), _reporting():
        _check_aead(aead)
        recipient = recipients.current_recipient(config)
        if not files:
            raise SecretsError("no tenant file given", "receivers secrets encrypt tenants/*.yaml")
        plans = encrypt_file.plan_all(discover_tenant_files(files), encrypt_file.encrypt_transform(recipient, aead))
        left = encrypt_file.apply(plans, repo_state(config), "secrets encrypt")
    _report_left(left)
    summaries = [p.summary for p in plans]
    for s in summaries:
        state = "encrypted" if s.changed else "unchanged"
        sys.stdout.write(
            f"{s.file}: {state}: {s.encrypted} newly encrypted, {s.unchanged} already encrypted, "
            f"{s.references} ${{VAR}} references\n"
        )


def _encrypt_value(
    recipient: PublicKeyInfo,
    files: Sequence[Path],
    tenant: str | None,
    receiver: str | None,
    field: str | None,
    aead: str,
) -> None:
    from receivers_cli.secrets.envelope import Binding, encrypt
    from receivers_cli.secrets.fields import GLOBAL_RECEIVER, binding_path

    if not (tenant and receiver and field):
        raise SecretsError("--value needs --tenant, --receiver and --field", "the value itself comes from stdin")
    # receivers.yaml: --tenant _platform, --receiver <platform receiver> or _global (its global: section)
    channel_type = _channel_type(files, tenant, receiver) if files and receiver != GLOBAL_RECEIVER else None
    plaintext = sys.stdin.read()
    if plaintext.endswith("\n"):
        plaintext = plaintext[:-1].removesuffix("\r")  # what `echo` and here-strings add
    if not plaintext:
        raise SecretsError("no value on stdin", "printf '%s' \"$VALUE\" | receivers secrets encrypt --value ...")
    try:
        binding = Binding(tenant, receiver, binding_path(tenant, receiver, field, channel_type))
    except SecretsError as exc:
        raise exc.at(str(files[0]) if files else "--field") from None
    sys.stdout.write(encrypt(plaintext, recipient.public_key, recipient.id, binding, aead) + "\n")


def _channel_type(files: Sequence[Path], tenant: str, receiver: str) -> str:
    from receivers_cli.secrets.yamltext import load_data, read_text

    if len(files) != 1:
        raise SecretsError("with --value, give at most one tenant file (to look up the receiver's channel_type)")
    data = load_data(read_text(files[0]), str(files[0]))
    # The platform file lists its receivers at the top level.
    body = data if tenant == naming.PLATFORM else data.get(tenant) if isinstance(data, dict) else None
    receivers = body.get("receivers") if isinstance(body, dict) else None
    for item in receivers if isinstance(receivers, list) else []:
        if isinstance(item, dict) and item.get("name") == receiver and isinstance(item.get("channel_type"), str):
            return str(item["channel_type"])
    raise SecretsError(f"{files[0]} has no receiver {receiver!r} in tenant {tenant!r}").at(str(files[0]))


@app.command()
def rotate(
    private_key: list[Path] = typer.Option(
        ..., "--private-key", "--key-file",
        help="The current private key file(s) (--key-file: the name render gives it)."),
    new_private_key: Path = typer.Option(..., "--new-private-key", help="Where to write the new private key."),
    tenants: Path = TenantsOption,
    config: Path = ConfigOption,
    aead: str = AeadOption,
    wait: float = WaitOption,
) -> None:
    """New key pair; every ENC value of every tenant file re-encrypted to it (needs the old key).

    All or nothing: the key file, the platform file and every tenant file change in one journaled
    transaction; a run killed after its commit point is finished by the next command that locks
    the repository (render, encrypt, rotate, keygen).
    """
    from receivers_cli.secrets import encrypt_file, recipients
    from receivers_cli.secrets.keys import Keyring, generate_key

    with _repository(config, wait), _reporting():
        _check_aead(aead)
        if os.path.lexists(new_private_key):
            raise KeyFileError(
                "key file already exists; refusing to overwrite it",
                "if an interrupted rotation wrote it, it was finished above; otherwise choose a new path",
            ).at(str(new_private_key))
        keyring = Keyring.from_sources(private_key)
        old = recipients.read_recipients(config)
        key, public = generate_key()
        transform = encrypt_file.reencrypt_transform(keyring, public, aead)
        plans = encrypt_file.plan_all(discover_tenant_files([tenants]), transform)
        left = _add_key_and_recipient(
            _transaction(config, "secrets rotate"), new_private_key, key, config, public,
            then=lambda t: encrypt_file.add_to(t, plans),
        )
    _report_left(left)
    done = sum(p.summary.reencrypted for p in plans)
    plaintext = sum(p.summary.plaintext for p in plans)
    sys.stdout.write(
        f"wrote private key {key.id} to {new_private_key} (mode 0600); recorded it in {config}\n"
        f"re-encrypted {done} values in {sum(1 for p in plans if p.new_text)} of {len(plans)} files\n"
    )
    if plaintext:
        sys.stdout.write(f"{plaintext} plaintext secret values left; run `receivers secrets encrypt`\n")
    if old:
        ids = ", ".join(r.id for r in old)
        sys.stdout.write(f"older recipients still listed: {ids}; once CI has the new key, remove each with "
                         "`receivers secrets retire KEY_ID`\n")


@app.command("status")
def status_cmd(
    tenants: Path = TenantsOption,
    config: Path = ConfigOption,
    max_age_days: int = typer.Option(
        None, "--max-age-days", min=1, help="Age policy in days (default: secrets.max_age_days, else 30)."
    ),
    output_format: ResultFormat = ResultFormatOption,
) -> None:
    """Key ids and ages, which files use which key, and values past the age policy."""
    from receivers_cli.secrets import recipients, status
    from receivers_cli.secrets.keys import today_utc
    from receivers_cli.txn import repo_lock

    with fs_errors():  # shared: status reads; it finishes an interrupted encrypt/rotate first
        lock, recovered = repo_lock(config, shared=True, wait=10.0)
    if recovered:
        sys.stderr.write(f"{recovered}\n")
    if lock is not None:
        lock.release()
    as_json = output_format is ResultFormat.json
    with _reporting(Format.json if as_json else Format.text):
        listed = recipients.read_recipients(config)
        policy = max_age_days or recipients.max_age_days(config)
        report = status.secrets_status(discover_tenant_files([tenants]) if tenants.exists() else [], listed, policy)
    problems = report.problems
    if as_json:
        write_json(_status_document(report))
    else:
        # Piped (CI logs): the tables are as wide as their cells, never cut or wrapped.
        out = console()
        out.print(_keys_table(report, today_utc()))
        out.print(_files_table(report))
        # The findings read exactly like `validate`'s: located, with the rule, the hint and a summary.
        print_problems([replace(p, secret=True) for p in problems], Format.text, files_checked=len(report.files),
                       stream=sys.stdout)
        if not problems:
            sys.stdout.write(f"no findings (age policy {policy} days)\n")
    if any(p.severity is Severity.ERROR for p in problems):
        raise typer.Exit(EXIT_PROBLEMS)


def _status_document(report: status.StatusReport) -> dict[str, object]:
    from receivers_cli.report.json import problem_dict

    problems = report.problems
    return {
        "max_age_days": report.max_age_days,
        "keys": [
            {
                "id": k.id, "created": k.created.isoformat() if k.created else None, "age_days": k.age_days,
                "listed": k.created is not None, "current": k.current, "values": k.values, "files": k.files,
            }
            for k in report.keys
        ],
        "files": [
            {
                "file": f.file, "encrypted": f.count("encrypted"), "references": f.count("reference"),
                "plaintext": f.count("plaintext"),
                "past_policy": sum(1 for v in f.values if isinstance(v.finding, StaleValue)),
                "key_ids": f.key_ids(),
            }
            for f in report.files
        ],
        "problems": [problem_dict(p) for p in problems],
        "summary": {
            "errors": sum(1 for p in problems if p.severity is Severity.ERROR),
            "warnings": sum(1 for p in problems if p.severity is not Severity.ERROR),
            "files_checked": len(report.files),
        },
    }


@app.command()
def retire(
    key_id: str = typer.Argument(..., help="The key id of an older recipient (see `receivers secrets status`)."),
    tenants: Path = TenantsOption,
    config: Path = ConfigOption,
    wait: float = WaitOption,
) -> None:
    """Remove an old recipient from the platform file after a rotation.

    Refused, with each value named, while any ENC[...] value in a tenant file or in the platform
    file is still encrypted to that key (only its private key could decrypt it). The current
    recipient cannot be retired. Only the recipient's entry is removed: no private key file, no
    value and no other setting is touched.
    """
    from receivers_cli.secrets import recipients
    from receivers_cli.secrets.retire import values_encrypted_to
    from receivers_cli.secrets.yamltext import read_text
    from receivers_cli.txn import sha256_text

    with _repository(config, wait), _reporting():
        listed = recipients.read_recipients(config)
        ids = [r.id for r in listed]
        if key_id not in ids:
            raise RecipientNotRetirable(
                f"{key_id!r} is not a recipient in {config}",
                f"recipients: {', '.join(ids)}" if ids else "the platform file lists no recipient",
            ).at(str(config))
        if key_id == ids[-1]:
            raise RecipientNotRetirable(
                f"{key_id} is the current recipient: new values are encrypted to it",
                "rotate to a new key first (receivers secrets rotate), then retire this one",
            ).at(str(config))
        files = [*(discover_tenant_files([tenants]) if tenants.exists() else []), config]
        in_use = values_encrypted_to(key_id, files)
        if in_use:
            raise ProblemsError(in_use)
        text = read_text(config)
        transaction = _transaction(config, "secrets retire")
        transaction.replace(config, recipients.without_recipient(config, key_id), sha256_text(text))
        left = transaction.commit()
    _report_left(left)
    sys.stdout.write(
        f"retired recipient {key_id} from {config}; no value in {plural(len(files) - 1, 'tenant file')} or in {config} "
        "was encrypted to it\n"
        "its private key was not touched: delete it (and RECEIVERS_KEY entries) yourself once no older revision "
        "needs decrypting\n"
    )


def _keys_table(report: status.StatusReport, today: date) -> Table:
    from rich.table import Table

    table = Table(title="Keys")
    for column in ("key id", "created", "age (days)", "current", "values", "files"):
        table.add_column(column)
    for key in report.keys:
        listed = key.created is not None
        table.add_row(
            key.id,
            key.created.isoformat() if key.created else "not a recipient",
            str(key.age_days) if key.age_days is not None else "-",
            "yes" if key.current else ("" if listed else "unknown key"),
            str(key.values),
            str(len(key.files)),
        )
    return table


def _files_table(report: status.StatusReport) -> Table:
    from rich.table import Table

    table = Table(title=f"Tenant files (age policy {report.max_age_days} days)")
    for column in ("file", "encrypted", "${VAR}", "plaintext", "past policy", "key ids"):
        table.add_column(column)
    for f in report.files:
        stale = sum(1 for v in f.values if isinstance(v.finding, StaleValue))
        keys = ", ".join(f"{k} ({n})" for k, n in f.key_ids().items())
        table.add_row(
            f.file,
            str(f.count("encrypted")),
            str(f.count("reference")),
            str(f.count("plaintext")),
            str(stale),
            keys or "-",
        )
    return table
