"""Password hashing with argon2id at OWASP's recommended cost (m=19 MiB, t=2, p=1).

argon2-cffi's default (RFC 9106 low-memory: 64 MiB, t=3, p=4) took 0.2–0.5 s per sign-in on a
2-core office PC, most of the app's start. OWASP's Password Storage Cheat Sheet lists
m=19 MiB, t=2, p=1 as an equivalent-strength argon2id setting; hashes made earlier keep their
own parameters (they are in the hash) and still verify."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 19 * 1024
ARGON2_PARALLELISM = 1
_hasher = PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB, parallelism=ARGON2_PARALLELISM)


@cache
def _dummy_hash() -> str:
    # Verifying against this when the user does not exist keeps the time the same, so timing
    # does not reveal whether a username exists. Made on first use: it costs ~0.1 s.
    return _hasher.hash("not-a-real-password")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """A new argon2id hash; `salt` only for reproducible files (the demo generator), else random."""
    return _hasher.hash(password, salt=salt)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than the current ones."""
    return _hasher.check_needs_rehash(password_hash)
