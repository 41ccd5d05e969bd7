"""Hostile tenants against the flat targets: a tenant id or a template cannot produce an invalid
Kubernetes Secret key, collide with the config key, or escape its Mimir envelope.

Flat keys come from tenant ids only (``<tenant>.tmpl``), which validation confines to
``[a-z0-9._-]``; a file whose stem is anything else is refused before a byte is written. Whatever a
tenant writes into its templates is the body of its own key: the envelope and the Secret hold
exactly the keys we put there, and each body reads back byte for byte.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from tests.repos import load_yaml, make_repo
from tests.targets.deployed import kubernetes_keys, lay_out_mimir, mimir_envelope
from tests.tools import amtool_check

runner = CliRunner()
PLATFORM = {"alertmanager_version": "0.25"}
SECRET_KEY = re.compile(r"[-._a-zA-Z0-9]{1,253}")


def tenant(name: str, **extra: object) -> dict[str, object]:
    return {"metadata": {"name": name}, "receivers": [
        {"name": "chat", "channel_type": "slack",
         "config": {"api_url": "https://hooks.slack.com/services/T/B/X", "channel": "#a"}}], **extra}


def render(repo: Path, out: Path, target: str, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["render", "--target", target, "--tenants", str(repo / "tenants"),
                                 "--config", str(repo / "receivers.yaml"), "--out", str(out), *extra], env={})
    return result.exit_code, result.stderr


HOSTILE_STEMS = ["Evil", "a b", "-lead", "trail-", "x" * 64, "ünï", "a:b", "alertmanager.yaml ", "_platform"]


@pytest.mark.parametrize("stem", HOSTILE_STEMS)
@pytest.mark.parametrize("target", ["kubernetes", "mimir", "helm"])
def test_a_tenant_id_that_is_no_valid_key_is_refused_before_writing(tmp_path: Path, stem: str, target: str) -> None:
    repo = make_repo(tmp_path / "repo", {"good": tenant("Good"), stem: tenant("Hostile")}, platform=PLATFORM)
    code, err = render(repo, tmp_path / "out", target)
    assert code == 1, err
    assert not (tmp_path / "out").exists()
    # With skip, the others render, and every key/file name is valid.
    code, err = render(repo, tmp_path / "out", target, "--on-tenant-error", "skip")
    assert code == 3, err
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    if target == "mimir":
        assert names == ["_fallback.yaml", "good.yaml", "manifest.json"]
    elif target == "kubernetes":
        assert sorted(kubernetes_keys(tmp_path / "out")) == ["alertmanager.yaml", "good.tmpl"]


EDGE_IDS = ["a", "0", "a.b", "a_b", "a-b", "a..b", "alertmanager.yaml", "x" * 63]


def test_every_valid_id_gives_a_valid_distinct_key(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {i: tenant(f"Tenant {n}") for n, i in enumerate(EDGE_IDS)},
                     platform=PLATFORM)
    code, err = render(repo, tmp_path / "k8s", "kubernetes")
    assert code == 0, err
    keys = kubernetes_keys(tmp_path / "k8s")
    assert sorted(keys) == sorted(["alertmanager.yaml", *(f"{i}.tmpl" for i in EDGE_IDS)])
    assert all(SECRET_KEY.fullmatch(k) for k in keys)
    # A tenant called alertmanager.yaml gets alertmanager.yaml.tmpl: the config key stays the config.
    assert "route:" in keys["alertmanager.yaml"]
    code, err = render(repo, tmp_path / "mimir", "mimir")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "mimir").glob("*.yaml")) == sorted(
        ["_fallback.yaml", *(f"{i}.yaml" for i in EDGE_IDS)])


ESCAPES = [
    "x\nalertmanager_config: |\n  route: {receiver: evil}\n",
    "---\n... \n%YAML 1.1\n- template_files: {evil.tmpl: x}",
    "  leading spaces\n\n\ttab and 'quotes' \"double\" # not a comment |\n",
    "trailing newlines\n\n\n",
    "line\u2028separator\u0085next\ufeffbom",
    "{{ .CommonLabels.alertname }}\n  stringData:\n    evil.tmpl: x",
]


@pytest.mark.amtool
@pytest.mark.parametrize("text", ESCAPES)
def test_template_text_never_escapes_its_envelope_or_key(tmp_path: Path, text: str) -> None:
    repo = make_repo(tmp_path / "repo", {
        "acme": tenant("Acme", templates={"slack": {"title": text, "text": text}}),
        "beta": tenant("Beta"),
    }, platform=PLATFORM)
    code, err = render(repo, tmp_path / "flat", "alertmanager", "--layout", "flat")
    if code != 0:  # refused by the template rules (R150...): located, nothing rendered anywhere
        assert code == 1 and "acme.yaml" in err
        assert render(repo, tmp_path / "mimir", "mimir")[0] == 1
        return
    expected = {p.name: p.read_text("utf-8") for p in (tmp_path / "flat").glob("*.tmpl")}
    assert render(repo, tmp_path / "mimir", "mimir")[0] == 0
    for tid in ("acme", "beta"):
        envelope = mimir_envelope(tmp_path / "mimir" / f"{tid}.yaml")  # exactly its two keys
        assert envelope["template_files"] == {f"{tid}.tmpl": expected[f"{tid}.tmpl"]}
        config = load_yaml(envelope["alertmanager_config"])
        assert set(config) <= {"global", "route", "receivers", "inhibit_rules", "time_intervals", "templates"}
        assert amtool_check(lay_out_mimir(tmp_path / "mimir" / f"{tid}.yaml", tmp_path / "laid" / tid)).returncode == 0
    assert render(repo, tmp_path / "k8s", "kubernetes")[0] == 0
    keys = kubernetes_keys(tmp_path / "k8s")
    assert sorted(keys) == ["acme.tmpl", "alertmanager.yaml", "beta.tmpl"]
    assert {k: v for k, v in keys.items() if k != "alertmanager.yaml"} == expected
    secret = load_yaml((tmp_path / "k8s" / "secret.yaml").read_text("utf-8"))
    assert sorted(secret) == ["apiVersion", "kind", "metadata", "stringData", "type"]
