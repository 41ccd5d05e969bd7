"""Resolve: ``${VAR}`` from the environment and ``ENC[...]`` values into real values (render only).

Validation never needs the environment or a key; only this stage does. Every value that came from
the environment or from an envelope, and every value of a secret field, is recorded in
:class:`SecretValues` so that diffs and messages can mask it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.model.placeholders import REFERENCE

VAR = re.compile(r"\$\$\{|" + REFERENCE.pattern)  # $${ escapes a literal ${
ANY_VAR = re.compile(r"\$\{[^}]*\}?")


@dataclass
class SecretValues:
    """Plaintext of every secret the render handled, to mask in diffs and messages."""

    values: set[str] = field(default_factory=set)

    def add(self, value: str) -> None:
        if len(value) >= 4:  # shorter strings would mask ordinary text everywhere
            self.values.add(value)

    def mask(self, text: str) -> str:
        for value in sorted(self.values, key=len, reverse=True):
            text = text.replace(value, "<secret>")
        return text


# (envelope text, binding path) → plaintext; raises ProblemsError-compatible errors via callback.
Decrypt = Callable[[str, tuple[str, ...]], str]


@dataclass
class Resolver:
    env: Mapping[str, str]
    secrets: SecretValues
    decrypt: Decrypt | None = None
    problems: list[Problem] = field(default_factory=list)

    def resolve_tree(
        self,
        value: Any,
        doc: SourceDocument,
        path: DataPath,
        binding: tuple[str, ...],
        secret_paths: frozenset[tuple[str, ...]] = frozenset(),
        field_path: tuple[str, ...] = (),
    ) -> Any:
        """Resolve every string below ``value``; ``binding`` names the owner (tenant, receiver)."""
        if isinstance(value, dict):
            return {
                k: self.resolve_tree(v, doc, (*path, k), binding, secret_paths, (*field_path, str(k)))
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [
                self.resolve_tree(v, doc, (*path, i), binding, secret_paths, field_path) for i, v in enumerate(value)
            ]
        if not isinstance(value, str):
            return value
        is_secret = field_path in secret_paths
        if value.startswith("ENC[") and value.endswith("]"):
            plain = self._decrypt(value, doc, path, (*binding, ".".join(field_path)))
            self.secrets.add(plain)
            return plain
        resolved = self._interpolate(value, doc, path)
        if is_secret or resolved != value:
            self.secrets.add(resolved)
        return resolved

    def _interpolate(self, value: str, doc: SourceDocument, path: DataPath) -> str:
        if "$" not in value:
            return value

        def replace(match: re.Match[str]) -> str:
            if match.group(0) == "$${":
                return "${"
            name = match.group(1)
            if name not in self.env:
                self.problems.append(
                    doc.problem(
                        path, "R301", f"environment variable {name} is not set",
                        f"export {name} before `receivers render` (validate does not need it)",
                    )
                )
                return ""
            return self.env[name]

        return VAR.sub(replace, value)

    def _decrypt(self, value: str, doc: SourceDocument, path: DataPath, binding: tuple[str, ...]) -> str:
        if self.decrypt is None:
            self.problems.append(
                doc.problem(path, "R302", "encrypted value but no private key was given",
                            "pass --key-file, or set RECEIVERS_KEY_FILE or RECEIVERS_KEY")
            )
            return ""
        try:
            return self.decrypt(value, binding)
        except ProblemsError as exc:  # the decrypt hook reports without location; add it here
            pos = doc.locate(path)
            for p in exc.problems:
                self.problems.append(Problem(doc.file, pos.line, pos.column, p.rule, p.message, p.hint, path=path))
            return ""


def malformed_placeholders(value: str) -> list[str]:
    """``${...}`` spans in ``value`` that are not a valid ``${NAME}`` (for validation)."""
    bad = []
    for match in ANY_VAR.finditer(value):
        text = match.group(0)
        if match.start() > 0 and value[match.start() - 1] == "$":
            continue  # $${ escapes a literal ${
        if not VAR.fullmatch(text):
            bad.append(text)
    return bad
