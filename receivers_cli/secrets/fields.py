"""Finding the secret values of a tenant document, and decrypting them for render.

The integration catalog says which ``config`` paths of each ``channel_type`` hold secrets
(``Integration.secret_paths()``); aliases are resolved to their native path, so the binding of a
PagerDuty ``integration_key`` is ``config.routing_key``. Lists met on the way are walked item by
item; their indices appear in the value's location but never in its binding.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from receivers_cli.codes import S109
from receivers_cli.errors import ProblemsError
from receivers_cli.integrations import catalog
from receivers_cli.integrations import get as get_integration
from receivers_cli.integrations.integration import Integration
from receivers_cli.isolation import naming
from receivers_cli.loading.raw_tenants import tenant_receivers
from receivers_cli.model.placeholders import references
from receivers_cli.secrets.envelope import Binding, InvalidBinding, decrypt, is_envelope, parse
from receivers_cli.secrets.errors import EnvelopeError, SecretsError
from receivers_cli.secrets.keys import Keyring
from receivers_cli.secrets.redact import Secret

Location = tuple[str | int, ...]
Lookup = Callable[[str], Integration | None]
ValueKind = Literal["encrypted", "reference", "plaintext", "empty", "other"]



def classify(value: object) -> ValueKind:
    """What a secret field holds: an envelope, a ``${VAR}`` reference, plaintext, nothing, or a non-text."""
    if not isinstance(value, str):
        return "empty" if value is None else "other"
    if is_envelope(value):
        return "encrypted"
    if references(value):  # as resolution reads it: ``$${NAME}`` is literal text, not a reference
        return "reference"  # resolved from the environment at render time; never encrypted
    return "plaintext" if value else "empty"


@dataclass(frozen=True)
class SecretValue:
    """One value of a secret field: where it belongs (binding) and where it is (document path)."""

    binding: Binding
    value: Any = field(repr=False)
    location: Location

    @property
    def kind(self) -> ValueKind:
        return classify(self.value)


def iter_secret_values(document: Mapping[str, Any], lookup: Lookup = get_integration) -> Iterator[SecretValue]:
    """Every secret field value in ``{tenant_id: {receivers: [{name, channel_type, config}]}}``.

    Receivers without a usable name, a known ``channel_type`` or a ``config`` mapping are skipped:
    validation reports those.
    """
    for tenant, index, receiver in tenant_receivers(document):
        if not isinstance(tenant, str):
            continue
        name, channel_type, config = (
            receiver.get("name"),
            receiver.get("channel_type"),
            receiver.get("config"),
        )
        integration = lookup(channel_type) if isinstance(channel_type, str) else None
        if not isinstance(name, str) or integration is None or not isinstance(config, Mapping):
            continue
        base: Location = (tenant, "receivers", index, "config")
        for native, written in _input_paths(integration, config):
            try:
                binding = Binding(tenant, name, native)
            except InvalidBinding:
                continue
            for location, value in _values_at(config, written, base):
                yield SecretValue(binding, value, location)


def _input_paths(integration: Integration, config: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], Location]]:
    """(native secret path, path as written in ``config``) pairs, aliases included."""
    for native in integration.secret_paths():
        yield native, native
        for key in config:
            alias = integration.alias(key) if isinstance(key, str) else None
            if alias is not None and native[: len(alias.target)] == alias.target:
                yield native, (key, *native[len(alias.target) :])


def _values_at(node: Any, steps: Location, at: Location) -> Iterator[tuple[Location, Any]]:
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _values_at(item, steps, (*at, i))
        return
    if not steps:
        if node is not None and not isinstance(node, Mapping):
            yield at, node
        return
    if isinstance(node, Mapping) and steps[0] in node:
        yield from _values_at(node[steps[0]], steps[1:], (*at, steps[0]))


@dataclass
class DecryptResult:
    """Decrypted values by location, the key ids used, and the values that failed (with why)."""

    values: dict[Location, Secret] = field(default_factory=dict)
    key_ids: set[str] = field(default_factory=set)
    errors: list[tuple[SecretValue, EnvelopeError]] = field(default_factory=list)

    def apply(self, document: Any) -> Any:
        """A deep copy of ``document`` with each decrypted value (a :class:`Secret`) in its place."""
        result = copy.deepcopy(document)
        for location, secret in self.values.items():
            node = result
            for step in location[:-1]:
                node = node[step]
            node[location[-1]] = secret
        return result


def decrypt_document(document: Mapping[str, Any], keyring: Keyring, lookup: Lookup = get_integration) -> DecryptResult:
    """Decrypt every ``ENC[...]`` secret value of a tenant document; collect failures, never stop early."""
    result = DecryptResult()
    for item in iter_secret_values(document, lookup):
        if item.kind != "encrypted":
            continue
        try:
            result.values[item.location] = decrypt(item.value, keyring, item.binding)
            result.key_ids.add(parse(item.value).key_id)
        except EnvelopeError as exc:
            result.errors.append((item, exc))
    return result


class UnknownSecretField(SecretsError):
    rule = S109


def resolve_field(field_path: str, channel_type: str | None = None) -> tuple[str, ...]:
    """The native secret field path of ``field_path`` (dotted, ``config.`` optional, aliases allowed).

    With ``channel_type`` the field must be one of its secret fields. Without it, an alias is mapped
    when every integration that has it agrees, and the result must be a secret field of some
    integration.
    """
    parts = tuple(p for p in field_path.split(".") if p)
    if parts[:1] == ("config",):
        parts = parts[1:]
    if not parts:
        raise UnknownSecretField("empty field path", "e.g. --field http_config.authorization.credentials")
    integrations = catalog()
    if channel_type is not None:
        integration = integrations.get(channel_type)
        if integration is None:
            raise UnknownSecretField(f"unknown channel_type {channel_type!r}")
        native = integration.native_path(parts)
        if native not in integration.secret_paths():
            secret = ", ".join(".".join(p) for p in integration.secret_paths())
            raise UnknownSecretField(f"{'.'.join(parts)} is not a secret field of {channel_type}", f"one of: {secret}")
        return native
    candidates = {i.native_path(parts) for i in integrations.values() if i.native_path(parts) in i.secret_paths()}
    if len(candidates) != 1:
        why = "is not a secret field of any integration" if not candidates else "means different fields"
        raise UnknownSecretField(f"{'.'.join(parts)} {why}", "use the native field name, e.g. routing_key")
    return candidates.pop()


# ``receivers.yaml``'s values are bound to the owner ``_platform``: platform receivers by their name,
# the ``global`` section as the receiver ``_global`` (ids and receiver names never start with "_").
PLATFORM_OWNER = naming.PLATFORM
GLOBAL_RECEIVER = naming.GLOBAL


def resolve_global_field(field_path: str) -> tuple[str, ...]:
    """The path of a secret field of Alertmanager's ``global`` section (``smtp_auth_password``, ...)."""
    from receivers_cli.alertmanager.global_fields import GLOBAL
    from receivers_cli.integrations.vocabulary import secret_paths

    parts = tuple(p for p in field_path.split(".") if p)
    if parts[:1] == ("global",):
        parts = parts[1:]
    allowed = secret_paths(GLOBAL.fields)
    if parts not in allowed:
        raise UnknownSecretField(
            f"{'.'.join(parts) or 'nothing'} is not a secret field of global",
            "one of: " + ", ".join(".".join(p) for p in allowed),
        )
    return parts


def binding_path(tenant: str, receiver: str, field_path: str, channel_type: str | None = None) -> tuple[str, ...]:
    """The native field path a value of (tenant, receiver, field) is bound to."""
    if (tenant, receiver) == (PLATFORM_OWNER, GLOBAL_RECEIVER):
        return resolve_global_field(field_path)
    return resolve_field(field_path, channel_type)


class RenderDecryptor:
    """The decrypt hook render uses: ``(envelope, (tenant, receiver, "field.path")) -> plaintext``.

    The field path may use aliases (``integration_key``); it is bound by its native name. Failures
    raise :class:`ProblemsError` with one unlocated problem (the caller adds file:line:col). Key ids
    used are recorded per tenant for the manifest.
    """

    def __init__(self, keyring: Keyring) -> None:
        self.keyring = keyring
        self.key_ids: dict[str, set[str]] = {}

    def __call__(self, envelope: str, binding: tuple[str, ...]) -> str:
        try:
            tenant, receiver, dotted = binding
            secret = decrypt(envelope, self.keyring, Binding(tenant, receiver, binding_path(tenant, receiver, dotted)))
        except SecretsError as exc:
            raise ProblemsError([exc.to_problem()]) from None
        except ValueError:
            raise ProblemsError([UnknownSecretField("unexpected binding").to_problem()]) from None
        self.key_ids.setdefault(tenant, set()).add(parse(envelope).key_id)
        return secret.reveal()
