"""YAML text of the files an import writes.

Written with the render's deterministic emitter (receivers_cli/render/yaml_emit.py), which quotes
everything YAML 1.1 readers could misread (``on``, ``10:30``, ...), so each value reads back as
the value that was checked. The source's comments that describe the whole file (its leading
block) come along as the header of each file written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from receivers_cli.render.yaml_emit import dump


def leading_comments(text: str) -> list[str]:
    """The comment lines at the top of ``text`` (before its first key), without the ``#``."""
    found: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            if found:
                found.append("")
            continue
        if not stripped.startswith("#"):
            break
        found.append(stripped[1:].strip())
    while found and not found[-1]:
        found.pop()
    return found


def dump_yaml(data: Mapping[str, Any], comments: list[str] | None = None) -> str:
    return dump(data, "\n".join(comments or []))


def load_roundtrip(text: str) -> dict[str, Any]:
    """An existing platform file as plain data (already checked by the loader)."""
    from receivers_cli.loading.yaml_source import load_text

    data = load_text(text, "receivers.yaml").data
    return dict(data) if isinstance(data, dict) else {}
