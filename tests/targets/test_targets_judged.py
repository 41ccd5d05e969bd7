"""Every target's output, laid out as its deployment lays it out, judged by the real Alertmanager.

For the demo tenants and a tenant per channel type (each integration's catalogue example), at 0.25
and 0.33: ``amtool check-config`` accepts the config (every Mimir tenant config and the fallback
too, every decoded Kubernetes Secret and Helm values config), and ``amtool template render``
resolves, through the config's own ``templates:`` entry, every template the config calls.
"""

from __future__ import annotations

import glob
import re
import subprocess
from pathlib import Path
from typing import Any, Literal

import pytest

from receivers_cli import integrations
from receivers_cli.api import Rendered, load_project, render_project, validated
from receivers_cli.render.output import write_output
from receivers_cli.targets.base import TargetSettings
from receivers_cli.validation.levels import ValidationLevel
from tests.helpers import DEMO_ENV, ROOT
from tests.judges import Judge, judge_for
from tests.repos import load_yaml, make_repo
from tests.targets.deployed import (
    CHART_DEFAULT_CONFIG,
    helm_config,
    lay_out_helm,
    lay_out_kubernetes,
    lay_out_mimir,
)

pytestmark = pytest.mark.amtool

VERSIONS = ["0.25", "0.33"]
CALL = re.compile(r'\{\{ template "([^"]+)" \. \}\}')


def render(tenants: Path, config: Path | None, out: Path, version: str, target: str,
           settings: TargetSettings | None = None, env: dict[str, str] | None = None) -> Rendered:
    project = validated(load_project([tenants], config, alertmanager_version=version), ValidationLevel.STANDARD)
    rendered = render_project(project, env=env if env is not None else DEMO_ENV, target=target, settings=settings)
    write_output(rendered.files, out)
    return rendered


def catalogue_repo(root: Path, version: str) -> Path:
    """One tenant per channel type the version has, each receiver its catalogue example."""
    target = tuple(int(p) for p in version.split("."))
    tenants = {
        f"cat-{i.channel_type}": {
            "metadata": {"name": f"Catalogue {i.channel_type}", "tier": "standard"},
            "receivers": [{"name": "r", "channel_type": i.channel_type, "config": dict(i.example)}],
        }
        for i in integrations.catalog().values() if i.since <= target
    }
    return make_repo(root, tenants)


def judge(version: str) -> Judge:
    return judge_for(tuple(int(p) for p in version.split(".")))  # type: ignore[arg-type]


def check_config(judge: Judge, config: Path) -> None:
    done = subprocess.run(judge.amtool_cmd("check-config", str(config)), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "SUCCESS" in done.stdout, f"{config}:\n{done.stdout}\n{done.stderr}"


def resolve_templates(judge: Judge, config: Path) -> int:
    """Render every ``{{ template "X" . }}`` the config calls through its own ``templates:`` glob."""
    data: dict[str, Any] = load_yaml(config.read_text("utf-8"))
    calls = sorted(set(CALL.findall(config.read_text("utf-8"))))
    entries = data.get("templates") or []
    if not calls:
        return 0
    assert len(entries) == 1, entries
    pattern = entries[0] if entries[0].startswith("/") else str(config.parent / entries[0])
    assert glob.glob(pattern), f"the templates: glob {pattern} matches no file"
    for name in calls:
        done = subprocess.run(
            judge.amtool_cmd("template", "render", f"--template.glob={pattern}",
                             f"--template.text={{{{ template \"{name}\" . }}}}"),
            capture_output=True, timeout=60,
        )
        assert done.returncode == 0, f"{name}: {done.stderr.decode(errors='replace')}"
    return len(calls)


def _inputs(kind: str, tmp_path: Path, version: str) -> tuple[Path, Path | None, dict[str, str]]:
    if kind == "demo":
        return ROOT / "tenants", ROOT / "receivers.yaml", DEMO_ENV
    root = catalogue_repo(tmp_path / "catalogue", version)
    return root / "tenants", None, {}


@pytest.mark.parametrize("kind", ["demo", "catalogue"])
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("layout", ["nested", "flat"])
def test_alertmanager_folder_is_judged_in_both_layouts(
    tmp_path: Path, version: str, kind: str, layout: Literal["nested", "flat"]
) -> None:
    tenants, config, env = _inputs(kind, tmp_path, version)
    out = tmp_path / "out"
    render(tenants, config, out, version, "alertmanager", TargetSettings(layout=layout), env)
    if layout == "flat":
        assert not (out / "templates").exists()
        assert sorted(p.name for p in out.glob("*.tmpl"))
    check_config(judge(version), out / "alertmanager.yml")
    assert resolve_templates(judge(version), out / "alertmanager.yml") > 0


@pytest.mark.parametrize("kind", ["demo", "catalogue"])
@pytest.mark.parametrize("version", VERSIONS)
def test_kubernetes_secret_is_judged_as_mounted(tmp_path: Path, version: str, kind: str) -> None:
    tenants, config, env = _inputs(kind, tmp_path, version)
    render(tenants, config, tmp_path / "out", version, "kubernetes", env=env)
    mounted = lay_out_kubernetes(tmp_path / "out", tmp_path / "mount")
    check_config(judge(version), mounted)
    assert resolve_templates(judge(version), mounted) > 0


@pytest.mark.parametrize("kind", ["demo", "catalogue"])
@pytest.mark.parametrize("version", VERSIONS)
def test_helm_values_are_judged_after_the_chart_merge(tmp_path: Path, version: str, kind: str) -> None:
    tenants, config, env = _inputs(kind, tmp_path, version)
    render(tenants, config, tmp_path / "native", version, "alertmanager", TargetSettings(layout="flat"), env)
    render(tenants, config, tmp_path / "out", version, "helm", env=env)
    merged, _templates = helm_config(tmp_path / "out")
    native = load_yaml((tmp_path / "native" / "alertmanager.yml").read_text("utf-8"))
    # Nothing of the chart's default config survives the merge (its inhibit rules ignore tenants).
    assert merged["inhibit_rules"] == native.get("inhibit_rules", [])
    assert merged["inhibit_rules"] != CHART_DEFAULT_CONFIG["inhibit_rules"]
    assert merged["route"] == native["route"] and merged["receivers"] == native["receivers"]
    mounted = lay_out_helm(tmp_path / "out", tmp_path / "mount")
    check_config(judge(version), mounted)
    assert resolve_templates(judge(version), mounted) > 0


@pytest.mark.parametrize("kind", ["demo", "catalogue"])
@pytest.mark.parametrize("version", VERSIONS)
def test_every_mimir_tenant_config_is_judged(tmp_path: Path, version: str, kind: str) -> None:
    tenants, config, env = _inputs(kind, tmp_path, version)
    rendered = render(tenants, config, tmp_path / "out", version, "mimir", env=env)
    envelopes = sorted((tmp_path / "out").glob("*.yaml"))
    assert [p.stem for p in envelopes] == ["_fallback", *sorted(rendered.tenants)]
    resolved = 0
    for path in envelopes:
        laid = lay_out_mimir(path, tmp_path / "mimir" / path.stem)
        check_config(judge(version), laid)
        resolved += resolve_templates(judge(version), laid)
        data = load_yaml(laid.read_text("utf-8"))
        if path.stem != "_fallback":
            # Isolation "none": the tenant's own tree at the root, no tenant matcher anywhere.
            assert data["route"]["receiver"].startswith(f"{path.stem}/")
            assert "matchers" not in data["route"]
            assert 'tenant="' not in laid.read_text("utf-8")
            assert all(r["name"].startswith(f"{path.stem}/") for r in data["receivers"])
            assert data["templates"] == [f"{path.stem}.tmpl"]
    assert resolved > 0
