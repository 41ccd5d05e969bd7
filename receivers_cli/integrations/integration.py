"""One ``channel_type``'s declaration (:class:`Integration`): what it emits, its fields and rules,
and how a tenant's checked ``config`` becomes the native mapping (:meth:`Integration.to_native`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from receivers_cli.alertmanager.versions import Version
from receivers_cli.integrations.shared_fields import (
    HTTP_CONFIG,
    HTTP_CONFIG_INHERIT,
    HTTP_CONSTRAINTS,
    HTTP_TRANSPORT,
    SEND_RESOLVED,
    TLS_CONFIG,
    tls_constraints,
)
from receivers_cli.integrations.vocabulary import (
    Alias,
    Constraint,
    Field,
    Inherit,
    Path,
    Requirement,
    Transport,
    secret_paths,
)

Translate = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Integration:
    """Everything the tool knows about one ``channel_type``."""

    channel_type: str
    native: str  # the ``*_configs`` key it emits
    since: Version
    fields: tuple[Field, ...]
    summary: str
    example: Mapping[str, Any]
    aliases: tuple[Alias, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    # native field → template kind ("title", "text", ...) filled from the tenant's templates
    template_fields: Mapping[str, str] = field(default_factory=dict)
    # template kind → Jinja source of its default (``integrations/_markup.py``), emitted as
    # ``<tenant>/<channel_type>.<kind>`` for tenants using this channel; a tenant may override it.
    default_templates: Mapping[str, str] = field(default_factory=dict)
    # A paging channel (on-call escalation): what premium tenants need for their top severity.
    pages: bool = False
    http_config: bool = True
    # For vendors without a native receiver: maps the checked input onto the native config.
    translate: Translate | None = None
    docs_url: str = ""
    # What Alertmanager fills in from ``global`` (per version), and the fields that redirect a
    # request. Declared on the integrations that own a native ``*_configs`` key; vendor
    # translations onto that key use the native integration's (see :func:`inheritance`).
    inherits: tuple[Inherit, ...] = ()
    transport: tuple[Transport, ...] = ()
    # Alertmanager's rules across fields (besides ``requirements``); http_config's are added.
    constraints: tuple[Constraint, ...] = ()

    def field(self, name: str) -> Field | None:
        for f in self.all_fields():
            if f.name == name:
                return f
        return None

    def all_fields(self) -> tuple[Field, ...]:
        extra: list[Field] = [SEND_RESOLVED]
        if self.http_config:
            extra.append(HTTP_CONFIG)
        return (*self.fields, *extra)

    def secret_paths(self) -> list[tuple[str, ...]]:
        """Every field path (names only) holding a secret, ``http_config`` credentials included."""
        return list(self._secret_paths)

    @cached_property
    def _secret_paths(self) -> tuple[tuple[str, ...], ...]:
        # Computed once per integration: render asks for every receiver.
        return secret_paths(self.all_fields())

    def all_constraints(self) -> tuple[Constraint, ...]:
        return self._all_constraints

    @cached_property
    def _all_constraints(self) -> tuple[Constraint, ...]:
        found = (*self.constraints, *HTTP_CONSTRAINTS) if self.http_config else self.constraints
        # A tls_config outside http_config (email's) obeys the same TLS rule as http_config's.
        for path in _tls_paths(self.fields):
            found += tls_constraints(path)
        return found

    def all_inherits(self) -> tuple[Inherit, ...]:
        return (*self.inherits, HTTP_CONFIG_INHERIT) if self.http_config else self.inherits

    def all_transport(self) -> tuple[Transport, ...]:
        """Every redirecting field: the declared ones, inherited destinations, HTTP client ones."""
        found = list(self.transport)
        found += [Transport(i.path, since=i.since) for i in self.inherits if i.role == "destination"]
        if self.http_config:
            found += HTTP_TRANSPORT
        return tuple(found)

    def tenant_path(self, config: Mapping[str, Any], native_path: Path) -> Path:
        """The path in the tenant's ``config`` that produced ``native_path`` of :meth:`to_native`.

        Keys without an alias pass through unchanged; an aliased one maps back to the alias the
        tenant wrote. A value a vendor translation composed maps to the closest tenant key there is
        (the whole ``config`` when there is none).
        """
        if native_path and native_path[0] in config:
            return native_path
        for alias in self.aliases:
            size = len(alias.target)
            if alias.name in config and tuple(native_path[:size]) == alias.target:
                return (alias.name, *native_path[size:])
        return ()

    def template_targets(self, version: Version) -> dict[str, str]:
        """``template_fields`` that the target version has (mattermost's ``title`` came with 0.32):
        a tenant template is wired only into a field the release reads, and refused elsewhere."""
        found: dict[str, str] = {}
        for native_field, kind in self.template_fields.items():
            spec = self.field(native_field.split(".")[0])
            if spec is None or (spec.since <= version and (spec.until is None or version <= spec.until)):
                found[native_field] = kind
        return found

    def alias(self, name: str) -> Alias | None:
        return next((a for a in self.aliases if a.name == name), None)

    def native_path(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """A tenant field path with a leading alias replaced by its native target
        (``integration_key`` → ``routing_key``); other paths are native already."""
        alias = self.alias(names[0]) if names else None
        return (*alias.target, *names[1:]) if alias is not None else names

    def apply_aliases(self, config: Mapping[str, Any]) -> dict[str, Any]:
        """The config with each alias written at its native path; key order kept stable."""
        native: dict[str, Any] = {}
        for key, value in config.items():
            alias = self.alias(key)
            if alias is None:
                native[key] = value
                continue
            node = native
            for part in alias.target[:-1]:
                node = node.setdefault(part, {})
            node.setdefault(alias.target[-1], value)
        return native

    def to_native(self, config: Mapping[str, Any]) -> dict[str, Any]:
        """Apply aliases (and the vendor translation) to a checked config; keep key order stable."""
        native = self.apply_aliases(config)
        return self.translate(native) if self.translate is not None else native


def _tls_paths(fields: tuple[Field, ...], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for f in fields:
        if f is TLS_CONFIG:
            yield (*prefix, f.name)
        elif f.kind == "object":
            yield from _tls_paths(f.fields, (*prefix, f.name))
