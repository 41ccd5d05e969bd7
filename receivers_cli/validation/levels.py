"""Validation levels: each includes the ones before it."""

from __future__ import annotations

from enum import Enum


class ValidationLevel(str, Enum):
    BASIC = "basic"  # structure (JSON Schema)
    STANDARD = "standard"  # + types, references and semantics
    STRICT = "strict"  # + policy

    @property
    def rank(self) -> int:
        return _RANK[self]

    def includes(self, other: ValidationLevel) -> bool:
        return self.rank >= other.rank


_RANK = {ValidationLevel.BASIC: 0, ValidationLevel.STANDARD: 1, ValidationLevel.STRICT: 2}
