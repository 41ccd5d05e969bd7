"""Finding the secret values of a tenant document, and decrypting them for render.

The integration catalog says which ``config`` paths of each ``channel_type`` hold secrets
(``Integration.secret_paths()``); aliases are resolved to their native path, so the binding of a
PagerDuty ``integration_key`` is ``config.routing_key``. Lists met on the way are walked item by
item; their indices appear in the value's location but never in its binding.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from receivers_cli.integrations import get as get_integration
from receivers_cli.integrations.base import Integration
from receivers_cli.secrets.envelope import Binding, InvalidBinding, decrypt, is_envelope, parse
from receivers_cli.secrets.errors import EnvelopeError
from receivers_cli.secrets.keys import Keyring
from receivers_cli.secrets.redact import Secret

Location = tuple[str | int, ...]
Lookup = Callable[[str], Integration | None]
ValueKind = Literal["encrypted", "reference", "plaintext", "empty", "other"]

_REFERENCE = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")


def classify(value: object) -> ValueKind:
    """What a secret field holds: an envelope, a ``${VAR}`` reference, plaintext, nothing, or a non-text."""
    if not isinstance(value, str):
        return "empty" if value is None else "other"
    if is_envelope(value):
        return "encrypted"
    if _REFERENCE.search(value):
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


def iter_secret_values(
    document: Mapping[str, Any], lookup: Lookup = get_integration
) -> Iterator[SecretValue]:
    """Every secret field value in ``{tenant_id: {receivers: [{name, channel_type, config}]}}``.

    Receivers without a usable name, a known ``channel_type`` or a ``config`` mapping are skipped:
    validation reports those.
    """
    for tenant, body in document.items():
        receivers = body.get("receivers") if isinstance(body, Mapping) else None
        if not isinstance(tenant, str) or not isinstance(receivers, list):
            continue
        for index, receiver in enumerate(receivers):
            if not isinstance(receiver, Mapping):
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


def _input_paths(
    integration: Integration, config: Mapping[str, Any]
) -> Iterator[tuple[tuple[str, ...], Location]]:
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


def decrypt_document(
    document: Mapping[str, Any], keyring: Keyring, lookup: Lookup = get_integration
) -> DecryptResult:
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
