"""What an importer gives back, and what every importer is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from receivers_cli.alertmanager.versions import Version

Origin = Literal["rendered", "inputs"]


@dataclass
class NativeConfig:
    """A native Alertmanager config read from somewhere: the config, its templates (path → text),
    the version to read it as, and the sha256 of the input file behind each tenant (``_platform``:
    the platform file), when known. ``kind`` says whether it was read as rendered or built from inputs."""

    name: str
    config: dict[str, Any]
    templates: dict[str, str]
    version: Version
    kind: Origin = "rendered"
    inputs: dict[str, str] = field(default_factory=dict)


class Importer(Protocol):
    name: str

    def accepts(self, spec: str) -> bool:
        """Whether ``spec`` looks like this importer's source (no problem raised)."""
        ...

    def load(self, spec: str) -> NativeConfig:
        """Read ``spec``; raises :class:`~receivers_cli.errors.ProblemsError` for what it cannot read."""
        ...
