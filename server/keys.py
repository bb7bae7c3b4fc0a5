"""Station keys: generation, hashing for storage, constant-time comparison.

A key is 32 characters of ``A-Z a-z 0-9`` (about 190 bits), so a single SHA-256
is the right storage hash: there is nothing to brute-force that a slow hash
would protect. The plain key exists only at creation time and in the station.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string

KEY_ALPHABET = string.ascii_letters + string.digits
KEY_LENGTH = 32


def generate_key() -> str:
    """A new random key: 32 characters of A-Z a-z 0-9 from the OS's CSPRNG."""
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))


def hash_key(key: str) -> str:
    """The SHA-256 hex digest stored for ``key`` (any string, even one that is not valid text)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def hashes_match(stored_hash: str, key: str) -> bool:
    """Whether ``key`` hashes to ``stored_hash``, compared in constant time."""
    return hmac.compare_digest(stored_hash.encode("ascii"), hash_key(key).encode("ascii"))
