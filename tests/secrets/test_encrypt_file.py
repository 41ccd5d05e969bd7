from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from receivers_cli.errors import ProblemsError
from receivers_cli.secrets.encrypt_file import encrypt_files, reencrypt_files
from receivers_cli.secrets.envelope import Binding, encrypt, parse
from receivers_cli.secrets.fields import decrypt_document, iter_secret_values
from receivers_cli.secrets.keys import Keyring, PrivateKey, PublicKeyInfo, generate_key
from receivers_cli.secrets.yamltext import load_data
from tests.secrets.support import CANARY, TODAY

Pair = tuple[PrivateKey, PublicKeyInfo]


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line for line in diff if line.startswith(("- ", "+ "))]


def test_encrypt_in_place_changes_only_the_secret_values(tenant_dir: Path, pair: Pair, keyring: Keyring) -> None:
    path = tenant_dir / "acme.yaml"
    before = path.read_text()
    (summary,) = encrypt_files([path], pair[1], today=TODAY)
    after = path.read_text()
    assert (summary.encrypted, summary.unchanged, summary.references) == (4 + 1, 0, 1)
    assert CANARY not in after
    removed = [line for line in _changed_lines(before, after) if line.startswith("- ")]
    # the four one-line values, plus the three lines of the PEM block scalar and its `key: |` line
    assert len(removed) == 4 + 4
    assert all(CANARY in line or "PRIVATE KEY" in line or "key: |" in line for line in removed)
    # comments and quoting survive
    assert '"ENC[v1,' in after and "# the PagerDuty key" in after and "channel: '#acme-alerts'" in after
    assert "url: '${ACME_WEBHOOK_URL}'" in after
    assert 'config: {bot_token: "ENC[v1,' in after  # quoted: plain [ , ] would break a flow mapping
    decrypted = decrypt_document(load_data(after, "acme.yaml"), keyring)
    assert not decrypted.errors
    assert sorted(v.reveal() for v in decrypted.values.values())[0].startswith("-----BEGIN PRIVATE KEY-----\n")


def test_encrypt_twice_changes_nothing(tenant_dir: Path, pair: Pair) -> None:
    paths = sorted(tenant_dir.iterdir())
    encrypt_files(paths, pair[1], today=TODAY)
    once = {p: p.read_bytes() for p in paths}
    summaries = encrypt_files(paths, pair[1], today=TODAY)
    assert {p: p.read_bytes() for p in paths} == once
    assert not any(s.changed for s in summaries)


def test_indentless_and_crlf_files_keep_their_layout(tmp_path: Path, pair: Pair) -> None:
    path = tmp_path / "gamma.yaml"
    lines = [
        "gamma:",
        "  receivers:",
        "  - name: chat   # indentless sequence, CRLF line ends",
        "    channel_type: slack",
        "    config:",
        "      api_url: 'https://hooks.slack.com/canary'",
        "      channel: x",
        "",
    ]
    path.write_bytes("\r\n".join(lines).encode())
    encrypt_files([path], pair[1], today=TODAY)
    after = path.read_bytes().decode().split("\r\n")
    assert [a for a, b in zip(after, lines, strict=True) if a != b] == [after[5]]
    assert after[5].startswith("      api_url: 'ENC[v1,")


def test_anchored_secret_is_refused_without_writing(tmp_path: Path, pair: Pair) -> None:
    path = tmp_path / "delta.yaml"
    text = (
        "delta:\n  receivers:\n"
        "    - {name: a, channel_type: slack, config: {api_url: &u 'https://x/canary'}}\n"
        "    - {name: b, channel_type: slack, config: {api_url: *u}}\n"
    )
    path.write_text(text)
    with pytest.raises(ProblemsError) as caught:
        encrypt_files([path], pair[1], today=TODAY)
    assert caught.value.problems[0].line == 3
    assert path.read_text() == text


def test_rotation_reencrypts_everything_to_the_new_key(tenant_dir: Path, pair: Pair, keyring: Keyring) -> None:
    paths = sorted(tenant_dir.iterdir())
    encrypt_files(paths, pair[1], aead="chacha20-poly1305", today=TODAY)
    new_key, new_public = generate_key()
    summaries = reencrypt_files(paths, keyring, new_public)
    assert sum(s.reencrypted for s in summaries) == 5 + 2
    for path in paths:
        doc = load_data(path.read_text(), path.name)
        result = decrypt_document(doc, Keyring([new_key]))
        assert not result.errors and result.key_ids <= {new_key.id}
        ids = {parse(v.value).key_id for v in iter_secret_values(doc) if v.kind == "encrypted"}
        assert ids == {new_key.id}
    again = reencrypt_files(paths, Keyring([new_key]), new_public)
    assert not any(s.changed for s in again)


def test_rotation_fails_whole_when_one_value_cannot_be_decrypted(
    tenant_dir: Path, pair: Pair, keyring: Keyring
) -> None:
    paths = sorted(tenant_dir.iterdir())
    encrypt_files(paths, pair[1], today=TODAY)
    beta = tenant_dir / "beta.yaml"
    # a value copied from another tenant
    foreign = encrypt("x", pair[1].public_key, pair[1].id, Binding("acme", "ops", ("api_key",)), created=TODAY)
    text = beta.read_text()
    start = text.index("api_key: ") + len("api_key: ")
    beta.write_text(text[:start] + foreign + text[text.index("\n", start) :])
    before = {p: p.read_bytes() for p in paths}
    with pytest.raises(ProblemsError) as caught:
        reencrypt_files(paths, keyring, generate_key()[1])
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.rule) == (str(beta), 9, "S105")
    assert "another tenant" in problem.message
    assert {p: p.read_bytes() for p in paths} == before
