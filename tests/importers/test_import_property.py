"""Property: random native config (the routing property tests' generator) → import → render → the
real amtool routes random label sets the same way on the original and on the render."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from receivers_cli.api import load_checked_project, preview_config
from receivers_cli.importers.run import run_import
from tests.judges import judge_for
from tests.routing.amtool_support import Amtool
from tests.routing.test_amtool_agreement import for_release, scenario

EXAMPLES = 25


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
        rendered, report = _imported_config(tmp, source, mode, judge.label)
        names = report.result.native_to_original()
        target = amtool.write_config(rendered, "rendered.yml")
        extra = {report.result.label: "acme"} if mode[0] == "tenant" else {}
        for labels in label_sets:
            want = amtool.routes_test(source, labels)
            got = amtool.routes_test(target, {**labels, **extra})
            mapped = ",".join(names.get(n, f"<{n}>") for n in got.split(","))
            assert want == mapped, (mode, labels, json.dumps(config))
