"""Seed a community's records from a device database (the demo generator's output): every
synced table's rows at version 1 with fresh seqs, in bulk. A 200k-resident street is 1.35
million rows: the ORM's per-row work would take many minutes, so rows go to the database as
plain tuples — COPY on PostgreSQL, executemany on SQLite — with the device's stored timestamp
text reused as it is (it is already naive UTC in the format both databases read)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from city_api.database import make_engine, make_sessionmakers
from city_api.enrolment import ensure_community
from city_api.models import Record, utcnow
from city_api.store import lock_community, next_seqs
from city_api.tables import TableSpec, table_specs

BATCH = 10_000
RECORD_COLUMNS = ("community_code", "table_name", "id", "version", "seq", "data", "field_versions", "deleted_at",
                  "created_at", "updated_at", "created_by_device")
STAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime in SQLite (and the device's files)


def stamp_to_iso(text: str | None) -> str | None:
    """A stored UTC timestamp ("2026-11-24 02:00:00.000000") as the device's changes module
    sends it: datetime.isoformat() of the aware value ("2026-11-24T02:00:00+00:00")."""
    if text is None:
        return None
    if len(text) == 26 and text[10] == " " and text[19] == ".":  # the usual shape: string work only
        return (text[:10] + "T" + (text[11:19] if text.endswith(".000000") else text[11:])) + "+00:00"
    return datetime.fromisoformat(text).replace(tzinfo=UTC).isoformat()


def _converter(kind: str) -> Callable[[Any], Any] | None:
    if kind == "datetime":
        return stamp_to_iso
    if kind == "bool":
        return lambda v: None if v is None else bool(v)
    if kind == "json":
        return lambda v: json.loads(v) if isinstance(v, str) else v
    return None  # str, int, float and ISO dates are stored as they are sent


def _device_rows(conn: sqlite3.Connection, spec: TableSpec) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    present = {r[1] for r in conn.execute(f'PRAGMA table_info("{spec.name}")')}
    names = [c for c in spec.columns if c in present]
    quoted = ", ".join(f'"{c}"' for c in ["id", "created_at", "deleted_at" if "deleted_at" in present else "NULL",
                                          *names])
    return names, conn.execute(f'SELECT {quoted} FROM "{spec.name}" ORDER BY rowid')


def _community_name(conn: sqlite3.Connection, code: str) -> str:
    try:
        row = conn.execute("SELECT name FROM division WHERE code = ?", (code,)).fetchone()
    except sqlite3.OperationalError:
        row = None
    return row[0] if row else code


def seed_from_sqlite(target: Engine | str, device_db: Path, community_code: str) -> dict[str, int]:
    """Load every synced table of device_db into the community's records (created if missing,
    named after the device's division row). The community must hold no records yet.
    Returns the number of records per table."""
    engine = make_engine(target) if isinstance(target, str) else target
    src = sqlite3.connect(f"file:{Path(device_db)}?mode=ro", uri=True)
    counts: dict[str, int] = {}
    try:
        _read, write = make_sessionmakers(engine)
        with write() as session:
            ensure_community(session, community_code, _community_name(src, community_code))
            lock_community(session, community_code)
            if session.scalar(select(func.count()).select_from(Record)
                              .where(Record.community_code == community_code)):
                raise ValueError(f"community {community_code} already has records; seed only into an empty one")
            for spec in table_specs().values():
                counts[spec.name] = _seed_table(session, src, spec, community_code)
            session.commit()
    finally:
        src.close()
        if isinstance(target, str):
            engine.dispose()
    return counts


def _record_tuples(rows: Iterable[tuple[Any, ...]], names: list[str], spec: TableSpec, community_code: str,
                   first_seq: int) -> Iterator[tuple[Any, ...]]:
    """(community_code, table_name, id, version, seq, data, field_versions, deleted_at, created_at,
    updated_at, created_by_device) per device row; JSON as text, timestamps as stored text."""
    converters = [(i, conv) for i, name in enumerate(names) if (conv := _converter(spec.columns[name].kind))]
    field_versions = json.dumps(dict.fromkeys(names, 1))
    now = utcnow().strftime(STAMP_FORMAT)
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: json.dumps(**kw) builds one per call
    table, seq = spec.name, first_seq
    for row in rows:
        values = list(row[3:])
        for i, conv in converters:
            values[i] = conv(values[i])
        data = encode(dict(zip(names, values, strict=True)))
        yield (community_code, table, row[0], 1, seq, data, field_versions, row[2], row[1] or now, now, None)
        seq += 1


def _seed_table(session: Session, src: sqlite3.Connection, spec: TableSpec, community_code: str) -> int:
    try:
        total = src.execute(f'SELECT count(*) FROM "{spec.name}"').fetchone()[0]
    except sqlite3.OperationalError:  # an older device database without this table
        return 0
    if not total:
        return 0
    names, rows = _device_rows(src, spec)
    first_seq = next_seqs(session, community_code, total) - total + 1
    tuples = _record_tuples(rows, names, spec, community_code, first_seq)
    dbapi = session.connection().connection.driver_connection
    dialect = session.get_bind().dialect.name
    done = _copy_postgresql(dbapi, tuples) if dialect == "postgresql" else _executemany(dbapi, tuples)
    if done != total:  # rows added meanwhile would have no seq; the file is read-only, so this is a bug
        raise RuntimeError(f"{spec.name}: counted {total} rows, read {done}")
    return done


def _copy_postgresql(conn: Any, tuples: Iterator[tuple[Any, ...]]) -> int:
    done = 0
    with conn.cursor() as cur, cur.copy(f"COPY record ({', '.join(RECORD_COLUMNS)}) FROM STDIN") as copy:
        for row in tuples:
            copy.write_row(row)
            done += 1
    return done


def _executemany(conn: Any, tuples: Iterator[tuple[Any, ...]]) -> int:
    sql = f"INSERT INTO record ({', '.join(RECORD_COLUMNS)}) VALUES ({', '.join('?' * len(RECORD_COLUMNS))})"
    done = 0
    cur = conn.cursor()
    try:
        while batch := [row for _, row in zip(range(BATCH), tuples, strict=False)]:
            cur.executemany(sql, batch)
            done += len(batch)
    finally:
        cur.close()
    return done
