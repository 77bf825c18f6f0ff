"""Enrolment: trade an admin's one-time code for this device's token.

The token goes to the token store (OS keyring); the server URL, device id, role and community
go to sync_device. A device enrolled again (new code) replaces its old enrolment."""

from __future__ import annotations

import logging

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from community_app.sync.client import ApiClient
from community_app.sync.device import DeviceInfo, forget_enrolment, load_device, save_enrolment
from community_app.sync.http import HttpSettings
from community_app.sync.tokens import TokenStore

log = logging.getLogger(__name__)


def enroll(db_engine: Engine, server_url: str, code: str, device_name: str, *, tokens: TokenStore,
           http: HttpSettings | None = None) -> DeviceInfo:
    """Raises SyncError (e.g. code invalid_enrolment_code) and changes nothing if the server refuses."""
    server_url = server_url.strip().rstrip("/")
    client = ApiClient(server_url, settings=http)
    try:
        answer = client.enroll(code, device_name)
        client.session.headers["Authorization"] = f"Bearer {answer['token']}"
        try:  # the community's name for the status bar; enrolment stands without it
            name = client.whoami().get("community_name")
        except Exception:
            name = None
    finally:
        client.close()
    tokens.set(server_url, answer["token"])
    with Session(db_engine) as session, session.begin():
        save_enrolment(session, server_url=server_url, device_id=str(answer["device_id"]),
                       community_code=str(answer["community_code"]), community_name=name,
                       role=str(answer.get("role", "office")), device_name=device_name,
                       device_no=_device_no(answer.get("device_no")))
    log.info("device enrolled with the city API as device %s (community %s)", answer["device_id"],
             answer["community_code"])
    with Session(db_engine) as session:
        info = load_device(session)
    assert info is not None
    return info


def _device_no(value: object) -> int | None:
    """The server's device number, if it gave a usable one (an older server gives none)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def forget(db_engine: Engine, *, tokens: TokenStore) -> None:
    """Drop this device's token and enrolment (before enrolling again)."""
    with Session(db_engine) as session, session.begin():
        info = load_device(session)
        if info is not None:
            tokens.delete(info.server_url)
        forget_enrolment(session)
