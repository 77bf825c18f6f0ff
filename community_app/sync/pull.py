"""Applying the changes feed: each page and its cursor in ONE local transaction.

- Bulk: one executemany upsert per table and page (raw SQLite values, no ORM objects).
- Pulled rows never write the outbox: they are the city's state, not local changes.
- A field with a local change still waiting (outbox entry pending, in conflict or rejected) is
  kept: the server merges it or reports a conflict when it arrives; the row's version then stays
  as it was, so a later local edit cannot claim to have seen the server's value of that field.
- A newer local version is never overwritten by an older copy (upsert … WHERE version <=).
- Residents get their derived search columns (db.search_keys); the FTS index and the derived
  tables (db.derived) follow by their triggers — except in a big first sync (engine.BULK_MIN
  records or more), where the triggers are dropped inside each page's transaction and both
  rebuilt once at the end (a marker row in sync_cursor says a rebuild is owed, so a process
  killed midway is repaired by the next sync, or by repair_derived_tables() at start).
- A record the local schema refuses (a unique key the city holds twice) is skipped and logged
  by table and id; the feed never blocks on it (see also community_app.sync.identity).
- Foreign keys are not checked while applying: the feed is ordered by server sequence, not by
  dependency, so a page may hold a resident whose household comes in a later page.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from community_app.sync.convert import TableInfo, storage_values, table_info
from community_app.sync.identity import reconcile
from db import derived, search_index
from db.models import utcnow
from db.search_keys import SEARCH_COLUMNS, name_keys, number_keys, sort_key

log = logging.getLogger(__name__)

FEED = "changes"
REBUILD_MARKER = "search_index_rebuild"
PROTECTING = ("pending", "conflict", "rejected")
_CHUNK = 500  # SQLite's bound-parameter limit is generous, but IN lists stay short


@dataclass(frozen=True)
class PageResult:
    applied: int  # records written
    kept_fields: int  # records whose pending local fields were kept
    skipped: int  # records of tables this app does not know


def read_cursor(conn: Connection) -> int:
    row = conn.exec_driver_sql("SELECT cursor FROM sync_cursor WHERE feed = ?", (FEED,)).first()
    return int(row[0]) if row else 0


def _write_cursor(conn: Connection, feed: str, value: str) -> None:
    conn.exec_driver_sql(
        "INSERT INTO sync_cursor (feed, cursor, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(feed) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at",
        (feed, value, _now()))


def _now() -> str:
    return utcnow().replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


class _NameKeys:
    """name → (search_names, search_sort), cached: a community's 200k residents share ~70k names."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str | None, str]] = {}

    def derive(self, name: str | None, id_number: str | None, phone: str | None) -> tuple[Any, Any, Any]:
        name = name or ""
        keys = self._cache.get(name)
        if keys is None:
            keys = self._cache[name] = (name_keys(name) or None, sort_key(name))
        return keys[0], number_keys(id_number, phone) or None, keys[1]


_NAMES = _NameKeys()


def _protected(conn: Connection, ids: list[str]) -> dict[tuple[str, str], set[str]]:
    """(table, row id) → fields with a local change the server has not accepted yet."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    marks = ", ".join("?" * len(PROTECTING))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        rows = conn.exec_driver_sql(
            f"SELECT table_name, row_id, changes FROM sync_outbox WHERE status IN ({marks}) "
            f"AND row_id IN ({', '.join('?' * len(chunk))})", (*PROTECTING, *chunk)).fetchall()
        for table, row_id, changes in rows:
            found[(table, row_id)].update(json.loads(changes))
    return found


def _columns(info: TableInfo) -> list[str]:
    extra = list(SEARCH_COLUMNS) if info.name == search_index.CONTENT_TABLE else []
    return ["id", "version", "created_at", "updated_at", "deleted_at", *info.synced, *extra]


def _record_values(info: TableInfo, change: dict[str, Any], now: str) -> dict[str, Any]:
    data = change.get("data") or {}
    values = {name: info.defaults.get(name) for name in info.synced}
    values.update(storage_values(info, data))
    store = info.store
    values["id"] = change["id"]
    values["version"] = int(change["version"])
    values["created_at"] = store["created_at"](data["created_at"]) if data.get("created_at") else now
    values["updated_at"] = store["updated_at"](data["updated_at"]) if data.get("updated_at") else now
    deleted = change.get("deleted_at", data.get("deleted_at"))
    values["deleted_at"] = store["deleted_at"](deleted) if deleted else None
    if info.name == search_index.CONTENT_TABLE:
        values.update(zip(SEARCH_COLUMNS, _NAMES.derive(values.get("name"), values.get("id_number"),
                                                        values.get("phone")), strict=True))
    return values


def _upsert(conn: Connection, info: TableInfo, rows: list[dict[str, Any]]) -> None:
    columns = _columns(info)
    quoted = [f'"{c}"' for c in columns]
    # search columns are not in the update: naming them would fire the index trigger for every
    # row (a delete and an insert in the FTS index, ~1 ms each); _refresh_search_keys touches
    # only the rows whose keys really changed
    updates = ", ".join(f"{q} = excluded.{q}" for c, q in zip(columns, quoted, strict=True)
                        if c not in ("id", "created_at", *SEARCH_COLUMNS))
    sql = (f'INSERT INTO "{info.name}" ({", ".join(quoted)}) VALUES ({", ".join("?" * len(columns))}) '
           f'ON CONFLICT(id) DO UPDATE SET {updates} WHERE excluded.version >= "{info.name}".version')
    conn.exec_driver_sql(sql, [tuple(row[c] for c in columns) for row in rows])  # type: ignore[arg-type]
    if info.name == search_index.CONTENT_TABLE:
        _refresh_search_keys(conn, rows)


def _upsert_guarded(conn: Connection, info: TableInfo, rows: list[dict[str, Any]]) -> int:
    """_upsert in a savepoint; if SQLite refuses the batch (a record breaking a local constraint the
    server does not know), apply the rows one by one and skip the refused ones, so one bad record
    never blocks the feed. Returns how many were skipped (each logged by table and id only)."""
    conn.exec_driver_sql("SAVEPOINT pull_batch")
    try:
        _upsert(conn, info, rows)
    except IntegrityError:
        conn.exec_driver_sql("ROLLBACK TO pull_batch")
    else:
        conn.exec_driver_sql("RELEASE pull_batch")
        return 0
    skipped = 0
    for row in rows:
        conn.exec_driver_sql("SAVEPOINT pull_row")
        try:
            _upsert(conn, info, [row])
        except IntegrityError as exc:
            conn.exec_driver_sql("ROLLBACK TO pull_row")
            skipped += 1
            log.warning("pulled %s %s skipped: refused by the local database (%s)", info.name, row["id"],
                        str(exc.orig).split(":")[0])
        conn.exec_driver_sql("RELEASE pull_row")
    conn.exec_driver_sql("RELEASE pull_batch")
    return skipped


def _refresh_search_keys(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Set the derived search columns of updated residents where they differ (inserted rows have them)."""
    conn.exec_driver_sql(
        "UPDATE resident SET search_names = ?, search_numbers = ?, search_sort = ? WHERE id = ? AND "
        "(search_names IS NOT ? OR search_numbers IS NOT ? OR search_sort IS NOT ?) AND version = ?",
        [(r["search_names"], r["search_numbers"], r["search_sort"], r["id"], r["search_names"],  # type: ignore[arg-type]
          r["search_numbers"], r["search_sort"], r["version"]) for r in rows])


def _merge_kept(conn: Connection, info: TableInfo, row: dict[str, Any], kept: set[str]) -> None:
    """Write the server's values except the fields with a local change waiting; keep the version."""
    exists = conn.exec_driver_sql(f'SELECT 1 FROM "{info.name}" WHERE id = ?', (row["id"],)).first()
    if exists is None:  # (an outbox entry of a row that is gone locally should not happen) take it whole
        _upsert(conn, info, [row])
        return
    names = [c for c in (*info.synced, "deleted_at") if c not in kept]
    if names:
        assignments = ", ".join(f'"{c}" = ?' for c in names)
        conn.exec_driver_sql(f'UPDATE "{info.name}" SET {assignments} WHERE id = ?',
                             (*[row[c] for c in names], row["id"]))
    if info.name == search_index.CONTENT_TABLE:
        name, id_number, phone = conn.exec_driver_sql(
            "SELECT name, id_number, phone FROM resident WHERE id = ?", (row["id"],)).one()
        conn.exec_driver_sql("UPDATE resident SET search_names = ?, search_numbers = ?, search_sort = ? "
                             "WHERE id = ?", (*_NAMES.derive(name, id_number, phone), row["id"]))


def apply_page(conn: Connection, changes: Iterable[dict[str, Any]], next_cursor: int) -> PageResult:
    """Apply one page and store the cursor; the caller holds the transaction. The cursor is
    written first: the transaction then holds SQLite's write lock before it reads which fields
    have local changes waiting, so an edit cannot slip in between."""
    _write_cursor(conn, FEED, str(next_cursor))
    now = _now()
    by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
    skipped = 0
    for change in changes:
        by_table[change["table"]].append(change)
    applied = kept_count = 0
    for table, rows in by_table.items():
        info = table_info(table)
        if info is None:
            skipped += len(rows)
            continue
        plain: list[dict[str, Any]] = []
        records = reconcile(conn, info, [_record_values(info, change, now) for change in rows])
        skipped += len(rows) - len(records)
        protected = _protected(conn, [r["id"] for r in records])  # after reconcile: re-keyed rows' entries follow
        for values in records:
            kept = protected.get((table, values["id"]))
            if kept:
                _merge_kept(conn, info, values, kept)
                kept_count += 1
            else:
                plain.append(values)
        if plain:
            skipped += _upsert_guarded(conn, info, plain)
        applied += len(records)
    return PageResult(applied, kept_count, skipped)


def _trigger_names(conn: Connection) -> set[str]:
    return {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def rebuild_owed(conn: Connection) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM sync_cursor WHERE feed = ?", (REBUILD_MARKER,)).first() is not None


def suspend_derived_upkeep(conn: Connection) -> None:
    """Inside a page's transaction: stop keeping the search index and the derived tables row by
    row and owe one rebuild of them."""
    for name in search_index.TRIGGER_NAMES:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    derived.suspend(conn)
    _write_cursor(conn, REBUILD_MARKER, "owed")


def repair_derived_tables(engine: Engine) -> bool:
    """If a bulk first sync left the search index and the derived tables owed (finished, cancelled
    or killed), rebuild them and put their triggers back, in one transaction. Returns True when it
    did."""
    with engine.begin() as conn:
        have = _trigger_names(conn)
        if not rebuild_owed(conn) and set(search_index.TRIGGER_NAMES) | derived.TRIGGER_NAMES <= have:
            return False
        search_index.rebuild(conn)
        for name, sql in zip(search_index.TRIGGER_NAMES, search_index.TRIGGERS, strict=True):
            if name not in have:
                conn.exec_driver_sql(sql)
        derived.resume(conn)
        conn.exec_driver_sql("DELETE FROM sync_cursor WHERE feed = ?", (REBUILD_MARKER,))
    return True
