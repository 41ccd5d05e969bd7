"""Each target's output laid out as the system it is written for would lay it out, for the real amtool.

- kubernetes: prometheus-operator mounts every key of the config Secret at /etc/alertmanager/config/;
- helm: kube-prometheus-stack merges the values into its defaults (null deletes a key), puts the
  config into the Secret as alertmanager.yaml and each templateFiles entry beside it, same mount;
- mimir: Mimir writes each template_files entry into the tenant's own folder and resolves the bare
  names of ``templates:`` there (tests/targets lay them beside the config, which amtool resolves the same way).

The mount path is rewritten to the test's folder (amtool reads the config on this machine).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from receivers_cli.targets.kubernetes import CONFIG_KEY, MOUNT
from tests.repos import dump_yaml, load_yaml

# kube-prometheus-stack's default alertmanager.config (charts/kube-prometheus-stack/values.yaml):
# the keys Helm merges ours into. Its inhibit rules ignore tenants: none may survive the merge.
CHART_DEFAULT_CONFIG: dict[str, Any] = {
    "global": {"resolve_timeout": "5m"},
    "inhibit_rules": [
        {"source_matchers": ["severity = critical"], "target_matchers": ["severity =~ warning|info"],
         "equal": ["namespace", "alertname"]},
        {"source_matchers": ["severity = warning"], "target_matchers": ["severity = info"],
         "equal": ["namespace", "alertname"]},
        {"source_matchers": ["alertname = InfoInhibitor"], "target_matchers": ["severity = info"],
         "equal": ["namespace"]},
        {"target_matchers": ["alertname = InfoInhibitor"]},
    ],
    "route": {"group_by": ["namespace"], "group_wait": "30s", "group_interval": "5m", "repeat_interval": "12h",
              "receiver": "null", "routes": [{"receiver": "null", "matchers": ['alertname = "Watchdog"']}]},
    "receivers": [{"name": "null"}],
    "templates": ["/etc/alertmanager/config/*.tmpl"],
}


def helm_merge(defaults: Any, values: Any) -> Any:
    """Helm's coalescing of user values into chart defaults: maps merge key by key, a null deletes
    the key, anything else (lists included) replaces."""
    if isinstance(defaults, dict) and isinstance(values, dict):
        merged = dict(defaults)
        for key, value in values.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = helm_merge(defaults.get(key), value)
        return merged
    return values


def _write_mounted(keys: dict[str, str], dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for key, text in keys.items():
        (dest / key).write_text(text.replace(MOUNT, str(dest)) if key == CONFIG_KEY else text, "utf-8")
    return dest / CONFIG_KEY


def kubernetes_keys(out: Path) -> dict[str, str]:
    secret = load_yaml((out / "secret.yaml").read_text("utf-8"))
    assert secret["kind"] == "Secret" and secret["apiVersion"] == "v1"
    keys: dict[str, str] = secret["stringData"]
    return keys


def lay_out_kubernetes(out: Path, dest: Path) -> Path:
    """The Secret's keys as the operator mounts them; returns the config file."""
    return _write_mounted(kubernetes_keys(out), dest)


def helm_config(out: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The config and templates kube-prometheus-stack would deploy from the values file."""
    values = load_yaml((out / "values.yaml").read_text("utf-8"))["alertmanager"]
    config: dict[str, Any] = helm_merge(CHART_DEFAULT_CONFIG, values["config"])
    return config, dict(values["templateFiles"])


def lay_out_helm(out: Path, dest: Path) -> Path:
    config, templates = helm_config(out)
    return _write_mounted({CONFIG_KEY: dump_yaml(config), **templates}, dest)


def mimir_envelope(path: Path) -> dict[str, Any]:
    envelope: dict[str, Any] = load_yaml(path.read_text("utf-8"))
    assert set(envelope) == {"template_files", "alertmanager_config"}, sorted(envelope)
    return envelope


def lay_out_mimir(path: Path, dest: Path) -> Path:
    """One tenant's envelope: its template files in its own folder, the config beside them."""
    envelope = mimir_envelope(path)
    dest.mkdir(parents=True, exist_ok=True)
    for name, body in envelope["template_files"].items():
        assert "/" not in name and name not in (".", ".."), name  # Mimir refuses paths
        (dest / name).write_text(body, "utf-8")
    config = dest / "alertmanager.yml"
    config.write_text(envelope["alertmanager_config"], "utf-8")
    return config
