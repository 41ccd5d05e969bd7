"""Values known only at render time: ``${NAME}`` from the environment and ``ENC[...]`` envelopes.

One definition for every stage that recognises them (schema, integration checks, strict rules,
secrets, resolve), so that they can never disagree on what a reference is, and one definition of
which names a grant in ``receivers.yaml`` covers (validate and render both ask it).
"""

from __future__ import annotations

import re

NAME = r"[A-Za-z_][A-Za-z0-9_]*"
# ``${NAME}`` anywhere in a value; group 1 is the name.
REFERENCE = re.compile(r"\$\{(" + NAME + r")\}")
# How resolution scans a value: ``$${`` escapes a literal ``${`` (group 1 unset), else a reference.
SCAN = re.compile(r"\$\$\{|" + REFERENCE.pattern)
# The whole value is one reference or one envelope (also the JSON Schema's pattern).
ONLY_PATTERN = r"^(\$\{" + NAME + r"\}|ENC\[.*\])$"
ONLY = re.compile(ONLY_PATTERN, re.DOTALL)

# Our own configuration (RECEIVERS_KEY, RECEIVERS_KEY_FILE, ...): never substituted into anything.
RESERVED_PREFIX = "RECEIVERS_"
# A grant: a variable name, or a glob whose only wildcard is ``*``.
GRANT_PATTERN = r"^[A-Za-z_*][A-Za-z0-9_*]*$"


def is_envelope(value: str) -> bool:
    """Whether the whole value is one ``ENC[...]`` envelope (decrypted at render)."""
    return value.startswith("ENC[") and value.endswith("]")


def is_render_time(value: str) -> bool:
    """Whether render replaces ``value``: an envelope, or text with a ``${NAME}`` (``$${`` is a literal)."""
    return is_envelope(value) or bool(references(value))


def is_deferred(value: str) -> bool:
    """Whether ``value`` holds a reference or is an envelope (checked again once resolved)."""
    return bool(REFERENCE.search(value) or ONLY.match(value))


def references(value: str) -> list[str]:
    """The variable names ``value`` references, in order, exactly as resolution will read them."""
    return [m.group(1) for m in SCAN.finditer(value) if m.group(1) is not None]


def is_reserved(name: str) -> bool:
    """``RECEIVERS_*`` names configure this tool (the private key among them).

    Compared without case: on some systems the environment is case-insensitive, and no legitimate
    variable needs to look like ours.
    """
    return name.upper().startswith(RESERVED_PREFIX)


def grant_matches(pattern: str, name: str) -> bool:
    """Whether the grant ``pattern`` (a name, or a glob with ``*`` only) covers ``name``."""
    if "*" not in pattern:
        return pattern == name
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, name, re.DOTALL) is not None


def grant_may_cover_reserved(pattern: str) -> bool:
    """Whether some ``RECEIVERS_*`` name (in any case) could match the grant ``pattern``.

    Only the text before the first ``*`` constrains how a match begins: if that prefix and
    ``RECEIVERS_`` agree on their common length, a name starting ``RECEIVERS_`` can match (the
    first ``*`` absorbs the rest of the prefix, the later literals follow).
    """
    head = pattern.split("*", 1)[0].upper()
    if "*" not in pattern:
        return head.startswith(RESERVED_PREFIX)
    common = min(len(head), len(RESERVED_PREFIX))
    return head[:common] == RESERVED_PREFIX[:common]
