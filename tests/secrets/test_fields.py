from __future__ import annotations

import pytest

from receivers_cli.errors import ProblemsError
from receivers_cli.secrets.envelope import Binding, encrypt
from receivers_cli.secrets.errors import SecretsError
from receivers_cli.secrets.fields import (
    RenderDecryptor,
    classify,
    decrypt_document,
    iter_secret_values,
    resolve_field,
)
from receivers_cli.secrets.keys import Keyring, PrivateKey, PublicKeyInfo
from receivers_cli.secrets.yamltext import load_data, read_text
from tests.secrets.support import FIXTURES, TODAY

Pair = tuple[PrivateKey, PublicKeyInfo]


def _acme() -> dict[str, object]:
    data = load_data(read_text(FIXTURES / "tenants" / "acme.yaml"), "acme.yaml")
    assert isinstance(data, dict)
    return data


def test_finds_every_secret_with_native_bindings_and_locations() -> None:
    found = {(str(v.binding), v.location, v.kind) for v in iter_secret_values(_acme())}
    assert found == {
        ("acme/pager config.routing_key", ("acme", "receivers", 0, "config", "integration_key"), "plaintext"),
        ("acme/chat config.api_url", ("acme", "receivers", 1, "config", "api_url"), "plaintext"),
        ("acme/hook config.url", ("acme", "receivers", 2, "config", "url"), "reference"),
        (
            "acme/hook config.http_config.authorization.credentials",
            ("acme", "receivers", 2, "config", "http_config", "authorization", "credentials"),
            "plaintext",
        ),
        (
            "acme/hook config.http_config.tls_config.key",
            ("acme", "receivers", 2, "config", "http_config", "tls_config", "key"),
            "plaintext",
        ),
        ("acme/flow config.bot_token", ("acme", "receivers", 3, "config", "bot_token"), "plaintext"),
    }


def test_secrets_in_lists_are_bound_by_name_not_index() -> None:
    doc = {
        "t": {
            "receivers": [
                {"name": "r", "channel_type": "webhook", "config": {"http_config": {"bearer_token": ["a", "b"]}}}
            ]
        }
    }
    items = list(iter_secret_values(doc))
    assert [i.location[-1] for i in items] == [0, 1]
    assert {i.binding.field_path for i in items} == {("http_config", "bearer_token")}


def test_unusable_receivers_are_skipped() -> None:
    doc = {
        "t": {
            "receivers": [
                {"name": "r", "channel_type": "nope", "config": {"api_url": "x"}},
                {"channel_type": "slack", "config": {"api_url": "x"}},
                {"name": "s", "channel_type": "slack", "config": None},
                "junk",
            ]
        },
        "u": None,
    }
    assert list(iter_secret_values(doc)) == []


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("ENC[v1,...]", "encrypted"),
        ("${X}", "reference"),
        ("https://a/${X}", "reference"),
        ("", "empty"),
        (None, "empty"),
        (5, "other"),
        ("hunter2", "plaintext"),
    ],
)
def test_classify(value: object, kind: str) -> None:
    assert classify(value) == kind


def test_decrypt_document_and_apply(pair: Pair, keyring: Keyring) -> None:
    doc = _acme()
    receivers = doc["acme"]["receivers"]  # type: ignore[index]
    receivers[0]["config"]["integration_key"] = encrypt(
        "canary-pd", pair[1].public_key, pair[1].id, Binding("acme", "pager", ("routing_key",)), created=TODAY
    )
    receivers[1]["config"]["api_url"] = encrypt(
        "canary-url", pair[1].public_key, pair[1].id, Binding("acme", "pager", ("api_url",)), created=TODAY
    )  # bound to another receiver: must fail
    result = decrypt_document(doc, keyring)
    assert [v.reveal() for v in result.values.values()] == ["canary-pd"]
    assert result.key_ids == {pair[1].id}
    ((failed, error),) = result.errors
    assert failed.location[-1] == "api_url" and "another receiver" in error.message
    applied = result.apply(doc)
    assert applied["acme"]["receivers"][0]["config"]["integration_key"].reveal() == "canary-pd"
    assert doc["acme"]["receivers"][0]["config"]["integration_key"].startswith("ENC[")  # type: ignore[index]


def test_render_decryptor_resolves_aliases_and_records_key_ids(pair: Pair, keyring: Keyring) -> None:
    sealed = encrypt("canary", pair[1].public_key, pair[1].id, Binding("acme", "pager", ("routing_key",)))
    hook = RenderDecryptor(keyring)
    assert hook(sealed, ("acme", "pager", "integration_key")) == "canary"
    assert hook(sealed, ("acme", "pager", "routing_key")) == "canary"
    assert hook.key_ids == {"acme": {pair[1].id}}
    with pytest.raises(ProblemsError) as caught:
        hook(sealed, ("beta", "pager", "routing_key"))
    assert caught.value.problems[0].rule == "S105"


def test_resolve_field() -> None:
    assert resolve_field("integration_key") == ("routing_key",)
    assert resolve_field("config.http_config.authorization.credentials") == (
        "http_config",
        "authorization",
        "credentials",
    )
    assert resolve_field("integration_key", "pagerduty") == ("routing_key",)
    with pytest.raises(SecretsError, match="not a secret field of slack"):
        resolve_field("channel", "slack")
    with pytest.raises(SecretsError):
        resolve_field("channel")
