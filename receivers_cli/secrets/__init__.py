"""Secrets: the ``ENC[...]`` envelope, keys and recipients, redaction, and in-place encryption.

What render calls (see each module for details)::

    keyring = Keyring.from_sources(key_files)            # + RECEIVERS_KEY / RECEIVERS_KEY_FILE
    result = decrypt_document(tenant_document, keyring)  # Secret values by document path
    secret = decrypt(envelope, keyring, Binding(tenant, receiver, field_path))
"""

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
