"""Unit tests of variable grants (names, globs, the reserved prefix) and of masking resolved values."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import pytest

from receivers_cli.api import load_project, render_project, validate_project
from receivers_cli.errors import ProblemsError
from receivers_cli.loading.yaml_source import SourceDocument
from receivers_cli.model.placeholders import grant_matches, grant_may_cover_reserved, is_reserved, references
from receivers_cli.model.platform import Variables
from receivers_cli.render.resolve import Resolver, SecretValues, scrub
from receivers_cli.validation.levels import ValidationLevel
from tests.helpers import ROOT


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("${A}", ["A"]),
        ("https://x/${A}/${B_1}?${A}", ["A", "B_1", "A"]),
        ("$${A}", []),  # an escaped literal ${A}
        ("$$${A}", []),  # $${ first, then the text A}
        ("${A", []),
        ("${1A}", []),
        ("${${A}}", ["A"]),
    ],
)
def test_references_are_read_as_resolution_reads_them(value: str, names: list[str]) -> None:
    assert references(value) == names


@pytest.mark.parametrize(
    ("pattern", "name", "expected"),
    [
        ("CHECKOUT_URL", "CHECKOUT_URL", True),
        ("CHECKOUT_URL", "CHECKOUT_URLS", False),
        ("CHECKOUT_*", "CHECKOUT_URL", True),
        ("CHECKOUT_*", "CHECKOUT_", True),
        ("CHECKOUT_*", "XCHECKOUT_URL", False),
        ("*_URL", "CHECKOUT_URL", True),
        ("A*B*C", "AxxBxxC", True),
        ("A*B*C", "AxxCxxB", False),
        ("A.B", "AxB", False),  # only * is a wildcard
    ],
)
def test_grant_patterns(pattern: str, name: str, expected: bool) -> None:
    assert grant_matches(pattern, name) is expected


def _covers_reserved_by_search(pattern: str) -> bool:
    """Brute force: try names made of RECEIVERS_ followed by the pattern's literals and a letter."""
    literals = [p for p in pattern.split("*") if p]
    tails = ["", "X", *literals, "".join(literals)]
    candidates = {f"{head}{tail}" for head in ("RECEIVERS_", "receivers_", "Receivers_") for tail in tails}
    candidates |= {pattern.replace("*", fill) for fill in ("", "RECEIVERS_", "RECEIVERS_X")}
    return any(is_reserved(name) and grant_matches(pattern.upper(), name.upper()) for name in candidates)


PATTERNS = ["".join(p) for n in range(1, 4) for p in itertools.product(["*", "R", "RECEIVERS_", "_K", "X"], repeat=n)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_reserved_cover_agrees_with_a_search(pattern: str) -> None:
    if _covers_reserved_by_search(pattern):
        assert grant_may_cover_reserved(pattern)
    if not grant_may_cover_reserved(pattern):
        assert not _covers_reserved_by_search(pattern)


@pytest.mark.parametrize("pattern", ["*", "R*", "RE*", "RECEIVERS*", "RECEIVERS_*", "RECEIVERS_KEY", "*KEY", "r*"])
def test_grants_that_could_reach_our_variables(pattern: str) -> None:
    assert grant_may_cover_reserved(pattern)


@pytest.mark.parametrize("pattern", ["R_*", "RECEIVER_*", "X*", "CHECKOUT_*", "RECEIVERS", "X*RECEIVERS_KEY"])
def test_grants_that_cannot(pattern: str) -> None:
    assert not grant_may_cover_reserved(pattern)


def test_a_tenant_gets_its_own_list_and_the_shared_one_and_never_receivers_variables() -> None:
    variables = Variables(shared=["SMTP_HELLO"], tenants={"checkout": ["CHECKOUT_*", "RECEIVERS_KEY"]})
    assert variables.granted("checkout", "CHECKOUT_URL") and variables.granted("checkout", "SMTP_HELLO")
    assert variables.granted("payments", "SMTP_HELLO")
    assert not variables.granted("payments", "CHECKOUT_URL")
    assert not variables.granted("checkout", "RECEIVERS_KEY")  # even when (wrongly) granted
    assert variables.refusal(None, "CHECKOUT_URL") is None  # the platform file may use any other
    refused = variables.refusal(None, "RECEIVERS_KEY_FILE")
    assert refused is not None and "reserved" in refused[0]


def _doc(data: object) -> SourceDocument:
    text = json.dumps(data)
    return SourceDocument("tenants/acme.yaml", text, data, {})  # type: ignore[arg-type]


def test_the_resolver_refuses_before_it_reads_the_environment() -> None:
    class Watched(dict[str, str]):
        def __contains__(self, key: object) -> bool:
            raise AssertionError(f"read {key}")

        def __getitem__(self, key: str) -> str:
            raise AssertionError(f"read {key}")

    resolver = Resolver(Watched(), SecretValues(), variables=Variables(tenants={"acme": ["ACME_*"]}))
    doc = load_project([ROOT / "tenants" / "checkout.yaml"]).tenants[0].doc
    out = resolver.resolve_tree({"url": "https://x/${OTHER}/${RECEIVERS_KEY}"}, doc, ("checkout",), ("acme", "r"),
                                tenant="acme")
    assert out == {"url": "https://x//"}
    assert [p.rule for p in resolver.problems] == ["R171", "R171"]


def test_render_refuses_an_ungranted_variable_even_below_the_standard_level(tmp_path: Path) -> None:
    """Rules do not run at the basic level; the render's own check still does (defence in depth).

    The models are parsed (``level=STANDARD`` at load) so that the tenant reaches the render."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "variables", tmp_path / "repo")
    repo = tmp_path / "repo"
    shutil.copy(repo / "hostile" / "other-tenant-variable.yaml", repo / "tenants" / "payments.yaml")
    project = load_project([repo / "tenants"], repo / "receivers.yaml", level=ValidationLevel.STANDARD)
    assert validate_project(project, ValidationLevel.BASIC) == []
    env = {"SINK": "https://s.example", "CHECKOUT_HOOK_URL": "https://c.example/h", "PAYMENTS_HOOK_PATH": "p",
           "CHECKOUT_SLACK_URL": "https://hooks.slack.com/services/CANARY"}
    with pytest.raises(ProblemsError) as exc:
        render_project(project, env=env)
    assert [(p.rule, p.line) for p in exc.value.problems] == [("R171", 8)]
    assert "CANARY" not in str(exc.value)


def test_mask_covers_escaped_spellings_and_short_values_on_their_own() -> None:
    secrets = SecretValues()
    for value in ("line1\nline2 \"q\" é", "ab"):
        secrets.add(value)
    text = "\n".join([
        'url: "line1\\nline2 \\"q\\" é"',  # our emitter's JSON spelling
        'url: "line1\\nline2 \\"q\\" \\u00e9"',  # ASCII-escaped
        "repr: 'line1\\nline2 \"q\" é'",
        "- ab",
        "+  token: 'ab'",
        "a label about abc stays",
    ])
    masked = secrets.mask(text)
    assert "line1" not in masked and "\nab" not in masked and "'ab'" not in masked
    assert re.findall(r"<secret>", masked) and "a label about abc stays" in masked


def test_scrub_drops_a_message_when_a_short_value_would_still_show() -> None:
    assert scrub("'retry': 'zq' is not a duration", ["zq"]) is None
    assert scrub("'retry': 'a-long-value' is not a duration", ["a-long-value"]) == (
        "'retry': '<resolved value>' is not a duration"
    )
    assert scrub("'url': is not an http(s) URL", ["https://a-long-value"]) == "'url': is not an http(s) URL"
