"""Secret file names (secrets as files): a tenant can neither take over nor predict-and-shadow
another tenant's secret file, whatever ids, receiver names or field names are involved.

Names are ``<tenant>/<receiver>/<field.path>`` (``_global/<field.path>`` for ``global``), each
component percent-encoded: injective, never ``/``, ``.`` or ``..`` as a component, and still
injective when the file system ignores letter case. A tenant's names depend on its own names only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from receivers_cli.render.secret_files import file_name, global_file_name
from tests.repos import load_yaml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "security" / "secret-file-names"
runner = CliRunner()

ids = st.from_regex(r"[a-z0-9]([a-z0-9._-]{0,10}[a-z0-9])?", fullmatch=True)
fields = st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=3).map(tuple)
triples = st.tuples(ids, ids, fields, st.integers(0, 3))


def _name(triple: tuple[str, str, tuple[str, ...], int]) -> str:
    tenant, receiver, path, index = triple
    return file_name(f"{tenant}/{receiver}", path, index)


@settings(max_examples=400)
@given(triples, triples)
def test_names_are_injective_even_ignoring_case(one: tuple[str, str, tuple[str, ...], int],
                                                 two: tuple[str, str, tuple[str, ...], int]) -> None:
    if one != two:
        assert _name(one).casefold() != _name(two).casefold()


@given(triples)
def test_names_are_three_safe_components(triple: tuple[str, str, tuple[str, ...], int]) -> None:
    parts = _name(triple).split("/")
    assert len(parts) == 3
    for part in parts:
        assert part not in ("", ".", "..") and "\0" not in part and part.isascii()


@given(fields)
def test_global_names_never_meet_receiver_names(path: tuple[str, ...]) -> None:
    name = global_file_name(path)
    assert name.count("/") == 1 and name.startswith("_global/")  # tenant ids never start with "_"


def test_a_later_tenant_cannot_take_over_another_tenants_file(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    result = runner.invoke(app, ["render", "--tenants", str(repo / "tenants"), "--config",
                                 str(repo / "receivers.yaml"), "--out", str(repo / "out"),
                                 "--secrets-dir", str(repo / "secrets")])
    assert result.exit_code == 0, result.stdout + result.stderr
    config = load_yaml((repo / "out" / "alertmanager.yml").read_text("utf-8"))
    urls = {r["name"]: r["webhook_configs"][0]["url_file"] for r in config["receivers"] if "webhook_configs" in r}
    assert urls == {"a__b/c": "/etc/alertmanager/secrets/a__b/c/url", "a/b__c": "/etc/alertmanager/secrets/a/b__c/url"}
    victim = repo / "secrets" / "a__b" / "c" / "url"
    assert victim.read_text("utf-8") == "https://victim.example.com/hook"
    # The victim's names and files are the same with or without the attacker.
    (repo / "tenants" / "a.yaml").unlink()
    alone = runner.invoke(app, ["render", "--tenants", str(repo / "tenants"), "--config",
                                str(repo / "receivers.yaml"), "--out", str(repo / "out2"),
                                "--secrets-dir", str(repo / "secrets2")])
    assert alone.exit_code == 0
    assert (repo / "secrets2" / "a__b" / "c" / "url").read_text("utf-8") == victim.read_text("utf-8")
    assert "/etc/alertmanager/secrets/a__b/c/url" in (repo / "out2" / "alertmanager.yml").read_text("utf-8")
