"""R134 match-value-regex-like: a ``match`` value that looks like a regular expression.

``match`` values are compared literally (equality matchers): ``component: "db|database"`` selects
only alerts whose component is the nine characters ``db|database``, never ``db`` or ``database``.
The same holds for ``match:`` and the ``=``/``!=`` matchers of native routes (``route:``), where
``match_re`` or ``=~`` is the regex form. That is legal, so it is a warning. For alternatives give
one receiver per value, or a native route with a regex matcher; if the literal value is intended,
keep it and ignore the warning (``# receivers: ignore R134`` on the line or the line above).

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, match: {component: database}, config: {url: "https://example.com/a"}}
        - {name: all, channel_type: webhook, config: {url: "https://example.com/b"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, match: {component: "db|database"}, config: {url: "https://example.com/a"}}
        - {name: all, channel_type: webhook, config: {url: "https://example.com/b"}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from receivers_cli.alertmanager.matchers import MatcherError, MatchType, parse_matcher_list
from receivers_cli.codes import R134
from receivers_cli.errors import Problem, Severity
from receivers_cli.render.native_routes import walk
from receivers_cli.validation.context import CheckedTenant, RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

# Alternation, wildcards, classes, groups, anchors, escapes: what a regex would use and a label
# value rarely holds. A lone "." (versions, host names) is common in literal values, ".*" is not.
_REGEX_LIKE = re.compile(r"[|*+?\[\](){}^$\\]|\.\*")


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        for i, receiver in enumerate(tenant.model.receivers):
            for label, value in receiver.match.items():
                if isinstance(value, str) and _REGEX_LIKE.search(value):
                    yield _warning(tenant.doc.problem(
                        (tenant.id, "receivers", i, "match", label), RULE.id,
                        f"match value {value!r} of {label!r} looks like a regular expression; it is compared "
                        "literally",
                        "for alternatives give one receiver per value, or a native route with "
                        f'{label}=~"{value}"; if the literal value is intended, ignore this warning',
                    ))
        yield from _native(tenant, ctx)


def _native(tenant: CheckedTenant, ctx: RuleContext) -> Iterator[Problem]:
    """The same in native routes: ``match:`` values and equality matchers (``=``, ``!=``)."""
    for node, path, _ in walk(tenant.model.route.routes, (tenant.id, "route", "routes")):
        for label, value in node.match.items():
            if _REGEX_LIKE.search(value):
                yield _warning(tenant.doc.problem(
                    (*path, "match", label), RULE.id,
                    f"match value {value!r} of {label!r} looks like a regular expression; it is compared literally",
                    f"put it under match_re, or write {label}=~\"...\" in matchers; if literal, ignore this warning",
                ))
        for k, text in enumerate(node.matchers):
            try:
                parsed = parse_matcher_list([text], ctx.version)
            except MatcherError:
                continue  # R136 reports it
            for m in parsed:
                if m.type in (MatchType.EQUAL, MatchType.NOT_EQUAL) and _REGEX_LIKE.search(m.value):
                    regex = "=~" if m.type is MatchType.EQUAL else "!~"
                    yield _warning(tenant.doc.problem(
                        (*path, "matchers", k), RULE.id,
                        f"matcher {m} compares {m.value!r} literally, but it looks like a regular expression",
                        f"write {m.name}{regex}\"...\" for a regex; if the literal value is intended, ignore this "
                        "warning",
                    ))


def _warning(problem: Problem) -> Problem:
    return replace(problem, severity=Severity.WARNING)


RULE = Rule(R134, ValidationLevel.STANDARD, "match values look literal (warning)", check, warning=True)
