"""Password hashing with argon2id at OWASP's recommended cost (m=19 MiB, t=2, p=1).

argon2-cffi's default (RFC 9106 low-memory: 64 MiB, t=3, p=4) took 0.2–0.5 s per sign-in on a
2-core office PC, most of the app's start. OWASP's Password Storage Cheat Sheet lists
m=19 MiB, t=2, p=1 as an equivalent-strength argon2id setting; hashes made earlier keep their
own parameters (they are in the hash) and still verify.

Hashes are made by argon2-cffi. Sign-in verifies through libsodium (PyNaCl) when it can — any
argon2id hash with one lane, which is every hash made with these parameters: libsodium picks
its SIMD code at run time and takes about half the time of argon2-cffi's portable build (≈20
instead of ≈40 ms here). Both read the same standard encoded hash; a hash libsodium cannot
take (the older p=4 ones) goes to argon2-cffi. Unknown users are checked against a dummy hash
of the same kind, so the answer takes as long whether or not the user exists.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 19 * 1024
ARGON2_PARALLELISM = 1
# the encoded form libsodium verifies: argon2id, version 19, one lane
_SODIUM_VERIFIES = re.compile(r"\$argon2id\$v=19\$m=\d+,t=\d+,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+")
_SODIUM_MAX_HASH = 127  # crypto_pwhash_STRBYTES less its terminating NUL


@cache
def _hasher() -> PasswordHasher:
    # argon2-cffi is imported only to make a hash or to check an older one: not at every sign-in
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB, parallelism=ARGON2_PARALLELISM)


@cache
def _dummy_hash() -> str:
    # Verifying against this when the user does not exist keeps the time the same, so timing
    # does not reveal whether a username exists. Made on first use: it costs ~0.1 s.
    return hash_password("not-a-real-password")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """A new argon2id hash; `salt` only for reproducible files (the demo generator), else random."""
    return _hasher().hash(password, salt=salt)


def sodium_verifies(password_hash: str) -> bool:
    """Whether libsodium takes this hash (else argon2-cffi checks it)."""
    return len(password_hash) <= _SODIUM_MAX_HASH and _SODIUM_VERIFIES.fullmatch(password_hash) is not None


def verify_password(password_hash: str | None, password: str) -> bool:
    stored = password_hash or _dummy_hash()
    matches = _sodium_verify(stored, password) if sodium_verifies(stored) else _cffi_verify(stored, password)
    return matches and password_hash is not None


def _sodium_verify(password_hash: str, password: str) -> bool:
    from nacl.bindings import crypto_pwhash_str_verify
    from nacl.exceptions import CryptoError

    try:
        return bool(crypto_pwhash_str_verify(password_hash.encode("ascii"), password.encode("utf-8")))
    except (CryptoError, ValueError, TypeError):  # a wrong password or a damaged hash
        return False


def _cffi_verify(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than the current ones."""
    return _hasher().check_needs_rehash(password_hash)
