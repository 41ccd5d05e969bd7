"""Output targets and their registry: one module per output shape, one line here to make it known.

Only ``native`` (the folder ``receivers render`` writes today) exists; a per-tenant or
Kubernetes target is a new module implementing :class:`~receivers_cli.targets.base.Target`.
"""

from __future__ import annotations

from receivers_cli.targets.base import Target
from receivers_cli.targets.native import NativeTarget

DEFAULT = "native"
_TARGETS: dict[str, Target] = {target.name: target for target in (NativeTarget(),)}


def names() -> list[str]:
    return sorted(_TARGETS)


def get(name: str = DEFAULT) -> Target:
    """The target called ``name``; raises KeyError for an unknown one (the CLI offers only ``names()``)."""
    return _TARGETS[name]
