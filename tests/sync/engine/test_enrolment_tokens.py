"""Enrolment and the device token: the token lives in the keyring (or, with no keyring, in a
file only the user can read), never in SQLite or the logs; a refused code or token is said in
plain words."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from sqlalchemy.orm import Session

from city_api.enrolment import revoke_device
from community_app.sync.device import load_device
from community_app.sync.enrolment import enroll, forget
from community_app.sync.errors import SyncError
from community_app.sync.tokens import (
    SERVICE,
    FileTokenStore,
    KeyringTokenStore,
    MemoryTokenStore,
    default_token_store,
)
from db.migrate import create_database
from tests.city_server import CityServer
from tests.sync.engine.devices import FAST, Device, seed_divisions


class MemoryKeyring(KeyringBackend):
    """Stands for the OS keyring service (outside the app) in tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def os_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def _database_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_enrol_puts_the_token_in_the_keyring_and_nowhere_else(
        server: CityServer, community: str, tmp_path: Path, os_keyring: MemoryKeyring,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    engine = create_database(tmp_path / "c.sqlite")
    seed_divisions(engine, community)
    store = default_token_store(tmp_path)
    assert isinstance(store, KeyringTokenStore)

    info = enroll(engine, server.base_url + "/", server.issue_code(community), "一号电脑", tokens=store, http=FAST)

    token = os_keyring.secrets[(SERVICE, server.base_url)]
    assert len(token) >= 43
    assert (info.server_url, info.community_code, info.role, info.device_name) == (
        server.base_url, community, "office", "一号电脑")
    assert info.community_name == "测试社区"
    engine.dispose()
    assert token.encode() not in _database_bytes(tmp_path / "c.sqlite")
    assert token not in caplog.text
    assert not (tmp_path / "sync-token.json").exists()


def test_without_a_keyring_the_token_goes_to_a_private_file(
        tmp_path: Path, no_keyring: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    store = default_token_store(tmp_path)
    assert isinstance(store, FileTokenStore)
    assert "no OS keyring" in caplog.text

    store.set("https://city.example/", "secret-token-value")

    path = tmp_path / "sync-token.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert FileTokenStore(path).get("https://city.example") == "secret-token-value"
    assert "secret-token-value" not in caplog.text
    store.delete("https://city.example")
    assert FileTokenStore(path).get("https://city.example") is None


def test_a_used_code_is_refused_in_words(server: CityServer, community: str, tmp_path: Path) -> None:
    engine = create_database(tmp_path / "c.sqlite")
    code = server.issue_code(community)
    enroll(engine, server.base_url, code, "一号电脑", tokens=MemoryTokenStore(), http=FAST)
    second, tokens = create_database(tmp_path / "d.sqlite"), MemoryTokenStore()

    with pytest.raises(SyncError) as refused:
        enroll(second, server.base_url, code, "二号电脑", tokens=tokens, http=FAST)

    assert refused.value.problem.code == "invalid_enrolment_code"
    assert "登记码无效" in refused.value.problem.message
    assert tokens.get(server.base_url) is None
    with Session(second) as s:
        assert load_device(s) is None
    engine.dispose()
    second.dispose()


def test_a_revoked_device_is_told_to_enrol_again(server: CityServer, office_a: Device, community: str) -> None:
    office_a.add_resident(community, "王秀英")
    with Session(office_a.engine) as s:
        info = load_device(s)
    assert info is not None
    with server.session() as s:
        revoke_device(s, info.device_id)
        s.commit()

    report = office_a.sync()

    assert report.problem is not None and report.problem.code == "token_refused"
    assert "重新登记" in report.problem.message
    assert office_a.outbox() == 1

    forget(office_a.engine, tokens=office_a.tokens)
    assert office_a.tokens.get(office_a.server_url) is None
    assert office_a.sync().problem.code == "not_enrolled"  # type: ignore[union-attr]


def test_sync_logs_hold_no_token_and_no_personal_data(office_a: Device, office_b: Device, community: str,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    office_a.add_resident(community, "欧阳娜娜", phone="13987654321", id_number="370202195001011236")
    office_a.sync()
    office_b.sync()
    text = caplog.text
    for secret in (office_a.tokens.get(office_a.server_url), office_b.tokens.get(office_b.server_url),
                   "欧阳娜娜", "13987654321", "370202195001011236"):
        assert secret and secret not in text
