"""Where a rendered name was written: ``file:line`` of the receiver behind it."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from receivers_cli.api.project import Project
from receivers_cli.isolation import naming

# One index per project, dropped with it (the project itself stays unchanged).
_INDEXES: WeakKeyDictionary[Project, dict[str, str]] = WeakKeyDictionary()


def receiver_source(project: Project, receiver: str) -> str:
    """``file:line`` of the tenant (or platform) receiver behind a rendered receiver name.

    Looked up in an index built once per project: views ask this for every receiver, and a scan
    per question made a tenant with 10,000 receivers quadratic.
    """
    index = _INDEXES.get(project)
    if index is None:
        index = _INDEXES[project] = _receiver_index(project)
    owner = naming.split(receiver)[0]
    found = index.get(receiver)
    if found is not None:
        return found
    return index.get(naming.prefix(owner), "") if owner != naming.PLATFORM else ""


def _receiver_index(project: Project) -> dict[str, str]:
    """Rendered receiver name → ``file:line``; ``<tenant>/`` → the tenant's own line (first wins)."""
    index: dict[str, str] = {}
    seen: set[str] = set()
    for tenant in project.tenants:
        if tenant.id in seen:
            continue  # the first tenant file with an id answers for it
        seen.add(tenant.id)
        pos = tenant.doc.locate((tenant.id,), at_key=True)
        index[naming.prefix(tenant.id)] = f"{tenant.doc.file}:{pos.line}"
        for i, spec in enumerate(tenant.model.receivers):
            line = tenant.doc.locate((tenant.id, "receivers", i), at_key=False).line
            index.setdefault(naming.scoped(tenant.id, spec.name), f"{tenant.doc.file}:{line}")
    doc = project.platform_doc
    if doc is not None and naming.PLATFORM not in seen:
        for i, spec in enumerate(project.platform.receivers):
            where = f"{doc.file}:{doc.locate(('receivers', i)).line}"
            index.setdefault(naming.scoped(naming.PLATFORM, spec.name), where)
    return index
