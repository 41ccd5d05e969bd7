"""Values known only at render time: ``${NAME}`` from the environment and ``ENC[...]`` envelopes.

One definition for every stage that recognises them (schema, integration checks, strict rules,
secrets, resolve), so that they can never disagree on what a reference is.
"""

from __future__ import annotations

import re

NAME = r"[A-Za-z_][A-Za-z0-9_]*"
# ``${NAME}`` anywhere in a value; group 1 is the name.
REFERENCE = re.compile(r"\$\{(" + NAME + r")\}")
# The whole value is one reference or one envelope (also the JSON Schema's pattern).
ONLY_PATTERN = r"^(\$\{" + NAME + r"\}|ENC\[.*\])$"
ONLY = re.compile(ONLY_PATTERN, re.DOTALL)


def is_deferred(value: str) -> bool:
    """Whether ``value`` holds a reference or is an envelope (checked again once resolved)."""
    return bool(REFERENCE.search(value) or ONLY.match(value))
