"""``receivers import`` reads an alertmanager.yml the way Alertmanager reads it.

Shapes met importing public configs (each fixture is written for one of them): YAML merge keys,
``${...}`` text (which Alertmanager does not expand), keys written with no value, and top-level
settings of the Alertmanager process. Each imports through the real CLI, passes the self-check
with the real amtool, and renders the values Alertmanager would have used."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from receivers_cli.errors import ProblemsError
from receivers_cli.loading.yaml_source import load_file, load_text
from tests.helpers import FIXTURES
from tests.judges import judge_for

IMPORTS = FIXTURES / "import"


def _data(text: str) -> Any:
    return load_text(text, "rendered").data


def _import(tmp_path: Path, name: str, *extra: str) -> tuple[int, str, dict[str, Any]]:
    result = CliRunner().invoke(app, ["import", str(IMPORTS / f"{name}.yml"), "--tenant", "acme", "--tenants",
                                      str(tmp_path / "tenants"), "--config", str(tmp_path / "receivers.yaml"),
                                      "--format", "json", *extra])
    report = json.loads(result.stdout[result.stdout.index("{"):]) if result.exit_code == 0 else {}
    return result.exit_code, result.output, report


def _judged(tmp_path: Path, name: str, since: tuple[int, int] = (0, 25)) -> tuple[str, dict[str, Any]]:
    judge = judge_for((0, 34))
    if judge.version < since:
        pytest.skip(f"{name} needs Alertmanager {since[0]}.{since[1]}; the newest here is {judge.label}")
    code, output, report = _import(tmp_path, name, "--amtool", judge.amtool, "--alertmanager-version", judge.label)
    assert code == 0, output
    assert report["checked"]["amtool_label_sets"] > 0, report
    return output, report


def _rendered(tmp_path: Path, *extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["render", "--tenants", str(tmp_path / "tenants"), "--config",
                                      str(tmp_path / "receivers.yaml"), "--out", str(tmp_path / "out"), *extra])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = _data((tmp_path / "out" / "alertmanager.yml").read_text())
    return data


def _integrations(rendered: dict[str, Any], report: dict[str, Any], original: str) -> list[dict[str, Any]]:
    """The native integration configs the render gives the original receiver (all its parts, in order)."""
    by_name = {r["name"]: r for r in rendered["receivers"]}
    found: list[dict[str, Any]] = []
    for native in report["receivers"][original]:
        found.extend(c for key, configs in by_name[native].items() if key.endswith("_configs") for c in configs)
    return found


def test_merge_keys_are_resolved_as_go_yaml_does(tmp_path: Path) -> None:
    _, report = _judged(tmp_path, "merge-keys")
    rendered = _rendered(tmp_path)
    ops, = _integrations(rendered, report, "chat-ops")
    db, = _integrations(rendered, report, "chat-db")
    # Everything of the anchor, and the key written after the merge wins.
    assert db["channel"] == "#db" and ops["channel"] == "#ops"
    assert db["api_url"] == ops["api_url"] == "https://hooks.slack.com/services/T000/B000/ops"
    assert db["title"] == ops["title"] and db["send_resolved"] is True
    first, second = _integrations(rendered, report, "hooks")
    assert first["url"] == "http://hooks.example.org/a" and first["max_alerts"] == 5
    # A list of merged mappings: the earlier takes precedence, the explicit key over both.
    assert second["url"] == "http://hooks.example.org/b" and second["max_alerts"] == 5
    assert second["send_resolved"] is False


def test_our_own_files_still_refuse_merge_keys() -> None:
    with pytest.raises(ProblemsError) as caught:
        load_file(IMPORTS / "merge-keys.yml")
    assert {p.rule.id for p in caught.value.problems} == {"R008"}


def test_dollar_brace_text_is_carried_as_text(tmp_path: Path) -> None:
    output, report = _judged(tmp_path, "literal-dollar")
    names = "${ONCALL_ADDRESS}, ${CHANNEL}, ${KEEP}, ${ss}"
    assert f"literal-dollar.yml:15:13: warning I006 {names} kept as literal text" in output
    tenant = (tmp_path / "tenants" / "acme.yaml").read_text()
    assert "'$${ONCALL_ADDRESS}'" in tenant  # the literal form of a tenant file
    rendered = _rendered(tmp_path)  # no variable is set, none is needed
    mail, = _integrations(rendered, report, "mail")
    assert mail["to"] == "${ONCALL_ADDRESS}"
    assert mail["headers"]["Subject"] == "cost $${{ .CommonLabels.cost }} ${ not a name }"
    assert mail["auth_password"] == "pa${ss}word"  # inherited from global, made explicit
    chat, = _integrations(rendered, report, "chat")
    assert chat["channel"] == "${CHANNEL}" and chat["text"] == "literal $${KEEP} too"


def test_encrypted_secrets_pass_the_real_amtool_and_decrypt_to_the_original(tmp_path: Path) -> None:
    judge = judge_for((0, 34))
    (tmp_path / "receivers.yaml").write_text(f"alertmanager_version: '{judge.label}'\n")
    keygen = CliRunner().invoke(app, ["secrets", "keygen", "--private-key", str(tmp_path / "key"), "--config",
                                      str(tmp_path / "receivers.yaml")])
    assert keygen.exit_code == 0, keygen.output
    # The Slack api_url is a secret: encrypted, it is no URL amtool would accept; the comparison
    # must ask amtool about the values, not the envelopes.
    code, output, report = _import(tmp_path, "literal-dollar", "--amtool", judge.amtool, "--force")
    assert code == 0, output
    assert report["secrets"]["encrypted"] > 0 and report["checked"]["amtool_label_sets"] > 0
    assert "hooks.slack.com" not in (tmp_path / "tenants" / "acme.yaml").read_text()
    assert "pa$" not in (tmp_path / "tenants" / "acme.yaml").read_text()
    rendered = _rendered(tmp_path, "--key-file", str(tmp_path / "key"))
    mail, = _integrations(rendered, report, "mail")
    assert mail["auth_password"] == "pa${ss}word"


def test_keys_without_a_value_get_go_zero_values(tmp_path: Path) -> None:
    _, report = _judged(tmp_path, "null-fields")
    rendered = _rendered(tmp_path)
    chat, = _integrations(rendered, report, "chat")
    # api_url: null is "not set", so the global one is used; title and send_resolved are "" / false
    # (not the defaults Alertmanager gives a key that is absent).
    assert chat["api_url"] == "https://hooks.slack.com/services/T000/B000/global"
    assert chat["title"] == "" and chat["send_resolved"] is False
    hook, = _integrations(rendered, report, "hook")
    assert hook.get("max_alerts", 0) == 0 and "http_config" not in hook
    assert "resolve_timeout" not in (tmp_path / "receivers.yaml").read_text()


def test_settings_of_the_alertmanager_process_are_left_out_with_a_warning(tmp_path: Path) -> None:
    output, _ = _judged(tmp_path, "server-keys", since=(0, 30))
    assert "server-keys.yml:9:1: warning I006 tracing: left out" in output
    assert "tracing" not in _data((tmp_path / "receivers.yaml").read_text())


def test_numbers_and_bools_where_alertmanager_reads_text_keep_their_text(tmp_path: Path) -> None:
    _, report = _judged(tmp_path, "typed-scalars")
    assert report["receivers"]["5xx"] == ["acme/5xx"]
    rendered = _rendered(tmp_path)
    text = (tmp_path / "out" / "alertmanager.yml").read_text()
    for written in ("'status=\"0503\"'", "'canary=\"yes\"'", "'weight=\"1.50\"'", "'priority=\"1\"'", "'08:30'",
                    "'2024'", "'2:28'"):
        assert written in text, written
    telegram, = _integrations(rendered, report, "5xx")
    # message is text; chat_id stays a number and send_resolved a bool, as Alertmanager reads them.
    assert telegram["message"] == "2.0" and telegram["chat_id"] == -1001234567
    assert telegram["send_resolved"] is False
    web, = _integrations(rendered, report, "web")
    assert web["max_alerts"] == 3


def test_yaml_one_one_booleans_in_lists_of_objects_are_booleans(tmp_path: Path) -> None:
    _, report = _judged(tmp_path, "typed-scalars")
    chat, = _integrations(_rendered(tmp_path), report, "chat")
    assert chat["link_names"] is True and chat["fields"][0]["short"] is True


def test_only_the_first_yaml_document_is_read_as_alertmanager_does(tmp_path: Path) -> None:
    output, report = _judged(tmp_path, "two-documents")
    assert "two-documents.yml:14:1: warning I006 a further YAML document starts here: left out" in output
    assert list(report["receivers"]) == ["hook"]


def test_our_own_files_still_hold_one_document() -> None:
    with pytest.raises(ProblemsError) as caught:
        load_file(IMPORTS / "two-documents.yml")
    assert {p.rule.id for p in caught.value.problems} == {"R006"}


def test_a_source_larger_than_a_tenant_file_imports(tmp_path: Path) -> None:
    # Mostly comments (history, runbooks): 1.5 MiB, past the 1 MiB bound of our own files.
    note = "# " + "x" * 1000 + "\n"
    source = tmp_path / "big.yml"
    source.write_text(note * 1500 + (IMPORTS / "two-documents.yml").read_text().split("---")[0])
    result = CliRunner().invoke(app, ["import", str(source), "--tenant", "acme", "--tenants", str(tmp_path / "t"),
                                      "--config", str(tmp_path / "receivers.yaml"), "--amtool", "none"])
    assert result.exit_code == 0, result.output
    # The header comment would push each written file past what receivers loads: left out, said so.
    assert "warning I006 the source's comments left out of" in result.output
    checked = CliRunner().invoke(app, ["validate", "--tenants", str(tmp_path / "t"), "--config",
                                       str(tmp_path / "receivers.yaml")])
    assert checked.exit_code == 0, checked.output


def _keygen_platform(tmp_path: Path, version: str) -> None:
    """The platform file `secrets keygen` makes before any tenant exists (the encrypted workflow)."""
    (tmp_path / "receivers.yaml").write_text(f"alertmanager_version: '{version}'\n")
    keygen = CliRunner().invoke(app, ["secrets", "keygen", "--private-key", str(tmp_path / "key"), "--config",
                                      str(tmp_path / "receivers.yaml")])
    assert keygen.exit_code == 0, keygen.output


def test_grouping_by_all_labels_into_an_existing_platform_file(tmp_path: Path) -> None:
    judge = judge_for((0, 34))
    _keygen_platform(tmp_path, judge.label)
    code, output, report = _import(tmp_path, "group-by-all", "--amtool", judge.amtool, "--force")
    assert code == 0, output  # the render's group_by [..., tenant] groups like ['...']
    assert report["checked"]["amtool_label_sets"] > 0


def test_a_platform_file_no_tenant_uses_yet_takes_the_label_the_import_picks(tmp_path: Path) -> None:
    judge = judge_for((0, 34))
    _keygen_platform(tmp_path, judge.label)
    code, output, report = _import(tmp_path, "tenant-label-used", "--amtool", judge.amtool, "--force")
    assert code == 0, output
    assert report["tenant_label"] == "receivers_tenant" and report["checked"]["amtool_label_sets"] > 0
    platform = _data((tmp_path / "receivers.yaml").read_text())
    assert platform["tenant_label"] == "receivers_tenant" and platform["secrets"]["recipients"]


def test_the_tenant_label_of_existing_tenants_is_never_changed(tmp_path: Path) -> None:
    _keygen_platform(tmp_path, "0.25")
    (tmp_path / "tenants").mkdir()
    other = tmp_path / "tenants" / "shop.yaml"
    other.write_text("shop:\n  metadata: {name: shop}\n")
    before = (tmp_path / "receivers.yaml").read_text()
    code, output, _ = _import(tmp_path, "tenant-label-used", "--amtool", "none", "--force")
    assert code == 1
    assert "tenant-label-used.yml:4:13: error I002 the config matches on label 'tenant'" in output, output
    assert (tmp_path / "receivers.yaml").read_text() == before and not (tmp_path / "tenants" / "acme.yaml").exists()


def test_flow_scalars_with_a_colon_read_as_go_yaml_reads_them(tmp_path: Path) -> None:
    _judged(tmp_path, "flow-colons")
    rendered = _rendered(tmp_path)
    interval, = (i for i in rendered["time_intervals"] if i["name"].endswith("office-hours"))
    spec, = interval["time_intervals"]
    assert spec["weekdays"] == ["monday:friday"] and spec["days_of_month"] == ["1:6", "-3:-1"]
    assert spec["times"] == [{"start_time": "08:30", "end_time": "17:00"}]


@pytest.mark.parametrize("flow", ["[1:6, 08:30, yes, 0x1F, ~, 2.5, 'q:r']", "[{a: 1:6}, [b:c]]"])
def test_a_flow_colon_gives_the_data_and_positions_the_block_form_would(flow: str) -> None:
    loaded = load_text(f"top:\n  key: {flow}\n  after: 1\n", "flow.yml")
    plain = _data(f"top:\n  key: {flow.replace('1:6', '16').replace('08:30', '830').replace('b:c', 'bc')}\n")
    marked = json.dumps(plain).replace("16", '"1:6"', 1).replace("830", '"08:30"').replace('"bc"', '"b:c"')
    expected = json.loads(marked)
    assert loaded.data["top"]["key"] == expected["top"]["key"]
    assert loaded.data["top"]["after"] == 1
    assert loaded.locate(("top", "key", 0)).line == 2 and loaded.locate(("top", "after")).line == 3


@pytest.mark.parametrize("text, rule", [
    ("a: [1:6\n", "R006"),  # still a syntax error: reported where libyaml stopped
    ("a: [1:6]\n---\nb: 1\n", "R006"),  # one document per file, as before
    ("a: " + "[" * 70 + "1:6" + "]" * 70 + "\n", None),  # too deep: refused, never composed
    ("a: [1:6]\na: [2:3]\n", "R009"),  # the builder's refusals hold after the quoting too
    ("a: [" + ", ".join(f"{i}:6" for i in range(70)) + "]\n", "R006"),  # past MAX_FLOW_COLONS: quote by hand
    ("a: [1:6, !!python/name:os.system x]\n", None),
])
def test_the_quoted_retry_refuses_what_the_first_parse_would(text: str, rule: str | None) -> None:
    with pytest.raises(ProblemsError) as caught:
        load_text(text, "flow.yml")
    if rule is not None:
        assert {p.rule.id for p in caught.value.problems} == {rule}
