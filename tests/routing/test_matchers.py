from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from receivers_cli.alertmanager.matchers import (
    Matcher,
    MatcherError,
    MatchType,
    compile_re2,
    format_matchers,
    matchers_from_legacy,
    parse_matcher,
    parse_matcher_list,
    parse_matchers,
    sort_matchers,
)
from tests.routing.amtool_support import Amtool

EQ, NE, RE, NRE = MatchType.EQUAL, MatchType.NOT_EQUAL, MatchType.REGEX, MatchType.NOT_REGEX


def triples(matchers: list[Matcher]) -> list[tuple[str, str, str]]:
    return [(m.name, m.type.value, m.value) for m in matchers]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("foo=bar", [("foo", "=", "bar")]),
        ('foo="bar"', [("foo", "=", "bar")]),
        ("  foo  !=  bar  ", [("foo", "!=", "bar")]),
        ('{foo = "bar", dings != "bums", }', [("foo", "=", "bar"), ("dings", "!=", "bums")]),
        ("foo=bar,dings!~bums", [("foo", "=", "bar"), ("dings", "!~", "bums")]),
        ('statuscode=~"5.."', [("statuscode", "=~", "5..")]),
        ('quote="She said: \\"Hi, ladies!\\""', [("quote", "=", 'She said: "Hi, ladies!"')]),
        ('a="x\\ny"', [("a", "=", "x\ny")]),
        ('a="back\\\\slash"', [("a", "=", "back\\slash")]),
        ('a=~"\\d+"', [("a", "=~", "\\d+")]),  # a lone backslash stays literal
        ("a=x\\", [("a", "=", "x\\")]),
        ("a=", [("a", "=", "")]),
        ('a=""', [("a", "=", "")]),
        ("a==b", [("a", "=", "=b")]),
        ("a=~", [("a", "=~", "")]),
        ("foo:bar=x", [("foo:bar", "=", "x")]),
        ('a="x,y",b=z', [("a", "=", "x,y"), ("b", "=", "z")]),
        ("", []),
        ("{}", []),
        ("a=b}", [("a", "=", "b")]),  # classic trims each brace on its own
    ],
)
def test_classic_parser(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(parse_matchers(text, (0, 25))) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("foo", "bad matcher format: foo"),
        ('"foo.bar"="x"', "bad matcher format"),
        ("1a=b", "bad matcher format"),
        ('a="b', "unescaped double quote"),
        ('a=b"', "unescaped double quote"),
        ('a="b"c"', "unescaped double quote"),
        ("a=b,,c=d", "bad matcher format: "),
        ('a=~"(?=x)"', "lookaround"),
        ('a=~"(x)\\\\1"', "backreferences are not supported"),
        ('a=~"x{1001}"', "invalid repeat count"),
        ('a=~"["', "missing closing ]"),
    ],
)
def test_classic_errors(text: str, message: str) -> None:
    with pytest.raises(MatcherError) as caught:
        parse_matchers(text, (0, 25))
    assert message in caught.value.message
    assert str(caught.value) == caught.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"foo.bar"="x"', [("foo.bar", "=", "x")]),
        ('{"service name"=~"a|b", env!="prod"}', [("service name", "=~", "a|b"), ("env", "!=", "prod")]),
        ("föö=bär", [("föö", "=", "bär")]),
        ("a=b,", [("a", "=", "b")]),
    ],
)
def test_utf8_parser(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(parse_matchers(text, (0, 27), "utf8")) == expected
    assert triples(parse_matchers(text, (0, 27))) == expected  # fallback accepts them too


@pytest.mark.parametrize("text", ["a=", "a=b}", "{a=b", "a=b c", 'a="\\d"', "a=b!c", "a=~x,,b=c", '"a=b'])
def test_utf8_strict_errors(text: str) -> None:
    with pytest.raises(MatcherError):
        parse_matchers(text, (0, 27), "utf8")


def test_fallback_prefers_the_classic_reading() -> None:
    assert triples(parse_matchers('a="\\u00fc\\t"', (0, 27), "utf8")) == [("a", "=", "ü\t")]
    assert triples(parse_matchers('a="\\u00fc\\t"', (0, 27))) == [("a", "=", "\\u00fc\\t")]
    # Valid in both parsers with different results: the classic one wins (with a warning upstream).
    assert triples(parse_matchers('a=~"\\d+"', (0, 27))) == [("a", "=~", "\\d+")]
    with pytest.raises(MatcherError):
        parse_matchers('a=~"\\d+"', (0, 27), "utf8")  # \d is not a Go string escape
    assert triples(parse_matchers("a=", (0, 27))) == [("a", "=", "")]


def test_version_selects_parser() -> None:
    with pytest.raises(MatcherError):
        parse_matchers('"foo.bar"="x"', (0, 26))
    with pytest.raises(MatcherError, match="only has the classic"):
        parse_matchers("a=b", (0, 25), "utf8")
    assert triples(parse_matchers('"foo.bar"="x"', (0, 34))) == [("foo.bar", "=", "x")]


def test_single_matcher() -> None:
    assert str(parse_matcher("tenant=acme")) == 'tenant="acme"'
    with pytest.raises(MatcherError):
        parse_matcher("{a=b}", (0, 27))
    with pytest.raises(MatcherError, match="expected 1 matcher"):
        parse_matcher("a=b,c=d", (0, 27), "utf8")


def test_matches_semantics() -> None:
    labels = {"severity": "critical", "empty": ""}
    assert Matcher("severity", EQ, "critical").matches(labels)
    assert Matcher("missing", EQ, "").matches(labels)  # missing label == empty string
    assert Matcher("missing", NE, "x").matches(labels)
    assert not Matcher("missing", NE, "").matches(labels)
    assert Matcher("severity", RE, "crit.*").matches(labels)
    assert not Matcher("severity", RE, "crit").matches(labels)  # fully anchored
    assert not Matcher("severity", RE, "ritical").matches(labels)
    assert Matcher("severity", NRE, "warning|info").matches(labels)
    assert Matcher("missing", RE, ".*").matches(labels)
    assert not Matcher("missing", RE, ".+").matches(labels)


@pytest.mark.parametrize(
    ("pattern", "value", "expected"),
    [
        ("abc", "abc\n", False),  # Python's $ would accept a trailing newline; RE2's does not
        ("a.c", "a\nc", False),
        ("(?s)a.c", "a\nc", True),
        ("\\d+", "١٢", False),  # \d, \w, \s and \b are ASCII in RE2
        ("\\w+", "é", False),
        ("\\s", "\v", False),
        ("[[:space:]]", "\v", True),
        ("a{,3}", "a{,3}", True),  # not a repetition in RE2
        ("a)|(b", "zzzb", True),  # the value is pasted into ^(?:...)$ verbatim
        ("x(?i)b|c", "C", True),  # a flag group lasts to the end of the enclosing group
        ("(?i:b)|c", "C", False),
        ("\\Qa.b\\E", "a.b", True),
        ("\\Qa.b\\E", "axb", False),
        ("\\x41\\x{42}\\103", "ABC", True),
        ("(?U)a+", "aaa", True),
        ("[a-c-e]", "-", True),
        ("[]a]", "]", True),
        ("(?m)^b$", "a\nb", False),
    ],
)
def test_re2_semantics(pattern: str, value: str, expected: bool) -> None:
    assert (compile_re2(pattern).search(value) is not None) is expected


@pytest.mark.parametrize(
    "pattern",
    ["(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "(a)\\1", "a**", "a*+", "(?>a)", "\\Z", "\\e", "a{2}{3}",
     "(?#x)", "[z-a]", "[[:foo:]]", "(?P<>a)", "\\pL", "(?<n>a)", "*a", "a|*", "(?i-)a"],
)  # fmt: skip
def test_re2_rejections(pattern: str) -> None:
    with pytest.raises(MatcherError, match="invalid regular expression"):
        compile_re2(pattern)


def test_legacy_maps() -> None:
    found = matchers_from_legacy({"severity": "critical", "code": 500}, {"service": "api|web"})
    assert triples(found) == [("severity", "=", "critical"), ("code", "=", "500"), ("service", "=~", "api|web")]
    with pytest.raises(MatcherError, match="invalid label name"):
        matchers_from_legacy({"foo:bar": "x"})
    with pytest.raises(MatcherError, match="invalid regexp value"):
        matchers_from_legacy(None, {"a": None})


def test_list_sort_and_format() -> None:
    found = parse_matcher_list(["b=1", 'a=~"x|y", a="z"'])
    assert format_matchers(sort_matchers(found)) == '{a=~"x|y",a="z",b="1"}'
    with pytest.raises(MatcherError, match="must be a string"):
        parse_matcher_list([1])  # type: ignore[list-item]


def test_str_of_utf8_names() -> None:
    assert str(Matcher("foo.bar", EQ, "x")) == 'foo.bar="x"'
    assert str(Matcher("service name", RE, 'a"b')) == '"service name"=~"a\\"b"'


label_names = st.from_regex(r"[a-zA-Z_:][a-zA-Z0-9_:]{0,8}", fullmatch=True)
label_values = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)


@settings(max_examples=200, deadline=None)
@given(name=label_names, op=st.sampled_from([EQ, NE]), value=label_values)
def test_canonical_form_round_trips(name: str, op: MatchType, value: str) -> None:
    matcher = Matcher(name, op, value)
    assert parse_matchers(str(matcher), (0, 25)) == [matcher]
    assert parse_matchers(str(matcher), (0, 27)) == [matcher]


# Agreement of the matcher parser with amtool 0.25 on single entries (load success and matching).
AMTOOL_ENTRIES = [
    ("foo=bar", {"foo": "bar"}),
    ("{foo=bar}", {"foo": "bar"}),
    ("foo=bar}", {"foo": "bar"}),
    ("{foo=bar", {"foo": "bar"}),
    ('foo="a,b", x!=y', {"foo": "a,b"}),
    ('foo=~"a\\d"', {"foo": "a5"}),
    ('foo=~"a\\\\d"', {"foo": "a5"}),
    ("foo=~a\\d", {"foo": "a5"}),
    ('foo="x\\ny"', {"foo": "x\ny"}),
    ('foo="x\\qy"', {"foo": "x\\qy"}),
    ("foo=", {}),
    ("foo= ", {"foo": ""}),
    ('foo=" a "', {"foo": " a "}),
    ("foo=a b", {"foo": "a b"}),
    ('"foo.bar"="x"', {}),
    ("foo", {}),
    ('foo="a', {}),
    ("a=b,,c=d", {"a": "b", "c": "d"}),
    ("a=b, ,", {"a": "b"}),
    ("a=b,", {"a": "b"}),
    ('a=~"(?=x)"', {}),
    ("a=~x{1001}", {}),
]


@pytest.mark.amtool
def test_parser_agrees_with_amtool(amtool: Amtool) -> None:
    for entry, labels in AMTOOL_ENTRIES:
        config = {
            "route": {"receiver": "default", "routes": [{"receiver": "hit", "matchers": [entry]}]},
            "receivers": [{"name": "default"}, {"name": "hit"}],
        }
        path = amtool.write_config(config, "entry.yml")
        loads = amtool.check_config(path).returncode == 0
        try:
            matchers = parse_matchers(entry, amtool.version)
        except MatcherError:
            matchers = None
        assert (matchers is not None) == loads, entry
        if matchers is not None:
            expected = amtool.routes_test(path, labels)
            assert ("hit" if all(m.matches(labels) for m in matchers) else "default") == expected, entry
