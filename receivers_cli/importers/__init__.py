"""Importers: read configs that are not tenant files into one shape, :class:`~.base.NativeConfig`.

One module per source; ``rendered_folder`` (an output folder of ``receivers render``) is the first.
A new source (an existing alertmanager.yml, a Mimir tenant config) is a new module implementing
:class:`~.base.Importer` and one line in ``IMPORTERS``.
"""

from __future__ import annotations

from receivers_cli.importers.base import Importer, NativeConfig
from receivers_cli.importers.rendered_folder import RenderedFolder

IMPORTERS: tuple[Importer, ...] = (RenderedFolder(),)


def importer_for(spec: str) -> Importer | None:
    """The first importer that reads ``spec`` (a path or other locator), or None."""
    return next((importer for importer in IMPORTERS if importer.accepts(spec)), None)


__all__ = ["IMPORTERS", "Importer", "NativeConfig", "importer_for"]
