"""The platform side of variable scoping: the grants in ``receivers.yaml`` and its own ``${VAR}``.

Rules R171 (a platform reference to ``RECEIVERS_*``), R172 (a grant that could cover
``RECEIVERS_*``) and R173 (a grant for a tenant without a file), located in ``receivers.yaml``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from receivers_cli.codes import R171, R172, R173
from receivers_cli.errors import Problem
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.model.placeholders import grant_may_cover_reserved, references
from receivers_cli.model.platform import Platform
from receivers_cli.validation.rules._values import strings


def platform_problems(
    platform: Platform, doc: SourceDocument, tenant_ids: Collection[str] | None
) -> Iterator[Problem]:
    """Problems of the grants and of the platform's own references; ``tenant_ids`` is None when
    the run does not see every tenant file (then stale grants cannot be told)."""
    variables = platform.variables
    lists: list[tuple[DataPath, list[str]]] = [(("variables", "shared"), variables.shared)]
    lists += [(("variables", "tenants", tenant), names) for tenant, names in variables.tenants.items()]
    for base, names in lists:
        for i, pattern in enumerate(names):
            if grant_may_cover_reserved(pattern):
                yield doc.problem(
                    (*base, i), R172,
                    f"grant {pattern!r} could cover RECEIVERS_* variables, which are never substituted",
                    "name the variables, or use a glob with a prefix of your own (e.g. CHECKOUT_*)",
                )
    if tenant_ids is not None:
        for tenant in variables.tenants:
            if tenant not in tenant_ids:
                yield doc.problem(
                    ("variables", "tenants", tenant), R173,
                    f"variables are granted to tenant {tenant!r}, which has no tenant file",
                    "remove the grant (a new file with that id would receive these variables), or fix the id",
                    at_key=True,
                )
    sections: list[tuple[DataPath, Any]] = [(("global",), platform.global_)]
    sections += [(("receivers", i, "config"), r.config) for i, r in enumerate(platform.receivers)]
    for base, value in sections:
        for path, text in strings(value, base):
            for name in dict.fromkeys(references(text)):
                refused = variables.refusal(None, name)
                if refused is not None:
                    yield doc.problem(path, R171, *refused)
