"""An output folder of ``receivers render``: ``alertmanager.yml``, ``templates/*.tmpl``, ``manifest.json``."""

from __future__ import annotations

import json
import re
from pathlib import Path

from receivers_cli.alertmanager.versions import Version, parse_version
from receivers_cli.codes import D001
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.importers.base import NativeConfig
from receivers_cli.isolation import naming
from receivers_cli.render.layout import CONFIG_FILE, MANIFEST_FILE, TEMPLATES_GLOB


class RenderedFolder:
    name = "rendered-folder"

    def accepts(self, spec: str) -> bool:
        return Path(spec).is_dir()

    def load(self, spec: str) -> NativeConfig:
        from receivers_cli.importers.target_folders import load_target_folder, target_of

        path = Path(spec)
        target = target_of(path)
        if target is not None:  # the output of --target kubernetes, helm or mimir
            return load_target_folder(path, target, version_from_header, manifest_inputs(path))
        if not (path / CONFIG_FILE).is_file():
            raise ProblemsError([Problem(spec, 0, 0, D001, f"{spec}/ holds no {CONFIG_FILE}",
                                         "give a rendered output folder, or a git revision such as HEAD~1")])
        return load_folder(path)


def load_folder(path: Path) -> NativeConfig:
    from receivers_cli.loading.yaml_source import load_file

    doc = load_file(path / CONFIG_FILE)
    if not isinstance(doc.data, dict):
        raise ProblemsError([doc.problem((), D001, "not an Alertmanager configuration")])
    templates = {
        p.relative_to(path).as_posix(): p.read_text("utf-8", errors="replace")
        for p in sorted(path.glob(TEMPLATES_GLOB))
    }
    config = doc.data
    if not templates:  # --layout flat: the templates beside the config
        from receivers_cli.importers.target_folders import as_nested, flat_templates

        templates = flat_templates(path)
        config = as_nested(config) if templates else config
    return NativeConfig(str(path), config, templates, version_from_header(doc.text), "rendered",
                        manifest_inputs(path))


def manifest_inputs(path: Path) -> dict[str, str]:
    """Tenant (or ``_platform``) → sha256 of the input file, from the folder's ``manifest.json``."""
    try:
        manifest = json.loads((path / MANIFEST_FILE).read_text("utf-8"))
        return {str(r.get("tenant") or naming.PLATFORM): str(r["sha256"]) for r in manifest.get("inputs", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def header_version(text: str) -> str | None:
    """The target version (``0.28``) the header line of a rendered config names, if any."""
    match = re.search(r"for Alertmanager (\d+\.\d+)", text[:400])
    return match.group(1) if match else None


def version_from_header(text: str) -> Version:
    """The target version the header line of a rendered config names (0.25 when it names none)."""
    named = header_version(text)
    return parse_version(named) if named else (0, 25)
