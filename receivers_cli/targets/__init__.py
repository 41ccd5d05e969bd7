"""Output targets and their registry: one module per output shape, one line here to make it known.

``alertmanager`` is the folder ``receivers render`` writes by default (``native`` is its old name);
``kubernetes`` a prometheus-operator config Secret, ``helm`` kube-prometheus-stack values, ``mimir``
one envelope per tenant. A new shape is a module implementing
:class:`~receivers_cli.targets.base.Target` and one entry below.
"""

from __future__ import annotations

from receivers_cli.targets.base import Target
from receivers_cli.targets.helm import HelmTarget
from receivers_cli.targets.kubernetes import KubernetesTarget
from receivers_cli.targets.mimir import MimirTarget
from receivers_cli.targets.native import NativeTarget

DEFAULT = "alertmanager"
_TARGETS: dict[str, Target] = {
    target.name: target for target in (NativeTarget(), KubernetesTarget(), HelmTarget(), MimirTarget())
}
_ALIASES = {"native": DEFAULT}


def names() -> list[str]:
    return sorted(_TARGETS)


def get(name: str = DEFAULT) -> Target:
    """The target called ``name``; raises KeyError for an unknown one (the CLI offers only ``names()``)."""
    return _TARGETS[_ALIASES.get(name, name)]
