"""Names in the merged config: every name a tenant contributes is ``<owner>/<name>``.

Tenant ids match ``^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$`` and receiver names never start with
``_``, so the reserved names below can belong to no tenant and ``/`` never occurs inside an id.
"""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = "/"
# The owner of everything receivers.yaml defines (platform receivers, the root's default receiver).
PLATFORM = "_platform"
# The receiver with no integration that catches what no route sends anywhere (per tenant and root).
UNROUTED = "_unrouted"
# receivers.yaml's ``global`` section, bound like a receiver of PLATFORM (and its secret files' folder).
GLOBAL = "_global"
TEMPLATE_SUFFIX = ".tmpl"


def scoped(owner: str, name: str) -> str:
    """``<owner>/<name>``: a receiver, time interval, inhibit rule or template part of ``owner``."""
    return f"{owner}{SEPARATOR}{name}"


def prefix(owner: str) -> str:
    """What every name ``owner`` contributes starts with."""
    return owner + SEPARATOR


def split(name: str) -> tuple[str, str]:
    """``(owner, name)`` of a scoped name; ``(name, "")`` when it is not scoped."""
    owner, _, local = name.partition(SEPARATOR)
    return owner, local


def owner_of(name: str) -> str:
    """The owner of a name in a rendered config; a name with no owner counts as the platform's."""
    return name.split(SEPARATOR, 1)[0] if SEPARATOR in name else PLATFORM


def local_name(name: str) -> str:
    """The part after the owner (``<part>`` of ``<tenant>/<part>``)."""
    return name.split(SEPARATOR, 1)[1]


def owned_by(name: str, owner: str) -> bool:
    return name.startswith(prefix(owner))


def is_tenant(owner: str) -> bool:
    """Whether ``owner`` is a tenant: reserved owners (the platform, ``_global``) start with ``_``."""
    return bool(owner) and not owner.startswith("_")


def tenant_owners(names: Iterable[str]) -> set[str]:
    """The tenants among the owners of scoped ``names`` (the platform is not a tenant)."""
    return {name.split(SEPARATOR, 1)[0] for name in names if SEPARATOR in name} - {PLATFORM}


def unrouted(owner: str) -> str:
    """The catch-all receiver of ``owner`` (a tenant, or PLATFORM for the root)."""
    return scoped(owner, UNROUTED)


def template_file(tenant: str) -> str:
    """The template file (below the output's templates folder) holding ``tenant``'s parts."""
    return tenant + TEMPLATE_SUFFIX


def template_file_owner(path: str) -> str:
    """The tenant of a template file given by its path (``templates/<tenant>.tmpl``)."""
    return path.removesuffix(TEMPLATE_SUFFIX).split(SEPARATOR)[-1]


def is_template_file_of(path: str, tenant: str) -> bool:
    return path.split(SEPARATOR)[-1] == template_file(tenant)


def secret_file(owner: str, receiver: str, leaf: str) -> str:
    """``<owner>/<receiver>/<leaf>``: the relative path of a secret file (components encoded by the caller)."""
    return SEPARATOR.join((owner, receiver, leaf))


def global_secret_file(leaf: str) -> str:
    """``_global/<leaf>``: a secret file of the ``global`` section."""
    return scoped(GLOBAL, leaf)
