"""The city API a demo runs inside the app (`community-app --demo`), so a newcomer sees sync
work with no set-up: H1's server in a thread on 127.0.0.1 with its own SQLite file in the
data folder, seeded once from the demo database so both sides start in agreement (local
rows at version 1, the pull cursor at the server's sequence), and this device enrolled
with a one-time code it issues itself.

No Qt here; the UI calls start_demo_server() on a worker thread after the window is shown.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session

from community_app.sync.device import load_device
from community_app.sync.tokens import FileTokenStore, TokenStore
from db.models import OutboxEntry, Resident, StaffUser, SyncCursor, synced_tables

log = logging.getLogger(__name__)

DEMO_PORT = 8399  # a fixed port keeps the server URL (and so the enrolment) the same between starts
SERVER_DB_NAME = "city-demo.sqlite"
SEEDED_MARK = "city-demo.seeded"
TOKEN_FILE_NAME = "demo-sync-token.json"  # a throwaway local server's token: kept out of the OS keyring
DEVICE_NAME = "演示电脑"
CHANGES_FEED = "changes"
_CHUNK = 500


@dataclass(frozen=True)
class DemoServer:
    base_url: str
    tokens: TokenStore
    stop: Callable[[], None]
    seeded_now: bool  # this start seeded the server (the first demo start)


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def community_code(db_engine: Engine) -> str:
    """The demo's community: the one its staff (or, failing that, its residents) belong to."""
    with Session(db_engine) as session:
        code = session.scalar(select(StaffUser.community_code).where(StaffUser.community_code.is_not(None)).limit(1))
        code = code or session.scalar(select(Resident.community_code).limit(1))
    if not code:
        raise RuntimeError("the demo database has no community to sync")
    return str(code)


def _server_state(server_url: str, community: str) -> tuple[int, dict[str, set[str]]]:
    """The community's last sequence and the record ids per table the server now holds."""
    from city_api.database import make_engine
    from city_api.models import Community, Record

    engine = make_engine(server_url)
    try:
        with Session(engine) as session:
            last_seq = session.scalar(select(Community.last_seq).where(Community.code == community)) or 0
            ids: dict[str, set[str]] = {}
            for table, record_id in session.execute(select(Record.table_name, Record.id)
                                                    .where(Record.community_code == community)):
                ids.setdefault(table, set()).add(record_id)
    finally:
        engine.dispose()
    return int(last_seq), ids


def agree_with_server(db_engine: Engine, last_seq: int, ids: dict[str, set[str]]) -> int:
    """After seeding: rows the server now holds are at version 1 here too, changes queued
    before sync existed are re-based on that version, and the pull starts after the seed.
    Returns how many local rows were marked synced."""
    marked = 0
    with Session(db_engine) as session, session.begin():
        for table in synced_tables():
            wanted = sorted(ids.get(table, ()))
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start:start + _CHUNK]
                params = {f"i{n}": value for n, value in enumerate(chunk)}
                marks = ", ".join(f":i{n}" for n in range(len(chunk)))
                result = session.execute(text(f"UPDATE {table} SET version = 1 WHERE version = 0 "
                                              f"AND id IN ({marks})"), params)
                marked += result.rowcount or 0  # type: ignore[attr-defined]
                session.execute(update(OutboxEntry).where(
                    OutboxEntry.table_name == table, OutboxEntry.row_id.in_(chunk), OutboxEntry.status == "pending",
                    OutboxEntry.base_version == 0).values(base_version=1))
        cursor = session.get(SyncCursor, CHANGES_FEED)
        if cursor is None:
            session.add(SyncCursor(feed=CHANGES_FEED, cursor=str(last_seq)))
        elif int(cursor.cursor or 0) < last_seq:
            cursor.cursor = str(last_seq)
    return marked


def _seed(server_url: str, device_db: Path, community: str, db_engine: Engine) -> None:
    from city_api.seed import seed_from_sqlite

    counts = seed_from_sqlite(server_url, device_db, community)
    last_seq, ids = _server_state(server_url, community)
    marked = agree_with_server(db_engine, last_seq, ids)
    log.info("demo city API seeded: %s records, %s local rows marked synced, cursor %s",
             sum(counts.values()), marked, last_seq)


def _ensure_enrolled(db_engine: Engine, server_url: str, base_url: str, community: str, tokens: TokenStore) -> None:
    with Session(db_engine) as session:
        device = load_device(session)
    if device is not None and device.server_url == base_url.rstrip("/") and tokens.get(base_url):
        return
    from city_api.database import make_engine
    from city_api.enrolment import issue_code
    from community_app.sync.enrolment import enroll

    engine = make_engine(server_url)
    try:
        with Session(engine) as session:
            code = issue_code(session, community, "office")
            session.commit()
    finally:
        engine.dispose()
    enroll(db_engine, base_url, code, DEVICE_NAME, tokens=tokens)


def _fingerprint(db_engine: Engine, community: str) -> str:
    """Names the demo database the server was seeded from: a regenerated demo gets new ids."""
    with Session(db_engine) as session:
        first = session.scalar(select(Resident.id).order_by(Resident.created_at, Resident.id).limit(1))
    return f"{community}\n{first or ''}"


def _forget_stale_server(data_dir: Path, fingerprint: str) -> bool:
    """True when the server must be seeded: never seeded, or seeded from another demo database
    (whose files are then removed: a stale copy would never agree with this one)."""
    mark = data_dir / SEEDED_MARK
    if mark.exists() and mark.read_text(encoding="utf-8") == fingerprint and (data_dir / SERVER_DB_NAME).exists():
        return False
    for name in (SERVER_DB_NAME, f"{SERVER_DB_NAME}-wal", f"{SERVER_DB_NAME}-shm", TOKEN_FILE_NAME, SEEDED_MARK):
        (data_dir / name).unlink(missing_ok=True)
    return True


def start_demo_server(db_engine: Engine, device_db: Path, data_dir: Path, *, port: int = DEMO_PORT) -> DemoServer:
    """Start (and the first time seed) the demo's city API and enrol this device with it.
    Blocking: seconds on the first start (the seed); call it on a worker thread."""
    from city_api.embedded import start_in_thread

    data_dir.mkdir(parents=True, exist_ok=True)
    community = community_code(db_engine)
    fingerprint = _fingerprint(db_engine, community)
    seed_needed = _forget_stale_server(data_dir, fingerprint)
    server_url = f"sqlite:///{data_dir / SERVER_DB_NAME}"
    base_url, stop = start_in_thread(server_url, port=port if port and _port_free(port) else 0)
    try:
        if seed_needed:
            _seed(server_url, device_db, community, db_engine)
            (data_dir / SEEDED_MARK).write_text(fingerprint, encoding="utf-8")
        tokens = FileTokenStore(data_dir / TOKEN_FILE_NAME)
        _ensure_enrolled(db_engine, server_url, base_url, community, tokens)
    except BaseException:
        stop()
        raise
    log.info("demo city API running at %s", base_url)
    return DemoServer(base_url, tokens, stop, seed_needed)
