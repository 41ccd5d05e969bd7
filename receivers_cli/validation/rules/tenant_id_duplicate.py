"""R121 tenant-id-duplicate: one tenant id is defined by one file only.

Two files such as ``tenants/acme.yaml`` and ``tenants/acme.yml`` (or the same id in two folders)
would both claim the tenant's routes and receivers.

PASS::

    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}

FAIL::

    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
    # file: tenants/acme.yml
    acme:
      metadata: {name: Acme}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R121
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        files = ctx.all_tenant_files.get(tenant.id, [tenant.doc.file])
        others = [f for f in files if f != tenant.doc.file]
        if others:
            yield tenant.doc.problem(
                (tenant.id,),
                RULE.id,
                f"tenant {tenant.id!r} is also defined in {', '.join(others)}",
                "keep one file per tenant",
                at_key=True,
            )


RULE = Rule(R121, ValidationLevel.STANDARD, "each tenant id is defined once", check)
