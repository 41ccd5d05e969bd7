"""Property: random native config (the routing property tests' generator) → import → render → the
real amtool routes random label sets the same way on the original and on the render."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from receivers_cli.api import load_checked_project, preview_config
from receivers_cli.errors import ProblemsError
from receivers_cli.importers.run import run_import
from tests.judges import judge_for
from tests.routing.amtool_support import Amtool
from tests.routing.test_amtool_agreement import for_release, scenario

EXAMPLES = 25
_PIN = re.compile(r'^\s*tenant\s*=\s*"?([^"~!]*)"?\s*$')


def _pins_a_tenant(config: dict[str, Any]) -> bool:
    """Whether some top-level route pins tenant to one id by equality (what --by tenant splits on),
    read from the generated route, independently of the importer."""
    for route in config["route"].get("routes") or []:
        values = {m.group(1) for text in route.get("matchers") or [] if (m := _PIN.match(text))}
        values |= {str(v) for k, v in (route.get("match") or {}).items() if k == "tenant"}
        if len(values) == 1 and re.fullmatch(r"[a-z0-9]([a-z0-9._-]*[a-z0-9])?", next(iter(values))):
            return True
    return False


def _imported_config(tmp: Path, source: Path, mode: tuple[str, str], version: str) -> tuple[dict[str, Any], Any]:
    tenant, by = (mode[1], None) if mode[0] == "tenant" else (None, mode[1])
    report = run_import(source, tenant=tenant, by=by, tenants_dir=tmp / "tenants", config=tmp / "receivers.yaml",
                        amtool=None, alertmanager_version=version)
    project = load_checked_project([tmp / "tenants"], tmp / "receivers.yaml")
    return preview_config(project), report


@pytest.mark.amtool
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.data_too_large,
                                                                      HealthCheck.function_scoped_fixture])
@given(case=scenario())
def test_import_of_a_random_config_routes_like_it(tmp_path_factory: pytest.TempPathFactory,
                                                  case: tuple[dict[str, Any], list[dict[str, str]]]) -> None:
    judge = judge_for((0, 34))
    config, label_sets = for_release(case, judge.version)
    for mode in (("tenant", "acme"), ("by", "tenant")):
        tmp = tmp_path_factory.mktemp("prop")
        amtool = Amtool(judge.amtool, tmp)
        source = amtool.write_config(config, "original.yml")
        if mode[0] == "by":
            try:
                _imported_config(tmp / "probe", source, mode, judge.label)
            except ProblemsError as refused:
                # What --by cannot carry is a located I002 naming the construct (never an I004:
                # a disagreement the conversion did not foresee), and nothing is written.
                assert {p.rule.id for p in refused.value.problems} == {"I002"}, str(refused.value)
                assert all(p.line > 0 for p in refused.value.problems), str(refused.value)
                assert not (tmp / "probe" / "tenants").exists()
                if not _pins_a_tenant(config):
                    assert "no top-level route pins label 'tenant'" in str(refused.value)
                continue
            assert _pins_a_tenant(config)
        rendered, report = _imported_config(tmp, source, mode, judge.label)
        names = report.result.native_to_original()
        target = amtool.write_config(rendered, "rendered.yml")
        extra = {report.result.label: "acme"} if mode[0] == "tenant" else {}
        for labels in label_sets:
            want = amtool.routes_test(source, labels)
            got = amtool.routes_test(target, {**labels, **extra})
            mapped = ",".join(names.get(n, f"<{n}>") for n in got.split(","))
            assert want == mapped, (mode, labels, json.dumps(config))
