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


def comments_before(lines: list[str], line: int) -> list[str]:
    """The comment block directly above ``line`` (1-based) of a text's ``lines``, without the ``#``."""
    found: list[str] = []
    index = line - 2
    while 0 <= index < len(lines) and lines[index].strip().startswith("#"):
        found.append(lines[index].strip()[1:].strip())
        index -= 1
    return list(reversed(found))


def with_comments(text: str, comments: Mapping[tuple[str | int, ...], list[str]]) -> str:
    """``text`` with each comment block written above the line of its data path (same indentation).

    Positions come from reading ``text`` back with our loader, so a block always lands above the
    entry it described in the source, whatever the emitter's layout."""
    from receivers_cli.loading.yaml_source import load_text

    if not comments:
        return text
    doc = load_text(text, "<import>")
    lines = text.splitlines()
    inserts: dict[int, list[str]] = {}
    for path, block in comments.items():
        if not block or tuple(path) not in doc.values:
            continue
        line = doc.values[tuple(path)].line
        target = lines[line - 1]
        indent = target[: len(target) - len(target.lstrip())]
        rendered = [f"{indent}# {c}".rstrip() if c else f"{indent}#" for c in block]
        inserts.setdefault(line, [])
        for entry in rendered:
            if entry not in inserts[line]:
                inserts[line].append(entry)
    out: list[str] = []
    for number, content in enumerate(lines, start=1):
        out.extend(inserts.get(number, []))
        out.append(content)
    return "\n".join(out) + "\n"
