"""The vocabulary every integration module uses to declare itself: data first, a little code after.

An integration module (one per ``channel_type``) builds one :class:`Integration` value named
``INTEGRATION``: the ``*_configs`` key it emits, the Alertmanager version that added it, its
``config`` fields (native names) with their kinds, secrecy and minimum versions, friendly aliases,
requirements (one-of groups, with global fallbacks), the fields that carry notification templates,
and a minimal example. :func:`check_config` validates a tenant's ``config`` mapping against that
declaration for a target version; :meth:`Integration.to_native` turns it into the native mapping.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from receivers_cli.alertmanager.durations import parse_go, parse_prometheus
from receivers_cli.alertmanager.urls import hostport_problem, url_problem
from receivers_cli.alertmanager.versions import OLDEST, Version, format_version
from receivers_cli.codes import R101, R102, R103, R105, R106, R160, R161, R201, R204, R205, R206, R208, Code
from receivers_cli.model.placeholders import is_deferred

FieldKind = Literal[
    "string",  # plain text
    "template",  # text that Alertmanager renders as a Go template
    "url",  # http(s) URL with a host
    "bool",
    "int",
    "float",
    "duration",  # Prometheus duration: 30s, 1h30m, 0
    "go_duration",  # Go time.ParseDuration: 10s, 1.5s, 1m30s
    "hostport",  # host:port, the port mandatory (SMTP smarthost); IPv6 hosts in brackets
    "list",  # list of `items` (a kind), or of objects when `fields` is set
    "map",  # mapping of string keys to scalars (to anything when `items` == "any"; to objects of `fields`)
    "object",  # mapping with the declared sub-`fields` only
    "any",  # passed through unchecked (nested structures Alertmanager validates itself)
]

Path = tuple[str | int, ...]

INT64 = (-(2**63), 2**63 - 1)
UINT64 = (0, 2**64 - 1)


@dataclass(frozen=True)
class Field:
    """One input field of an integration's ``config`` (a native Alertmanager field name)."""

    name: str
    kind: FieldKind = "string"
    since: Version = OLDEST
    secret: bool = False
    # Version that added the native ``<name>_file`` variant (used by ``render --secrets-dir``).
    file_since: Version | None = None
    choices: tuple[str, ...] = ()
    # ``choices`` compared without case, and not at all for a value holding a template (Alertmanager
    # checks those when it sends: Opsgenie responder types).
    choices_unless_template: bool = False
    items: FieldKind | None = None
    fields: tuple[Field, ...] = ()
    # The last version that accepts the field (it was removed or renamed after it).
    until: Version | None = None
    doc: str = ""
    # Keys below are the tenant's own data (PagerDuty details, webhook payload, ...), not settings
    # Alertmanager interprets: a key named ``*_file`` there reads nothing.
    free_form: bool = False
    # "int" fields: Go's uint64 (no negative numbers) instead of int64.
    unsigned: bool = False
    # "map" fields with items "any": the version from which values may be nested (before it, scalars).
    nested_since: Version | None = None
    # "map" fields whose keys Alertmanager canonicalises (email headers): keys equal but for case clash.
    case_insensitive_keys: bool = False

    def sub(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class Alias:
    """A friendly input name that sets a native path (``integration_key`` → ``routing_key``)."""

    name: str
    target: tuple[str, ...]
    doc: str = ""


@dataclass(frozen=True)
class Requirement:
    """At least one (or exactly one) of ``any_of`` must be set, here or by one of ``globals``."""

    any_of: tuple[str, ...]
    globals: tuple[str, ...] = ()
    exactly_one: bool = False
    since: Version = OLDEST
    hint: str = ""


InheritRole = Literal[
    "credential",  # a secret (or an account name) of the platform's
    "destination",  # where the request goes (a URL, an SMTP smarthost)
    "setting",  # anything else (sender address, corp id, TLS defaults)
]


@dataclass(frozen=True)
class Inherit:
    """A native field Alertmanager fills from ``global`` when the receiver leaves it empty.

    ``unless`` names other native paths of the receiver that, when set, stop the fallback (the
    ``X_file`` twin, or a different way of authenticating). ``ambient`` describes a credential
    that comes from the Alertmanager host instead of a global field (SNS without keys uses the AWS
    default chain). ``emitted``: the build always writes an explicit value for tenant receivers, so
    a tenant never inherits it (``http_config``, see render/build.py).
    """

    path: tuple[str, ...]
    globals: tuple[str, ...]
    role: InheritRole
    since: Version = OLDEST
    unless: tuple[tuple[str, ...], ...] = ()
    ambient: str = ""
    emitted: bool = False
    # What the tenant should set instead (default: ``path``), for the hint.
    own: tuple[str, ...] = ()

    def own_fields(self) -> tuple[str, ...]:
        return self.own or (".".join(self.path),)


@dataclass(frozen=True)
class Transport:
    """A native field that decides where a request goes or how safely: setting it while a platform
    credential is inherited could send that credential somewhere the tenant chose.
    ``safe`` lists values that change nothing (``require_tls: true``)."""

    path: tuple[str, ...]
    safe: tuple[object, ...] = ()
    since: Version = OLDEST


@dataclass(frozen=True)
class Constraint:
    """A rule of Alertmanager's own that relates settings of one receiver (checked as R208).

    Native paths; ``"*"`` stands for each item of a list, and the same item in ``conflicts`` and
    ``needs_any``. The rule applies when ``path`` is set (and, with ``when``, holds one of those
    values). It then refuses the config if one of ``conflicts`` is set too, if none of
    ``needs_any`` is, or, with neither given, outright. ``reason`` is Alertmanager's rule in words.
    """

    path: tuple[str, ...]
    reason: str
    conflicts: tuple[tuple[str, ...], ...] = ()
    needs_any: tuple[tuple[str, ...], ...] = ()
    when: tuple[object, ...] = ()
    since: Version = OLDEST
    until: Version | None = None
    hint: str = ""


@dataclass(frozen=True)
class ConfigIssue:
    """A problem inside one ``config`` mapping; ``path`` is relative to that mapping."""

    path: Path
    rule: Code
    message: str
    hint: str = ""
    at_key: bool = False


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

    def to_native(self, config: Mapping[str, Any]) -> dict[str, Any]:
        """Apply aliases (and the vendor translation) to a checked config; keep key order stable."""
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
        if self.translate is not None:
            native = self.translate(native)
        return native


def _tls_paths(fields: tuple[Field, ...], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for f in fields:
        if f is TLS_CONFIG:
            yield (*prefix, f.name)
        elif f.kind == "object":
            yield from _tls_paths(f.fields, (*prefix, f.name))


def secret_paths(fields: tuple[Field, ...], prefix: tuple[str, ...] = ()) -> tuple[tuple[str, ...], ...]:
    """Every path (field names) below ``fields`` that holds a secret."""
    found: list[tuple[str, ...]] = []
    for f in fields:
        if f.secret:
            found.append((*prefix, f.name))
        found.extend(secret_paths(f.fields, (*prefix, f.name)))
    return tuple(found)


SEND_RESOLVED = Field("send_resolved", "bool", doc="Notify when the alert resolves.")

_TLS_FIELDS = (
    Field("ca_file"),
    Field("cert_file"),
    Field("key_file"),
    Field("ca", since=(0, 26)),
    Field("cert", since=(0, 26)),
    Field("key", since=(0, 26), secret=True),
    Field("server_name"),
    Field("insecure_skip_verify", "bool"),
    Field("min_version", choices=("TLS10", "TLS11", "TLS12", "TLS13"), since=(0, 25)),
    Field("max_version", choices=("TLS10", "TLS11", "TLS12", "TLS13"), since=(0, 25)),
)
TLS_CONFIG = Field("tls_config", "object", fields=_TLS_FIELDS)

HTTP_CONFIG = Field(
    "http_config",
    "object",
    fields=(
        Field(
            "basic_auth",
            "object",
            fields=(
                Field("username"),
                Field("username_file", since=(0, 27)),
                Field("password", secret=True),
                Field("password_file"),
            ),
        ),
        Field(
            "authorization",
            "object",
            fields=(Field("type"), Field("credentials", secret=True), Field("credentials_file")),
        ),
        Field(
            "oauth2",
            "object",
            fields=(
                Field("client_id"),
                Field("client_secret", secret=True),
                Field("client_secret_file"),
                Field("scopes", "list", items="string"),
                Field("token_url", "url"),
                Field("endpoint_params", "map"),
                TLS_CONFIG,
                Field("proxy_url", "url", since=(0, 25)),
                # prometheus/common added these with the HTTP client's own (AM 0.26+), and the
                # JWT-bearer grant later (real 0.28 refuses it, 0.33 takes it).
                Field("no_proxy", since=(0, 26)),
                Field("proxy_from_environment", "bool", since=(0, 26)),
                Field("proxy_connect_header", "map", items="any", since=(0, 26)),
                Field("grant_type", since=(0, 33)),
                Field("client_certificate_key_id", since=(0, 33)),
                Field("client_certificate_key", secret=True, since=(0, 33)),
                Field("client_certificate_key_file", since=(0, 33)),
                Field("signature_algorithm", since=(0, 33)),
                Field("iss", since=(0, 33)),
                Field("audience", since=(0, 33)),
                Field("claims", "map", items="any", since=(0, 33)),
            ),
        ),
        Field("bearer_token", secret=True),
        Field("bearer_token_file"),
        TLS_CONFIG,
        Field("proxy_url", "url"),
        Field("proxy_connect_header", "map", items="any"),
        Field("no_proxy", since=(0, 26)),
        Field("proxy_from_environment", "bool", since=(0, 26)),
        Field("follow_redirects", "bool"),
        Field("enable_http2", "bool", since=(0, 25)),
        # prometheus/common's Header: each header name maps to {values, secrets, files}, never to text.
        Field("http_headers", "map", since=(0, 28), fields=(
            Field("values", "list", items="string"),
            Field("secrets", "list", items="string"),
            Field("files", "list", items="string"),
        )),
    ),
    doc="HTTP client settings: authorization, basic_auth, oauth2, tls_config, proxy_url.",
)


def _http(*parts: str) -> tuple[str, ...]:
    return ("http_config", *parts)


_ONE_AUTH = "Alertmanager takes at most one of basic_auth, authorization, oauth2 and bearer_token in http_config"
# prometheus/common's HTTPClientConfig.Validate, as the real amtool of each version applies it.
HTTP_CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint(_http("authorization", "type"), when=("basic",),
               reason='Alertmanager refuses authorization type "basic" in http_config',
               hint="use http_config.basic_auth {username, password} instead"),
    Constraint(_http("basic_auth"), conflicts=(_http("authorization"), _http("oauth2"), _http("bearer_token")),
               reason=_ONE_AUTH, hint="keep one way of authenticating"),
    Constraint(_http("authorization"), conflicts=(_http("oauth2"), _http("bearer_token")),
               reason=_ONE_AUTH, hint="keep one way of authenticating"),
    Constraint(_http("oauth2"), conflicts=(_http("bearer_token"),),
               reason=_ONE_AUTH, hint="keep one way of authenticating"),
    Constraint(_http("oauth2"), needs_any=(_http("oauth2", "client_id"),),
               reason="Alertmanager needs http_config.oauth2.client_id when oauth2 is set", hint="add client_id"),
    Constraint(_http("oauth2"), needs_any=(_http("oauth2", "token_url"),),
               reason="Alertmanager needs http_config.oauth2.token_url when oauth2 is set", hint="add token_url"),
    Constraint(_http("no_proxy"), needs_any=(_http("proxy_url"),),
               reason="Alertmanager takes http_config.no_proxy only together with proxy_url",
               hint="add proxy_url, or remove no_proxy"),
    Constraint(_http("proxy_from_environment"), when=(True,), conflicts=(_http("proxy_url"),),
               reason="Alertmanager refuses proxy_url together with proxy_from_environment in http_config",
               hint="keep proxy_from_environment or proxy_url"),
    Constraint(_http("proxy_connect_header"), needs_any=(_http("proxy_url"), _http("proxy_from_environment")),
               reason="Alertmanager takes http_config.proxy_connect_header only with proxy_url "
               "(or proxy_from_environment)", hint="add proxy_url, or remove proxy_connect_header"),
)
HTTP_CONSTRAINTS += (
    Constraint(_http("oauth2", "no_proxy"), needs_any=(_http("oauth2", "proxy_url"),),
               reason="Alertmanager takes http_config.oauth2.no_proxy only together with oauth2.proxy_url",
               hint="add oauth2.proxy_url, or remove oauth2.no_proxy"),
    Constraint(_http("oauth2", "proxy_from_environment"), when=(True,), conflicts=(_http("oauth2", "proxy_url"),),
               reason="Alertmanager refuses oauth2.proxy_url together with oauth2.proxy_from_environment",
               hint="keep proxy_from_environment or proxy_url"),
    Constraint(_http("oauth2", "proxy_connect_header"),
               needs_any=(_http("oauth2", "proxy_url"), _http("oauth2", "proxy_from_environment")),
               reason="Alertmanager takes oauth2.proxy_connect_header only with oauth2.proxy_url "
               "(or proxy_from_environment)", hint="add oauth2.proxy_url, or remove proxy_connect_header"),
)


def tls_constraints(tls: tuple[str, ...]) -> tuple[Constraint, ...]:
    """prometheus/common's TLSConfig rule for the tls_config at ``tls``: the client certificate and its
    key go together (0.28+; earlier releases did not check). Every tls_config obeys it (http_config's,
    oauth2's, email's): :meth:`Integration.all_constraints` adds it wherever TLS_CONFIG is declared."""
    where = ".".join(tls)
    return (
        Constraint((*tls, "cert"), needs_any=((*tls, "key"), (*tls, "key_file")), since=(0, 28),
                   reason=f"Alertmanager needs {where}.key with cert (a certificate without its key)",
                   hint="add the key (encrypted), or remove cert"),
        Constraint((*tls, "key"), needs_any=((*tls, "cert"), (*tls, "cert_file")), since=(0, 28),
                   reason=f"Alertmanager needs {where}.cert with key (a key without its certificate)",
                   hint="add the certificate, or remove key"),
    )


for _tls in (_http("tls_config"), _http("oauth2", "tls_config")):
    HTTP_CONSTRAINTS += tls_constraints(_tls)

# Fields that make Alertmanager read a local file; tenants may not set them (a tenant could
# otherwise point one at a file on the Alertmanager host). ``render --secrets-dir`` emits them.
FILE_FIELD = re.compile(r"(^|_)file$")

# Every tenant receiver with an http_config gets an explicit one from the build (render/build.py),
# so global.http_config (authorization, basic_auth, oauth2, client certificates) never reaches it.
HTTP_CONFIG_INHERIT = Inherit(("http_config",), ("http_config",), "credential", emitted=True)

# HTTP client settings that choose where a request goes (a proxy of the tenant's, a proxy taken
# from the environment or bypassed) or whether its TLS peer is checked against the real server.
HTTP_TRANSPORT: tuple[Transport, ...] = (
    Transport(("http_config", "proxy_url")),
    Transport(("http_config", "proxy_from_environment"), safe=(False,)),
    Transport(("http_config", "proxy_connect_header")),
    Transport(("http_config", "no_proxy")),
    Transport(("http_config", "tls_config", "insecure_skip_verify"), safe=(False,)),
    Transport(("http_config", "tls_config", "ca")),
    Transport(("http_config", "tls_config", "ca_file")),
    Transport(("http_config", "tls_config", "server_name")),
)


def native_value(native: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    """The value at ``path`` of a native config, or None where a level is missing."""
    node: Any = native
    for part in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def is_set(value: Any) -> bool:
    """Alertmanager treats a missing, null or empty value as not given (and then falls back)."""
    return value is not None and value != "" and value != {} and value != []


def inherited_credentials(
    integration: Integration,
    native: Mapping[str, Any],
    version: Version,
    global_config: Mapping[str, Any],
    roles: tuple[InheritRole, ...] = ("credential",),
) -> list[tuple[Inherit, tuple[str, ...]]]:
    """The credentials (or other ``roles``) a receiver with this native config takes from the
    platform at ``version``: each declaration with the global fields that feed it (empty for an
    ambient credential). Declarations the build neutralizes (``emitted``) are left out."""
    found: list[tuple[Inherit, tuple[str, ...]]] = []
    for inherit in integration.all_inherits():
        if inherit.role not in roles or inherit.emitted or version < inherit.since:
            continue
        if is_set(native_value(native, inherit.path)):
            continue
        if any(is_set(native_value(native, other)) for other in inherit.unless):
            continue
        sources = tuple(g for g in inherit.globals if is_set(global_config.get(g)))
        if sources or inherit.ambient:
            found.append((inherit, sources))
    return found


def redirecting_fields(integration: Integration, native: Mapping[str, Any], version: Version) -> list[Transport]:
    """The destination and transport fields this native config sets to a value that matters."""
    found: list[Transport] = []
    for transport in integration.all_transport():
        if version < transport.since:
            continue
        value = native_value(native, transport.path)
        if is_set(value) and value not in transport.safe:
            found.append(transport)
    return found


def check_config(
    integration: Integration,
    config: Mapping[str, Any],
    version: Version,
    global_config: Mapping[str, Any] | None = None,
    *,
    allow_file_fields: bool = False,
) -> list[ConfigIssue]:
    """Check a tenant's ``config`` for this integration at a target Alertmanager version."""
    issues: list[ConfigIssue] = []
    if version < integration.since:
        issues.append(
            ConfigIssue(
                (),
                R201,
                f"{integration.channel_type} needs Alertmanager >= {format_version(integration.since)}; "
                f"target is {format_version(version)}",
                "raise alertmanager_version in receivers.yaml, or use another channel_type",
            )
        )
        return issues
    seen_native: dict[str, str] = {}
    for key, value in config.items():
        alias = integration.alias(key)
        if alias is not None:
            if alias.target[0] in seen_native:
                issues.append(_conflict(key, seen_native[alias.target[0]]))
            seen_native[alias.target[0]] = key
            target = integration.field(alias.target[0])
            if target is not None and len(alias.target) == 1:
                issues.extend(_check_value(target, value, (key,), version, allow_file_fields))
            elif target is not None and target.kind == "map" and isinstance(value, dict | list):
                # An alias into a map (escalation_policy → details.escalation_policy) obeys that map.
                nested = target.items == "any" and (target.nested_since is None or version >= target.nested_since)
                if not nested:
                    issues.append(ConfigIssue(
                        (key,), R102,
                        f"{key!r} must be a single value (it is sent as {'.'.join(alias.target)}; nested values "
                        f"need Alertmanager >= {format_version(target.nested_since or version)})",
                        "write the value as text",
                    ))
            continue
        spec = integration.field(key)
        if spec is None:
            issues.append(_unknown(key, (), [f.name for f in integration.all_fields()], integration))
            continue
        if key in seen_native:
            issues.append(_conflict(key, seen_native[key]))
        seen_native[key] = key
        issues.extend(_check_value(spec, value, (key,), version, allow_file_fields))
    issues.extend(_check_requirements(integration, config, version, global_config or {}))
    if not issues:
        issues.extend(check_constraints(integration, config, version))
    return issues


def _expand(node: Any, path: tuple[str, ...], done: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Each concrete path (list indexes for ``"*"``) below ``node`` matching ``path``, with its value."""
    if not path:
        yield done, node
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(node, list):
            for i, item in enumerate(node):
                yield from _expand(item, rest, (*done, i))
    elif isinstance(node, Mapping) and head in node:
        yield from _expand(node[head], rest, (*done, head))


def _bind(other: tuple[str, ...], concrete: Path) -> tuple[str | int, ...]:
    """``other`` with each ``"*"`` replaced by the index the constraint's own path took there."""
    return tuple(concrete[i] if part == "*" and i < len(concrete) else part for i, part in enumerate(other))


def _lookup(node: Any, path: Path) -> Any:
    found = _resolve(node, path)
    return None if found is None else found[1]


def _resolve(node: Any, path: Path) -> tuple[Path, Any] | None:
    """The path as spelled in ``node`` and its value. A key missing as written matches one that differs
    only in case: free-form keys Alertmanager canonicalises (email ``headers``: ``references`` is the
    ``References`` header); a declared field spelled so is refused as unknown (R101) before this runs."""
    done: list[str | int] = []
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        elif isinstance(node, Mapping):
            if part not in node:
                part = next((k for k in node if isinstance(k, str) and k.lower() == part.lower()), part)
            node = node.get(part)
        else:
            node = None
        if node is None:
            return None
        done.append(part)
    return tuple(done), node


def _same(value: Any, wanted: object) -> bool:
    # Alertmanager compares these words without case; True is not 1 here.
    if isinstance(value, str) and isinstance(wanted, str):
        return value.lower() == wanted.lower()
    return type(value) is type(wanted) and bool(value == wanted)


def check_constraints(integration: Integration, config: Mapping[str, Any], version: Version) -> list[ConfigIssue]:
    """Alertmanager's cross-field rules (:class:`Constraint`) on an otherwise valid ``config``."""
    native: dict[str, Any] = {}
    for key, value in config.items():  # aliases only; a vendor translation composes its own fields
        alias = integration.alias(key)
        target = alias.target if alias else (key,)
        node = native
        for part in target[:-1]:
            node = node.setdefault(part, {})
        node.setdefault(target[-1], value)
    issues: list[ConfigIssue] = []
    for rule in integration.all_constraints():
        if version < rule.since or (rule.until is not None and version > rule.until):
            continue
        for concrete, value in _expand(native, rule.path):
            if not is_set(value) or (rule.when and not any(_same(value, w) for w in rule.when)):
                continue
            others = [_resolve(native, _bind(o, concrete)) for o in rule.conflicts]
            clash = next((o[0] for o in others if o is not None and is_set(o[1])), None)
            if rule.conflicts and clash is None:
                continue
            if rule.needs_any and any(is_set(_lookup(native, _bind(o, concrete))) for o in rule.needs_any):
                continue
            where = clash if clash is not None else concrete
            issues.append(ConfigIssue(integration.tenant_path(config, where) or (), R208,
                                      f"{'.'.join(str(p) for p in where)}: {rule.reason}",
                                      rule.hint or "change the config as the message says", at_key=True))
    return issues


def _conflict(key: str, other: str) -> ConfigIssue:
    return ConfigIssue(
        (key,), R206, f"{key!r} and {other!r} set the same field", "keep only one of them", at_key=True
    )


def _unknown(key: str, prefix: Path, known: list[str], integration: Integration) -> ConfigIssue:
    from difflib import get_close_matches

    names = known + [a.name for a in integration.aliases] if not prefix else known
    close = get_close_matches(key, names, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else f"{integration.channel_type} takes: {', '.join(names)}"
    if FILE_FIELD.search(key) and not close:
        hint = "tenant files may not reference local files; use ENC[...] or ${VAR} values"
    where = ".".join(str(p) for p in prefix)
    what = f"{where}.{key}" if where else key
    return ConfigIssue(
        (*prefix, key), R101, f"unknown field {what!r} for {integration.channel_type}", hint, at_key=True
    )


def _check_value(
    spec: Field, value: Any, path: Path, version: Version, allow_files: bool
) -> Iterator[ConfigIssue]:
    if version < spec.since or (spec.until is not None and version > spec.until):
        needs = (
            f">= {format_version(spec.since)}"
            if version < spec.since
            else f"<= {format_version(spec.until or spec.since)}"
        )
        yield ConfigIssue(
            path,
            R201,
            f"field {spec.name!r} needs Alertmanager {needs}; target is {format_version(version)}",
            "remove the field, or change alertmanager_version in receivers.yaml",
            at_key=True,
        )
        return
    # Fields that read local files (R207) are refused by the rule file_field_forbidden, which
    # walks the whole native output rather than the declared names.
    yield from check_kind(spec, value, path, version, allow_files)


_PY_TYPES: dict[str, tuple[type, ...]] = {
    "bool": (bool,),
    "int": (int,),
    "float": (int, float),
}


def check_kind(
    spec: Field, value: Any, path: Path, version: Version, allow_files: bool = False
) -> Iterator[ConfigIssue]:
    """Check one value against its field's kind (and sub-fields, recursively)."""
    kind = spec.kind
    if kind == "any":
        return
    if isinstance(value, str) and is_deferred(value) and kind not in ("list", "map", "object"):
        return  # resolved at render time; checked again then
    if kind in _PY_TYPES:
        wanted = _PY_TYPES[kind]
        if not isinstance(value, wanted) or (kind != "bool" and isinstance(value, bool)):
            yield ConfigIssue(
                path, R102, f"{spec.name!r} must be {_KIND_WORDS[kind]}, not {_describe(value)}"
            )
        elif kind == "int" and isinstance(value, int):
            low, high = UINT64 if spec.unsigned else INT64
            if not low <= value <= high:
                what = "0 or more" if spec.unsigned and value < 0 else f"at most {high}" if value > high else ""
                what = what or f"at least {low}"
                yield ConfigIssue(
                    path, R160, f"{spec.name!r} must be {what} (Alertmanager refuses {value})",
                    "use a whole number in the range Alertmanager reads",
                )
        elif kind == "float" and isinstance(value, float) and not math.isfinite(value):
            yield ConfigIssue(path, R160, f"{spec.name!r} must be a finite number")
        return
    if kind in ("string", "template", "url", "duration", "go_duration", "hostport"):
        if not isinstance(value, str):
            if (
                kind in ("string", "template")
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                return  # numbers are fine where Alertmanager takes text (ids, chat numbers)
            yield ConfigIssue(
                path, R102, f"{spec.name!r} must be {_KIND_WORDS[kind]}, not {_describe(value)}"
            )
            return
        problem = _check_text(kind, value)
        if problem:
            yield ConfigIssue(path, problem[0], f"{spec.name!r}: {problem[1]}", problem[2])
        elif spec.choices_unless_template and ("{{" in value or value.lower() in spec.choices):
            return
        elif spec.choices and value not in spec.choices:
            from difflib import get_close_matches

            close = get_close_matches(value, spec.choices, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "one of: " + ", ".join(spec.choices)
            yield ConfigIssue(
                path, R103, f"{spec.name!r} is {value!r}, not one of the allowed values", hint
            )
        return
    if kind == "list":
        if not isinstance(value, list):
            yield ConfigIssue(path, R102, f"{spec.name!r} must be a list, not {_describe(value)}")
            return
        for i, item in enumerate(value):
            if spec.fields:
                yield from _check_object(spec, item, (*path, i), version, allow_files)
            elif spec.items:
                yield from check_kind(Field(spec.name, spec.items), item, (*path, i), version, allow_files)
        return
    if kind == "map":
        if not isinstance(value, dict):
            yield ConfigIssue(path, R102, f"{spec.name!r} must be a mapping, not {_describe(value)}")
            return
        if spec.fields:  # a mapping of names to objects (http_headers: {X-Name: {values: [...]}})
            for k, v in value.items():
                entry = Field(f"{spec.name}.{k}", "object", fields=spec.fields)
                yield from _check_object(entry, v, (*path, k), version, allow_files)
            return
        nested = spec.items == "any" and (spec.nested_since is None or version >= spec.nested_since)
        if not nested:
            for k, v in value.items():
                if isinstance(v, dict | list):
                    since = (
                        f"; nested values need Alertmanager >= {format_version(spec.nested_since)}, "
                        f"target is {format_version(version)}" if spec.nested_since else ""
                    )
                    yield ConfigIssue((*path, k), R102, f"{spec.name}.{k} must be a single value{since}",
                                      "write the value as text, or raise alertmanager_version" if since
                                      else "write the value as text")
        if spec.case_insensitive_keys:
            seen: dict[str, object] = {}
            for k in value:
                folded = str(k).lower()
                if folded in seen:
                    yield ConfigIssue(
                        (*path, k), R161,
                        f"{spec.name}: {k!r} and {seen[folded]!r} are the same key to Alertmanager, which "
                        "refuses the config (keys are compared without case)",
                        "keep one of them", at_key=True,
                    )
                else:
                    seen[folded] = k
        return
    if kind == "object":
        yield from _check_object(spec, value, path, version, allow_files)


def _check_object(
    spec: Field, value: Any, path: Path, version: Version, allow_files: bool
) -> Iterator[ConfigIssue]:
    if not isinstance(value, dict):
        yield ConfigIssue(path, R102, f"{spec.name!r} must be a mapping, not {_describe(value)}")
        return
    for key, item in value.items():
        sub = spec.sub(key)
        if sub is None:
            from difflib import get_close_matches

            names = [f.name for f in spec.fields]
            close = get_close_matches(str(key), names, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(names)
            yield ConfigIssue(
                (*path, key), R101, f"unknown field {key!r} in {spec.name}", hint, at_key=True
            )
            continue
        yield from _check_value(sub, item, (*path, key), version, allow_files)


def _check_text(kind: str, value: str) -> tuple[Code, str, str] | None:
    if kind == "url":
        problem = url_problem(value)
        if problem:
            return (R105, problem, "write it as https://host/path")
    elif kind == "duration" and parse_prometheus(value) is None:
        return (
            R106,
            f"{value!r} is not a duration Alertmanager reads",
            "use units y w d h m s ms, largest first: 30s, 5m, 1h30m (at most about 292 years)",
        )
    elif kind == "hostport":
        problem = hostport_problem(value)
        if problem:
            return (R105, problem, "write it as host:port, e.g. smtp.example.com:587")
    elif kind == "go_duration" and parse_go(value) is None:
        return (R106, f"{value!r} is not a duration Alertmanager reads",
                "use a number and a unit: 10s, 1.5s, 1m30s")
    return None


def _check_requirements(
    integration: Integration, config: Mapping[str, Any], version: Version, global_config: Mapping[str, Any]
) -> Iterator[ConfigIssue]:
    # Alertmanager tests a required field against Go's zero value: null, "", 0 and an empty
    # list or mapping all read as missing (telegram ``chat_id: 0`` is "missing chat_id").
    present = {key for key, value in config.items() if not _go_zero(value)}
    for alias in integration.aliases:
        if alias.name in present and len(alias.target) == 1:
            present.add(alias.target[0])
    for req in integration.requirements:
        if version < req.since:
            continue
        local = [name for name in req.any_of if name in present]
        from_global = [g for g in req.globals if not _go_zero(global_config.get(g))]
        if req.exactly_one and len(local) > 1:
            yield ConfigIssue(
                (local[1],),
                R205,
                f"{integration.channel_type} takes only one of {', '.join(req.any_of)}",
                req.hint or f"remove {local[1]!r}",
                at_key=True,
            )
        if not local and not from_global:
            names = " or ".join(repr(n) for n in req.any_of)
            via = f" (or the platform's global {' / '.join(req.globals)})" if req.globals else ""
            yield ConfigIssue(
                (),
                R204,
                f"{integration.channel_type} needs {names}{via}",
                req.hint or f"add {req.any_of[0]!r} to config",
                at_key=True,
            )


def _go_zero(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return value is None
    if isinstance(value, (int, float)):
        return value == 0
    return isinstance(value, (str, list, dict)) and len(value) == 0


_KIND_WORDS = {
    "bool": "true or false",
    "int": "a whole number",
    "float": "a number",
    "string": "text",
    "template": "text",
    "url": "a URL",
    "duration": "a duration like 5m",
    "go_duration": "a duration like 10s",
    "hostport": "host:port",
}


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return "a number"
    return "text"
