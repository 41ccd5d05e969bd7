"""Find and load a config repository: the tenant files and the optional platform file."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from receivers_cli.codes import R010, R011, R013, R014, R015
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.loading.yaml_source import SourceDocument, display_path, load_file
from receivers_cli.progress import track

TENANT_SUFFIXES = (".yaml", ".yml")
# Names that look like a tenant file but are not read as one; reported, never skipped silently.
LOOKALIKE_SUFFIXES = (".yaml", ".yml", ".json")
MAX_REPORTED_LOOKALIKES = 50  # a huge tree below tenants/ is reported by its first files only
DEFAULT_TENANTS_DIR = Path("tenants")
DEFAULT_CONFIG = Path("receivers.yaml")


@dataclass
class TenantSource:
    """One tenant file as loaded: its id (the single top-level key) and its body."""

    id: str
    doc: SourceDocument
    body: Any  # the mapping under the id, before validation

    @property
    def file(self) -> str:
        return self.doc.file


@dataclass
class ProjectSources:
    """Everything read from disk, with the problems found while reading it."""

    tenants: list[TenantSource] = field(default_factory=list)
    platform: SourceDocument | None = None
    problems: list[Problem] = field(default_factory=list)
    failed_files: list[str] = field(default_factory=list)


def discover_tenant_files(paths: Sequence[Path]) -> list[Path]:
    """Tenant files below the given files or folders, sorted, without duplicates.

    Entries are judged by ``lstat`` (never following a link): every ``*.yaml``/``*.yml`` entry
    that is not a plain folder is listed, symlinks and special files included, so that loading
    refuses them with a located problem instead of reading them or skipping them silently.
    """
    found: set[Path] = set()
    for path in paths:
        if not path.is_symlink() and path.is_dir():
            with os.scandir(path) as entries:
                for entry in entries:
                    if Path(entry.name).suffix not in TENANT_SUFFIXES:
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        continue
                    found.add(path / entry.name)
        elif path.exists() or path.is_symlink() or path.suffix.lower() in LOOKALIKE_SUFFIXES:
            found.add(path)  # a missing file is reported by the loader; a missing folder by R014
    return sorted(found)


def outside_problem(path: Path) -> Problem | None:
    """A folder on the way to ``path`` (below the working directory) that is a symlink, if any.

    The file itself is checked when it is opened; this catches ``tenants/link/x.yaml`` where
    ``link`` points elsewhere, so a path that reads as inside the repository is read inside it.
    """
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(Path.cwd())
    except ValueError:
        return None
    probe = Path.cwd()
    for part in relative.parts[:-1]:
        probe = probe / part
        if probe.is_symlink():
            return Problem(
                display_path(path), 1, 1, R015,
                f"the path goes through {display_path(probe)}, a symbolic link; files are read only inside "
                "the repository's own folders",
                "commit the folder itself, not a link to it",
            )
    return None


def discovery_problems(paths: Sequence[Path]) -> list[Problem]:
    """Why the tenant files found below ``paths`` may not be all the user expects.

    A tenant folder that is missing or holds no tenant file (R014), and files under it that look
    like tenant files but are not read as one (R013): in a subfolder, or with a suffix such as
    ``.YAML`` or ``.json``. Both would otherwise drop a tenant (and its alerts) without a word.
    """
    problems: list[Problem] = []
    for path in paths:
        if not path.exists():
            if path.suffix.lower() in LOOKALIKE_SUFFIXES:
                continue  # a missing file is reported by the loader (R001)
            problems.append(Problem(display_path(path), 0, 0, R014, f"tenant folder {display_path(path)}/ "
                                    "does not exist", "create it, or give the right folder with --tenants"))
            continue
        if path.is_symlink() or not path.is_dir():
            continue  # a linked tenants folder is refused by the loader (R015)
        if not any(p.suffix in TENANT_SUFFIXES and not p.is_dir() for p in path.iterdir()):
            problems.append(Problem(display_path(path), 0, 0, R014, f"no tenant files in {display_path(path)}/",
                                    "add one file per tenant, named <tenant>.yaml"))
        problems.extend(_lookalikes(path))
    return problems


def _lookalikes(folder: Path) -> list[Problem]:
    found: list[Problem] = []
    # os.walk does not follow symbolic links to folders, so a link loop cannot hang discovery.
    for current, dirs, files in os.walk(folder):
        dirs.sort()
        top = Path(current) == folder
        for name in sorted(files):
            path = Path(current) / name
            suffix = path.suffix
            if suffix.lower() not in LOOKALIKE_SUFFIXES or (top and suffix in TENANT_SUFFIXES):
                continue
            where = "in a subfolder" if not top else f"named {suffix!r}"
            target = folder / f"{path.stem}.yaml"
            found.append(Problem(display_path(path), 0, 0, R013,
                                 f"{display_path(path)} is not read as a tenant file ({where})",
                                 f"tenant files are {display_path(folder)}/<tenant>.yaml (or .yml): move it to "
                                 f"{display_path(target)}, or out of {display_path(folder)}/"))
            if len(found) >= MAX_REPORTED_LOOKALIKES:
                return found
    return found


def load_tenant(path: Path) -> TenantSource:
    """Load one tenant file and check its shape: one mapping whose only key is the file's stem."""
    outside = outside_problem(path)
    if outside is not None:
        raise ProblemsError([outside])
    doc = load_file(path)
    data = doc.data
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise ProblemsError(
            [doc.problem((), R010, f"the file holds {kind}; a tenant file holds one mapping", f"write `{path.stem}:`"
             " on the first line and indent the tenant's fields below it")]
        )
    if len(data) != 1:
        keys = list(data)
        raise ProblemsError(
            [doc.problem((keys[1],) if len(keys) > 1 else (), R010,
                         f"a tenant file holds exactly one top-level key (the tenant id); found {len(keys)}",
                         f"keep only `{path.stem}:` at the top level", at_key=True)]
        )
    (tenant_id, body), = data.items()
    if tenant_id != path.stem:
        raise ProblemsError(
            [doc.problem((tenant_id,), R011, f"top-level key {tenant_id!r} is not the file name's stem "
                         f"{path.stem!r}", f"rename the key to {path.stem!r} or the file to {tenant_id}.yaml",
                         at_key=True)]
        )
    return TenantSource(tenant_id, doc, body)


def load_sources(paths: Iterable[Path], config: Path | None) -> ProjectSources:
    """Load every tenant file and the platform file, collecting problems instead of stopping."""
    sources = ProjectSources()
    paths = list(paths)
    for folder in paths:
        if folder.is_symlink() and folder.is_dir():
            # A tenants folder that is a link would read files from wherever it points.
            sources.problems.append(
                Problem(display_path(folder), 1, 1, R015, "the tenants folder is a symbolic link",
                        "commit the folder itself, not a link to it")
            )
            sources.failed_files.append(display_path(folder))
    paths = [p for p in paths if not (p.is_symlink() and p.is_dir())]
    sources.problems.extend(discovery_problems(paths))
    if config is not None and (config.exists() or config.is_symlink()):
        try:
            outside = outside_problem(config)
            if outside is not None:
                raise ProblemsError([outside])
            sources.platform = load_file(config)
        except ProblemsError as exc:
            sources.problems.extend(exc.problems)
            sources.failed_files.append(display_path(config))
    for path in track(discover_tenant_files(paths), "reading tenant files"):
        try:
            sources.tenants.append(load_tenant(path))
        except ProblemsError as exc:
            sources.problems.extend(exc.problems)
            sources.failed_files.append(display_path(path))
    return sources
