"""What ``url_problem`` says of a URL Alertmanager would take but that could never be reached."""

from __future__ import annotations

import pytest

from receivers_cli.alertmanager.urls import url_problem


@pytest.mark.parametrize("url", ["http://<YOUR_FLASK_IP>:5000/alert", "https://{{host}}/hook"])
def test_an_unfilled_placeholder_host_is_named_as_such(url: str) -> None:
    problem = url_problem(url)
    assert problem is not None and "placeholder left unfilled" in problem and "punycode" not in problem


@pytest.mark.parametrize("url", ["https://bücher.example/x"])
def test_other_bad_host_characters_keep_the_host_name_message(url: str) -> None:
    problem = url_problem(url)
    assert problem is not None and "punycode" in problem


def test_a_good_url_has_no_problem() -> None:
    assert url_problem("https://hooks.example.org:8443/alert") is None
