from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from receivers_cli.secrets.errors import KeyFileError, KeyPermissionError
from receivers_cli.secrets.keys import (
    Keyring,
    PrivateKey,
    PublicKeyInfo,
    generate_key,
    key_id,
    keys_from_env,
    load_private_keys,
    parse_private_keys,
    write_private_key,
)

Pair = tuple[PrivateKey, PublicKeyInfo]


def test_key_id_is_a_stable_short_hash_of_the_public_key(pair: Pair) -> None:
    assert pair[0].id == pair[1].id == key_id(pair[1].public_key)
    assert len(pair[0].id) == 12 and int(pair[0].id, 16) >= 0
    assert generate_key()[0].id != pair[0].id


def test_write_private_key_sets_0600_and_refuses_overwrite(tmp_path: Path, pair: Pair) -> None:
    path = tmp_path / "k.key"
    write_private_key(path, pair[0])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    before = path.read_bytes()
    with pytest.raises(KeyFileError) as caught:
        write_private_key(path, generate_key()[0])
    assert "already exists" in caught.value.message and caught.value.file == str(path)
    assert path.read_bytes() == before


def test_key_file_round_trip(tmp_path: Path, pair: Pair) -> None:
    path = tmp_path / "k.key"
    write_private_key(path, pair[0])
    (loaded,) = load_private_keys([path])
    assert loaded.id == pair[0].id and loaded.created == pair[0].created
    assert loaded.key.private_bytes_raw() == pair[0].key.private_bytes_raw()


@pytest.mark.parametrize("mode", [0o640, 0o644, 0o604, 0o660, 0o620])
def test_key_file_accessible_to_others_is_refused(tmp_path: Path, pair: Pair, mode: int) -> None:
    path = tmp_path / "k.key"
    write_private_key(path, pair[0])
    os.chmod(path, mode)
    with pytest.raises(KeyPermissionError) as caught:
        load_private_keys([path])
    assert f"{mode:04o}" in caught.value.message and "chmod 600" in caught.value.hint


def test_repr_and_errors_never_show_key_material(tmp_path: Path, pair: Pair) -> None:
    text = pair[0].to_text()
    material = text.strip().splitlines()[-1].rsplit(":", 1)[1]
    assert material not in repr(pair[0]) and material not in repr(Keyring([pair[0]]))
    damaged = text.replace(material, material[:-3] + "zzz")
    with pytest.raises(KeyFileError) as caught:
        parse_private_keys(damaged.replace(pair[0].id, "0" * 12), "k.key")
    assert material[:10] not in str(caught.value) and caught.value.line == 4


def test_several_keys_from_env(tmp_path: Path, pair: Pair) -> None:
    second, _ = generate_key()
    third, _ = generate_key()
    files = []
    for key in (second, third):
        path = tmp_path / f"{key.id}.key"
        write_private_key(path, key)
        files.append(str(path))
    env = {"RECEIVERS_KEY": pair[0].to_text(), "RECEIVERS_KEY_FILE": os.pathsep.join(files)}
    ring = keys_from_env(env)
    assert ring.ids == sorted([pair[0].id, second.id, third.id])


def test_env_key_lines_may_be_joined_by_spaces(pair: Pair) -> None:
    second, _ = generate_key()
    lines = [k.to_text().strip().splitlines()[-1] for k in (pair[0], second)]
    assert len(keys_from_env({"RECEIVERS_KEY": " ".join(lines)})) == 2


def test_env_garbage_is_a_clear_error() -> None:
    with pytest.raises(KeyFileError) as caught:
        keys_from_env({"RECEIVERS_KEY": "canary-not-a-key"})
    assert "canary" not in str(caught.value)
    assert caught.value.file == "$RECEIVERS_KEY"


def test_missing_and_empty_key_files(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError):
        load_private_keys([tmp_path / "missing.key"])
    empty = tmp_path / "empty.key"
    empty.write_text("# nothing\n")
    empty.chmod(0o600)
    with pytest.raises(KeyFileError, match="no private key"):
        load_private_keys([empty])
