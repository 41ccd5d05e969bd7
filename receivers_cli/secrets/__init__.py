"""Secrets: the ``ENC[...]`` envelope, keys and recipients, redaction, and in-place encryption.

What render calls (see each module for details)::

    keyring = Keyring.from_sources(key_files)            # + RECEIVERS_KEY / RECEIVERS_KEY_FILE
    result = decrypt_document(tenant_document, keyring)  # Secret values by document path
    secret = decrypt(envelope, keyring, Binding(tenant, receiver, field_path))
"""

from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Binding": "receivers_cli.secrets.envelope",
    "Envelope": "receivers_cli.secrets.envelope",
    "decrypt": "receivers_cli.secrets.envelope",
    "encrypt": "receivers_cli.secrets.envelope",
    "is_envelope": "receivers_cli.secrets.envelope",
    "parse": "receivers_cli.secrets.envelope",
    "EnvelopeError": "receivers_cli.secrets.errors",
    "SecretsError": "receivers_cli.secrets.errors",
    "DecryptResult": "receivers_cli.secrets.fields",
    "SecretValue": "receivers_cli.secrets.fields",
    "decrypt_document": "receivers_cli.secrets.fields",
    "iter_secret_values": "receivers_cli.secrets.fields",
    "Keyring": "receivers_cli.secrets.keys",
    "PrivateKey": "receivers_cli.secrets.keys",
    "PublicKeyInfo": "receivers_cli.secrets.keys",
    "generate_key": "receivers_cli.secrets.keys",
    "keys_from_env": "receivers_cli.secrets.keys",
    "Secret": "receivers_cli.secrets.redact",
}

if TYPE_CHECKING:
    from receivers_cli.secrets.envelope import Binding, Envelope, decrypt, encrypt, is_envelope, parse
    from receivers_cli.secrets.errors import EnvelopeError, SecretsError
    from receivers_cli.secrets.fields import DecryptResult, SecretValue, decrypt_document, iter_secret_values
    from receivers_cli.secrets.keys import Keyring, PrivateKey, PublicKeyInfo, generate_key, keys_from_env
    from receivers_cli.secrets.redact import Secret

__all__ = [
    "Binding",
    "DecryptResult",
    "Envelope",
    "EnvelopeError",
    "Keyring",
    "PrivateKey",
    "PublicKeyInfo",
    "Secret",
    "SecretValue",
    "SecretsError",
    "decrypt",
    "decrypt_document",
    "encrypt",
    "generate_key",
    "is_envelope",
    "iter_secret_values",
    "keys_from_env",
    "parse",
]


def __getattr__(name: str) -> Any:
    """Submodules load on first use: the CLI starts without cryptography or ruamel."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'receivers_cli.secrets' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
