"""Passwords: argon2id at the app's parameters, verified by libsodium where it can and by
argon2-cffi otherwise — both must give the same answer for every hash the app may meet."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from community_app.core import passwords
from community_app.core.passwords import hash_password, password_needs_rehash, sodium_verifies, verify_password

PASSWORDS = ["Demo-2026!", "", "密码很长很长的一句话", "😀 emoji and spaces ", "x" * 200]


@pytest.fixture(scope="module")
def app_hashes() -> dict[str, str]:
    return {pw: hash_password(pw) for pw in PASSWORDS}


def test_the_apps_hashes_go_to_libsodium_and_it_agrees_with_argon2_cffi(app_hashes: dict[str, str]) -> None:
    reference = PasswordHasher()
    for pw, stored in app_hashes.items():
        assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$") and sodium_verifies(stored)
        for attempt in PASSWORDS:
            try:
                expected = reference.verify(stored, attempt)
            except Exception:
                expected = False
            assert verify_password(stored, attempt) is expected, (pw, attempt)


def test_a_seeded_salt_gives_the_same_hash_and_verifies() -> None:
    salt = bytes(range(16))
    assert hash_password("pw", salt=salt) == hash_password("pw", salt=salt)
    assert verify_password(hash_password("pw", salt=salt), "pw")


def test_older_hashes_with_four_lanes_are_checked_by_argon2_cffi(monkeypatch: pytest.MonkeyPatch) -> None:
    old = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash("old secret")
    assert not sodium_verifies(old)
    used: list[str] = []
    real = passwords._cffi_verify
    monkeypatch.setattr(passwords, "_cffi_verify", lambda h, p: used.append(h) or real(h, p))
    assert verify_password(old, "old secret") and not verify_password(old, "Old secret")
    assert used == [old, old]
    assert password_needs_rehash(old) and not password_needs_rehash(hash_password("new"))


@pytest.mark.parametrize("damage", [
    lambda h: h[:-5],  # cut short
    lambda h: h[:-4] + ("AAAA" if not h.endswith("AAAA") else "BBBB"),  # another hash value
    lambda h: h.replace("m=19456", "m=19457"),  # other parameters than it was made with
    lambda h: h + "$extra",
    lambda h: "$argon2id$v=19$m=19456,t=2,p=1$" + "A" * 200 + "$" + "B" * 43,  # too long for libsodium
    lambda _h: "not a hash",
    lambda _h: "$2b$12$abcdefghijklmnopqrstuuOYN7bOV1jX1qQGzS9c4R3G8WZC3l6QO",  # bcrypt
])
def test_a_damaged_or_foreign_hash_never_matches(app_hashes: dict[str, str], damage: object) -> None:
    stored = damage(app_hashes["Demo-2026!"])  # type: ignore[operator]
    assert verify_password(stored, "Demo-2026!") is False


def test_an_unknown_user_is_checked_against_a_dummy_of_the_same_kind() -> None:
    """The same work (libsodium, the same parameters) whether or not the user exists."""
    assert verify_password(None, "not-a-real-password") is False
    assert sodium_verifies(passwords._dummy_hash())
