"""Number constants in tenant templates: Go's text/template refuses, at config load, an integer that
fits neither uint64 nor int64 and a float that overflows float64, and one refused template stops
the whole shared template set. Our parser must refuse exactly those (and accept the boundaries)."""

from __future__ import annotations

from pathlib import Path

import pytest

from receivers_cli.alertmanager.gotemplate import GoTemplateError, functions_for, parse
from tests.tools import amtool_check

FUNCS = functions_for((0, 25))

REFUSED = ["18446744073709551616", "99999999999999999999", "-9223372036854775809", "+9223372036854775808",
           "+18446744073709551615", "0x10000000000000000", "-0x8000000000000001", "+0xFFFFFFFFFFFFFFFF",
           "1.8e308", "1e1000", "-1e400"]
ACCEPTED = ["18446744073709551615", "-9223372036854775808", "+9223372036854775807", "0xFFFFFFFFFFFFFFFF",
            "-0x8000000000000000", "1.7976931348623157e308", "1e-1000", "0", "-0", "09.5"]


def _text(number: str) -> str:
    return '{{ define "acme/title" }}{{ printf "%v" ' + number + " }}{{ end }}"


def _amtool_accepts(tmp_path: Path, text: str) -> bool:
    (tmp_path / "t.tmpl").write_text(text, encoding="utf-8")
    config = tmp_path / "am.yml"
    config.write_text(f"route: {{receiver: r}}\nreceivers: [{{name: r}}]\ntemplates: ['{tmp_path}/t.tmpl']\n",
                      encoding="utf-8")
    return amtool_check(config).returncode == 0


@pytest.mark.parametrize("number", REFUSED)
def test_numbers_go_refuses_are_refused(number: str) -> None:
    with pytest.raises(GoTemplateError):
        parse(_text(number), FUNCS)


@pytest.mark.parametrize("number", ACCEPTED)
def test_numbers_at_the_boundaries_are_accepted(number: str) -> None:
    parse(_text(number), FUNCS)


@pytest.mark.amtool
@pytest.mark.parametrize("number", REFUSED + ACCEPTED)
def test_the_real_amtool_agrees(number: str, tmp_path: Path) -> None:
    ours = True
    try:
        parse(_text(number), FUNCS)
    except GoTemplateError:
        ours = False
    assert _amtool_accepts(tmp_path, _text(number)) is ours
