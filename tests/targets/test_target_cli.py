"""`receivers render --target ...` from the CLI: deterministic bytes, --check, the secret policies,
and a target's options refused (exit 2) with any other target."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from receivers_cli.targets.kubernetes import secret_file_key
from receivers_cli.targets.shared import valid_key
from tests.helpers import DEMO_ENV, ROOT
from tests.repos import load_yaml
from tests.targets.deployed import kubernetes_keys

runner = CliRunner()
TARGETS = ["alertmanager", "kubernetes", "helm", "mimir"]
FILES = {"alertmanager": "alertmanager.yml", "kubernetes": "secret.yaml", "helm": "values.yaml",
         "mimir": "checkout.yaml"}


def render(out: Path, *extra: str, tenants: Path = ROOT / "tenants") -> tuple[int, str, str]:
    result = runner.invoke(app, ["render", "--tenants", str(tenants), "--config", str(ROOT / "receivers.yaml"),
                                 "--out", str(out), *extra], env=DEMO_ENV)
    return result.exit_code, result.stdout, result.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("target", TARGETS)
def test_output_is_deterministic_and_check_compares_it(tmp_path: Path, target: str) -> None:
    assert render(tmp_path / "a", "--target", target)[0] == 0
    assert render(tmp_path / "b", "--target", target)[0] == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    again = render(tmp_path / "a", "--target", target)  # a previous output of the same target is replaced
    assert again[0] == 0, again[2]
    code, out, err = render(tmp_path / "a", "--target", target, "--check")
    assert code == 0 and "is up to date" in out, err


@pytest.mark.parametrize("target", TARGETS)
def test_check_reports_a_stale_output_without_secret_values(tmp_path: Path, target: str) -> None:
    tenants = tmp_path / "tenants"
    tenants.mkdir()
    for path in (ROOT / "tenants").glob("*.yaml"):
        (tenants / path.name).write_text(path.read_text())
    assert render(tmp_path / "out", "--target", target, tenants=tenants)[0] == 0
    before = tree(tmp_path / "out")
    checkout = tenants / "checkout.yaml"
    checkout.write_text(checkout.read_text().replace("#checkout-alerts", "#checkout-renamed"))
    code, out, err = render(tmp_path / "out", "--target", target, "--check", tenants=tenants)
    assert code == 1, err
    assert "#checkout-renamed" in out and "is stale" in err
    for value in DEMO_ENV.values():
        assert value not in out and value not in err
    assert tree(tmp_path / "out") == before  # --check writes nothing


@pytest.mark.parametrize("target", ["kubernetes", "helm"])
def test_secret_free_mode_reads_every_secret_from_the_mount(tmp_path: Path, target: str) -> None:
    result = runner.invoke(app, ["render", "--target", target, "--tenants", str(ROOT / "tenants"),
                                 "--config", str(ROOT / "receivers.yaml"), "--out", str(tmp_path / "out"),
                                 "--secrets", "files", "--secrets-mount", "/etc/alertmanager/secrets/receivers",
                                 "--alertmanager-version", "0.33"],  # every *_file variant exists there
                           env={})
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "out" / FILES[target]).read_text()
    assert "/etc/alertmanager/secrets/receivers/checkout/pager/routing_key" in text
    assert "never commit it" not in text
    for value in DEMO_ENV.values():
        assert value not in text
    assert stat.S_IMODE(os.stat(tmp_path / "out" / FILES[target]).st_mode) == 0o644


@pytest.mark.parametrize("target", ["kubernetes", "helm"])
def test_inline_secrets_are_private_and_said_so(tmp_path: Path, target: str) -> None:
    code, _out, err = render(tmp_path / "out", "--target", target)
    assert code == 0
    path = tmp_path / "out" / FILES[target]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert f"{path.name} holds secret values inline" in err
    assert "never commit it" in path.read_text().splitlines()[2]


def test_kubernetes_secret_name_namespace_and_flat_keys(tmp_path: Path) -> None:
    code, _out, err = render(tmp_path / "out", "--target", "kubernetes", "--k8s-secret", "am-config",
                             "--k8s-namespace", "observability")
    assert code == 0, err
    secret = load_yaml((tmp_path / "out" / "secret.yaml").read_text())
    assert secret["metadata"]["name"] == "am-config" and secret["metadata"]["namespace"] == "observability"
    keys = kubernetes_keys(tmp_path / "out")
    tenants = sorted(p.stem for p in (ROOT / "tenants").glob("*.yaml"))
    assert sorted(keys) == ["alertmanager.yaml", *[f"{t}.tmpl" for t in tenants]]
    assert load_yaml(keys["alertmanager.yaml"])["templates"] == ["/etc/alertmanager/config/*.tmpl"]


def test_flat_layout_glob_matches_its_files(tmp_path: Path) -> None:
    assert render(tmp_path / "out", "--layout", "flat")[0] == 0
    config = load_yaml((tmp_path / "out" / "alertmanager.yml").read_text())
    assert config["templates"] == ["*.tmpl"]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.tmpl")) == sorted(
        f"{p.stem}.tmpl" for p in (ROOT / "tenants").glob("*.yaml"))
    assert render(tmp_path / "out", "--layout", "flat", "--check")[0] == 0
    # The nested layout on the flat folder: stale (every template moves), never silently equal.
    code, out, _err = render(tmp_path / "out", "--check")
    assert code == 1 and "templates/checkout.tmpl (rendered)" in out


@pytest.mark.parametrize("args", [
    ["--target", "kubernetes", "--layout", "flat"],
    ["--target", "helm", "--k8s-secret", "x"],
    ["--k8s-namespace", "monitoring"],
    ["--target", "kubernetes", "--mimir-max-templates", "3"],
    ["--target", "kubernetes", "--k8s-secret", "Bad_Name"],
    ["--target", "kubernetes", "--k8s-namespace", "a.b"],
    ["--target", "mimir", "--secrets", "files"],
    ["--target", "swarm"],
])
def test_options_of_another_target_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    code, _out, _err = render(tmp_path / "out", *args)
    assert code == 2
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("target", TARGETS)
def test_diff_reads_every_targets_folder(tmp_path: Path, target: str) -> None:
    tenants = tmp_path / "tenants"
    tenants.mkdir()
    for path in (ROOT / "tenants").glob("*.yaml"):
        (tenants / path.name).write_text(path.read_text())
    extra = ["--layout", "flat"] if target == "alertmanager" else []
    assert render(tmp_path / "old", "--target", target, *extra, tenants=tenants)[0] == 0
    assert render(tmp_path / "nested", tenants=tenants)[0] == 0
    checkout = tenants / "checkout.yaml"
    checkout.write_text(checkout.read_text().replace("#checkout-alerts", "#checkout-renamed"))
    assert render(tmp_path / "new", "--target", target, *extra, tenants=tenants)[0] == 0
    same = runner.invoke(app, ["diff", str(tmp_path / "nested"), str(tmp_path / "old"), "--exit-code"])
    if target != "mimir":  # the same config in another shape: nothing changed
        assert same.exit_code == 0, same.stdout + same.stderr
    changed = runner.invoke(app, ["diff", str(tmp_path / "old"), str(tmp_path / "new"), "--exit-code"])
    assert changed.exit_code == 1, changed.stdout + changed.stderr
    assert "checkout" in changed.stdout and "#checkout-renamed" in changed.stdout
    for tenant in ("payments", "search", "spotify-premium"):
        assert f"## {tenant}" not in changed.stdout and f"{tenant}:" not in changed.stdout.split("checkout", 1)[0]
    for value in DEMO_ENV.values():
        assert value not in changed.stdout


@pytest.mark.parametrize("target", ["alertmanager", "kubernetes", "helm"])
def test_a_skipped_tenant_keeps_its_last_good_rendering_in_every_shape(tmp_path: Path, target: str) -> None:
    tenants = tmp_path / "tenants"
    tenants.mkdir()
    for path in (ROOT / "tenants").glob("*.yaml"):
        (tenants / path.name).write_text(path.read_text())
    extra = ["--target", target] + (["--layout", "flat"] if target == "alertmanager" else [])
    assert render(tmp_path / "out", *extra, tenants=tenants)[0] == 0
    before = runner.invoke(app, ["diff", str(tmp_path / "out"), str(tmp_path / "out")])
    assert before.exit_code == 0
    (tmp_path / "copy").mkdir()
    for path in (tmp_path / "out").iterdir():
        (tmp_path / "copy" / path.name).write_bytes(path.read_bytes())
    checkout = tenants / "checkout.yaml"
    checkout.write_text(checkout.read_text().replace("channel_type: slack", "channel_type: slak"))
    code, _out, err = render(tmp_path / "out", *extra, "--on-tenant-error", "skip", tenants=tenants)
    assert code == 3, err
    assert "checkout: kept its last good rendering" in err
    # Everything of checkout is as it was: its receivers, routes and template.
    same = runner.invoke(app, ["diff", str(tmp_path / "copy"), str(tmp_path / "out"), "--exit-code"])
    assert same.exit_code == 0, same.stdout


@pytest.mark.parametrize("target", ["kubernetes", "helm"])
def test_a_secret_over_the_kubernetes_limit_is_said(tmp_path: Path, target: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import receivers_cli.targets.shared as shared

    code, _out, err = render(tmp_path / "small", "--target", target)
    assert code == 0 and "Kubernetes refuses a Secret" not in err
    monkeypatch.setattr(shared, "SECRET_LIMIT", 4096)  # the demo is ~12 KB; the real limit is 1 MiB
    code, _out, err = render(tmp_path / "big", "--target", target)
    assert code == 0, err
    assert f"note: {FILES[target]} holds" in err and "Kubernetes refuses a Secret over 4096 bytes" in err


def _file_references(node: object, mount: str) -> set[str]:
    """Every path below ``mount`` that a config's ``*_file`` fields read."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and key.endswith("_file") and isinstance(value, str) and value.startswith(mount):
                found.add(value.removeprefix(mount + "/"))
            found |= _file_references(value, mount)
    elif isinstance(node, list):
        for item in node:
            found |= _file_references(item, mount)
    return found


def test_kubernetes_secret_free_mode_mounts_every_nested_file(tmp_path: Path) -> None:
    mount = "/etc/alertmanager/secrets/receivers"
    result = runner.invoke(app, ["render", "--target", "kubernetes", "--tenants", str(ROOT / "tenants"),
                                 "--config", str(ROOT / "receivers.yaml"), "--out", str(tmp_path / "out"),
                                 "--secrets", "files", "--secrets-mount", mount, "--k8s-secret", "am",
                                 "--alertmanager-version", "0.33"], env={})
    assert result.exit_code == 0, result.stderr
    patch_path = tmp_path / "out" / "secret-volume.yaml"
    patch = load_yaml(patch_path.read_text())["spec"]
    (volume,) = patch["volumes"]
    assert patch["volumeMounts"] == [{"name": volume["name"], "mountPath": mount, "readOnly": True}]
    assert volume["secret"]["secretName"] == "am-secret-files"
    items = volume["secret"]["items"]
    config = load_yaml(kubernetes_keys(tmp_path / "out")["alertmanager.yaml"])
    # Every file the config reads is placed by exactly one item, at its nested path; keys are flat.
    assert sorted(i["path"] for i in items) == sorted(_file_references(config, mount))
    keys = [i["key"] for i in items]
    assert len(set(keys)) == len(keys) and all(valid_key(k) and "/" not in k for k in keys)
    assert stat.S_IMODE(os.stat(patch_path).st_mode) == 0o644
    for value in DEMO_ENV.values():
        assert value not in patch_path.read_text()


def test_inline_kubernetes_render_has_no_volume(tmp_path: Path) -> None:
    assert render(tmp_path / "out", "--target", "kubernetes")[0] == 0
    assert not (tmp_path / "out" / "secret-volume.yaml").exists()


def test_secret_file_keys_are_distinct_for_names_a_flat_key_would_merge() -> None:
    names = ["a.b/c/url", "a/b.c/url", "a/b/c.url", "a/b/c~1", "a/b/c%7E1", "a/b/http_headers.X%2DA.secrets~2",
             "_global/smtp_auth_password", "t/r/" + "x" * 300, "t/r/" + "x" * 299 + "y"]
    keys = [secret_file_key(n) for n in names]
    assert len(set(keys)) == len(keys)
    assert all(valid_key(k) and len(k) <= 253 for k in keys)
