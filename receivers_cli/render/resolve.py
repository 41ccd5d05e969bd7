"""Resolve: ``${VAR}`` from the environment and ``ENC[...]`` values into real values (render only).

Validation never needs the environment or a key; only this stage does. Every value that came from
the environment or from an envelope, and every value of a secret field, is recorded in
:class:`SecretValues` so that diffs and messages can mask it.

A tenant resolves only the variables ``receivers.yaml`` grants it (``variables:``), and nobody
resolves ``RECEIVERS_*``. Validate refuses the same names first (rule R171); this stage asks the
same question again so that a render never depends on validation having run at some level.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from receivers_cli.codes import R171, R301, R302
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.model.placeholders import SCAN, is_envelope
from receivers_cli.model.platform import Variables

VAR = SCAN  # $${ escapes a literal ${; kept under this name for the callers
NOT_GRANTED = R171
ANY_VAR = re.compile(r"\$\{[^}]*\}?")


def _forms(value: str) -> set[str]:
    """The ways ``value`` can be spelled in text we write: as is, and escaped the way JSON, YAML
    double quotes (our emitter writes JSON strings) and Python ``repr`` escape it."""
    forms = {value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1], repr(value)[1:-1]}
    return {f for f in forms if f}


# ``key: value`` or ``- value`` lines of the YAML we emit (for short values, matched as a whole scalar).
_SCALAR_LINE = re.compile(r"^(?P<lead>[-+ ]?\s*(?:- )?(?:[^\s:][^:]*:\s+|-\s+)?)(?P<value>\S.*?)\s*$")


@dataclass
class SecretValues:
    """Plaintext of every secret the render handled, to mask in diffs and messages."""

    values: set[str] = field(default_factory=set)
    # Values of 1 to 3 characters: replacing them anywhere would mangle ordinary text, so they are
    # masked where they stand alone (a whole YAML scalar, a quoted word).
    short: set[str] = field(default_factory=set)

    def add(self, value: str) -> None:
        if len(value) >= 4:
            self.values.add(value)
        elif value:
            self.short.add(value)

    def mask(self, text: str) -> str:
        forms = {f for value in self.values for f in _forms(value)}
        for form in sorted(forms, key=len, reverse=True):
            text = text.replace(form, "<secret>")
        if not self.short:
            return text
        quoted = {q for value in self.short for q in (repr(value), json.dumps(value), f"'{value}'")}
        for form in sorted(quoted, key=len, reverse=True):
            text = text.replace(form, "<secret>")
        return "\n".join(self._mask_short_line(line) for line in text.split("\n"))

    def _mask_short_line(self, line: str) -> str:
        match = _SCALAR_LINE.match(line)
        if match is None:
            return line
        value = match.group("value")
        unquoted = value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" else value
        if value in self.short or unquoted in self.short:
            return match.group("lead") + "<secret>"
        return line

    def mask_problem(self, problem: Problem) -> Problem:
        from dataclasses import replace

        return replace(problem, message=self.mask(problem.message), hint=self.mask(problem.hint))


def scrub(text: str, values: Iterable[str]) -> str | None:
    """``text`` with every spelling of ``values`` replaced, or None if one of them (however short)
    would still show: the caller then says what is wrong without quoting anything."""
    wanted = {v for v in values if v}
    for form in sorted({f for v in wanted for f in _forms(v) if len(v) >= 4}, key=len, reverse=True):
        text = text.replace(form, "<resolved value>")
    if any(form in text for v in wanted for form in _forms(v)):
        return None
    return text


# (envelope text, binding path) → plaintext; raises ProblemsError-compatible errors via callback.
Decrypt = Callable[[str, tuple[str, ...]], str]


@dataclass
class Resolver:
    env: Mapping[str, str]
    secrets: SecretValues
    decrypt: Decrypt | None = None
    problems: list[Problem] = field(default_factory=list)
    # The platform's grants; the default grants no tenant anything.
    variables: Variables = field(default_factory=Variables)
    # Every value substituted so far (environment values, plaintexts, results; any length), so
    # that messages written after substitution can be checked for them.
    substituted: list[str] = field(default_factory=list)

    def resolve_tree(
        self,
        value: Any,
        doc: SourceDocument,
        path: DataPath,
        binding: tuple[str, ...],
        secret_paths: frozenset[tuple[str, ...]] = frozenset(),
        field_path: tuple[str, ...] = (),
        *,
        tenant: str | None,
    ) -> Any:
        """Resolve every string below ``value``; ``binding`` names the owner (tenant, receiver).

        ``tenant`` says whose grants apply: a tenant id, or None for the (trusted) platform file,
        which may use any variable but ``RECEIVERS_*``. It has no default on purpose.
        """
        if isinstance(value, dict):
            return {
                k: self.resolve_tree(
                    v, doc, (*path, k), binding, secret_paths, (*field_path, str(k)), tenant=tenant
                )
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [
                self.resolve_tree(v, doc, (*path, i), binding, secret_paths, field_path, tenant=tenant)
                for i, v in enumerate(value)
            ]
        if not isinstance(value, str):
            return value
        is_secret = field_path in secret_paths
        if is_envelope(value):
            plain = self._decrypt(value, doc, path, (*binding, ".".join(field_path)))
            self.secrets.add(plain)
            self.substituted.append(plain)
            return plain
        resolved = self._interpolate(value, doc, path, tenant)
        if is_secret or resolved != value:
            self.secrets.add(resolved)
        if resolved != value:
            self.substituted.append(resolved)
        return resolved

    def _interpolate(self, value: str, doc: SourceDocument, path: DataPath, tenant: str | None) -> str:
        if "$" not in value:
            return value

        def replace(match: re.Match[str]) -> str:
            if match.group(0) == "$${":
                return "${"
            name = match.group(1)
            refused = self.variables.refusal(tenant, name)
            if refused is not None:  # checked before the environment: a refused name is never read
                self.problems.append(doc.problem(path, NOT_GRANTED, *refused))
                return ""
            if name not in self.env:
                self.problems.append(
                    doc.problem(
                        path, R301, f"environment variable {name} is not set",
                        f"export {name} before `receivers render` (validate does not need it)",
                    )
                )
                return ""
            found = self.env[name]
            self.secrets.add(found)
            self.substituted.append(found)
            return found

        return VAR.sub(replace, value)

    def _decrypt(self, value: str, doc: SourceDocument, path: DataPath, binding: tuple[str, ...]) -> str:
        if self.decrypt is None:
            self.problems.append(
                doc.problem(path, R302, "encrypted value but no private key was given",
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
