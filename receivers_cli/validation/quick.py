"""The quick check of a tenant file that a question does not concern.

``routes test tenant=a ...`` is answered from the platform file and tenant ``a``'s own file: every
other tenant's route matches only alerts whose tenant label is that other tenant's id, so no other
file can change the answer (``analysis/routing_view.py`` says why in full). Those files still get
this check, so a file that is broken in the way most edits break a file is reported as it is by
every routing command: it loads (YAML, refused constructs, size, a regular file), holds one tenant
named after the file, passes the tenant model (structure and types: R101–R104) and names known
``channel_type`` values only (R110). A file that fails any of it is then loaded and checked in full,
so what is reported about it is exactly what the full pipeline reports (file:line:col, every rule).

What it does not run on those files are the semantic rules (integration settings, URLs, templates,
matchers of native routes, timers, ...): ``receivers validate`` (and ``render``) check every file
with all of them. It costs about a third of a millisecond a file; the full check about two.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from pydantic import ValidationError

from receivers_cli.errors import ProblemsError
from receivers_cli.loading.yaml_source import NotQuick, quick_data, read_regular_file
from receivers_cli.model.tenant import Tenant


def quick_tenant(path: Path, channel_types: Collection[str], raw: bytes | None = None) -> bool:
    """Whether the tenant file at ``path`` passes the quick check (False: check it in full).

    ``channel_types`` are the catalog's; ``raw``, the file's bytes if the caller has read them as
    :func:`read_regular_file` does. The caller has made sure that no folder on the way to
    ``path`` is a link (the full load checks that per file).
    """
    try:
        data = quick_data(raw if raw is not None else read_regular_file(path, str(path)))
    except (ProblemsError, NotQuick):
        return False
    if not isinstance(data, dict) or len(data) != 1:
        return False
    ((tenant_id, body),) = data.items()
    if tenant_id != path.stem:
        return False
    try:
        model = Tenant.model_validate(body if body is not None else {})
    except ValidationError:
        return False
    for receiver in model.receivers:
        if receiver.channel_type is None:
            if receiver.config:
                return False  # a config with no channel_type (R110)
        elif receiver.channel_type not in channel_types:
            return False
    return True



def quick_tenants(paths: Sequence[Path], channel_types: Collection[str],
                  contents: Mapping[Path, bytes] | None = None) -> list[bool]:
    """:func:`quick_tenant` of every path, in order (bytes from ``contents`` where it has them)."""
    known = contents or {}
    return [quick_tenant(path, channel_types, known.get(path)) for path in paths]
