"""The vocabulary every integration module uses to declare itself: data first, a little code after.

An integration module (one per ``channel_type``) builds one
:class:`~receivers_cli.integrations.integration.Integration` named ``INTEGRATION`` out of these
values: its ``config`` fields (native names) with their kinds, secrecy and minimum versions,
friendly aliases, requirements (one-of groups, with global fallbacks), what Alertmanager fills in
from ``global``, the fields that redirect a request, and Alertmanager's cross-field rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from receivers_cli.alertmanager.versions import OLDEST, Version

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
    # "template" fields that also take a mapping of ``fields`` from this version (jira ``summary``:
    # a template, or from 0.30 ``{template, enable_update}``); before it, only the text.
    object_since: Version | None = None

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


def secret_paths(fields: tuple[Field, ...], prefix: tuple[str, ...] = ()) -> tuple[tuple[str, ...], ...]:
    """Every path (field names) below ``fields`` that holds a secret."""
    found: list[tuple[str, ...]] = []
    for f in fields:
        if f.secret:
            found.append((*prefix, f.name))
        found.extend(secret_paths(f.fields, (*prefix, f.name)))
    return tuple(found)

# Fields that make Alertmanager read a local file; tenants may not set them (a tenant could
# otherwise point one at a file on the Alertmanager host). ``render --secrets-dir`` emits them.
FILE_FIELD = re.compile(r"(^|_)file$")
