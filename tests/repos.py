"""One builder for tenant repositories (``tenants/<id>.yaml`` + ``receivers.yaml``), and YAML in and out.

Tests build a repository with :func:`make_repo` instead of writing files by hand, so the layout the CLI
reads is spelled in one place. YAML goes through ruamel.yaml (a runtime dependency, the library
receivers itself reads with), never PyYAML.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

Body = Mapping[str, Any] | str | bytes


def dump_yaml(data: Any) -> str:
    """Block-style YAML for ``data``, keys in insertion order."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    # The safe representer sorts keys by default; file order is what positions and messages follow.
    yaml.representer.sort_base_mapping_type_on_output = False
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def load_yaml(text: str) -> Any:
    """Plain data (dicts, lists, scalars) from YAML text."""
    return YAML(typ="safe").load(text)


def load_config(out: Path) -> dict[str, Any]:
    """The rendered ``alertmanager.yml`` in the output folder ``out``, as data."""
    config: dict[str, Any] = load_yaml((out / "alertmanager.yml").read_text("utf-8"))
    return config


def _write(path: Path, body: Body, key: str | None = None) -> None:
    if isinstance(body, bytes):
        path.write_bytes(body)
    elif isinstance(body, str):
        path.write_text(body, "utf-8")
    else:
        path.write_text(dump_yaml({key: dict(body)} if key is not None else dict(body)), "utf-8")


def make_repo(
    root: Path,
    tenants: Mapping[str, Body] | None = None,
    platform: Body | None = None,
    env: Mapping[str, str] | None = None,
) -> Path:
    """A tenant repository at ``root``; returns ``root``.

    ``tenants`` maps a file stem (the tenant id) to ``tenants/<stem>.yaml``: a mapping is the tenant's
    body (written as ``{stem: body}``), a string or bytes the file's exact content (for tests about
    syntax, positions or hostile bytes). ``platform`` is ``receivers.yaml`` (mapping, text or bytes;
    not written when None). ``env`` becomes ``ci.env`` (``KEY=VALUE`` lines, for ``--env-file``).
    """
    folder = root / "tenants"
    folder.mkdir(parents=True, exist_ok=True)
    for stem, body in (tenants or {}).items():
        _write(folder / f"{stem}.yaml", body, stem)
    if platform is not None:
        _write(root / "receivers.yaml", platform)
    if env is not None:
        (root / "ci.env").write_text("".join(f"{k}={v}\n" for k, v in env.items()), "utf-8")
    return root
