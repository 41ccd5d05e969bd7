"""Names that the command line needs without loading the cryptography stack."""

from __future__ import annotations

from typing import Final

AEAD_NAMES: Final = ("aes-256-gcm", "chacha20-poly1305")
DEFAULT_AEAD: Final = "aes-256-gcm"
