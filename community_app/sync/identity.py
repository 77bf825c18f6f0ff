"""Rows that are the same thing under two ids: a pulled record whose natural key (a category's
code, a staff username, a resident's tag) already belongs to a different local row.

- The local row was never synced (version 0) — reference data a device seeded itself, or a
  row made offline that the city already has: the local row takes the server's id (its
  outbox entries and the foreign keys pointing at it follow), then the upsert updates it.
  Its pending local fields are still kept by the pull's usual rule.
- The local row was synced under its own id: the city holds two records with one key (two
  devices created the same code offline). The pulled one cannot be stored beside it; it is
  skipped and logged (table and id only), never silently merged into the other.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, UniqueConstraint

from community_app.sync.convert import TableInfo
from db.models import Base

log = logging.getLogger(__name__)


@cache
def natural_keys(table_name: str) -> tuple[tuple[str, ...], ...]:
    table = Base.metadata.tables[table_name]
    keys = [tuple(c.name for c in con.columns) for con in table.constraints if isinstance(con, UniqueConstraint)]
    keys += [tuple(c.name for c in index.columns) for index in table.indexes if index.unique]
    return tuple(k for k in keys if k != ("id",))


@cache
def _references(table_name: str) -> tuple[tuple[str, str], ...]:
    """(table, column) of every foreign key that points at table_name.id."""
    found = []
    for table in Base.metadata.tables.values():
        assert isinstance(table, Table)
        for fk in table.foreign_keys:
            if fk.column.table.name == table_name and fk.column.name == "id" and fk.parent.table is table:
                found.append((table.name, fk.parent.name))
    return tuple(found)


def reconcile(conn: Connection, info: TableInfo, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Re-key unsynced local twins of the pulled rows; return the rows that can be upserted."""
    keys = natural_keys(info.name)
    if not keys or not rows:
        return rows
    refused: set[str] = set()
    for key in keys:
        incoming = {tuple(row.get(c) for c in key): row["id"] for row in rows}
        incoming = {k: v for k, v in incoming.items() if None not in k}
        for start in range(0, len(incoming), 300):
            chunk = list(incoming)[start:start + 300]
            cols = ", ".join(f'"{c}"' for c in key)
            marks = ", ".join(f"({', '.join('?' * len(key))})" for _ in chunk)
            found = conn.exec_driver_sql(
                f'SELECT id, version, {cols} FROM "{info.name}" WHERE ({cols}) IN (VALUES {marks})',
                tuple(v for k in chunk for v in k)).fetchall()
            for local_id, version, *values in found:
                server_id = incoming[tuple(values)]
                if local_id == server_id:
                    continue
                if version == 0 and not _exists(conn, info.name, server_id):
                    _rekey(conn, info.name, local_id, server_id)
                else:
                    refused.add(server_id)
                    log.warning("pulled %s %s skipped: its key belongs to another synced row here", info.name,
                                server_id)
    return [row for row in rows if row["id"] not in refused]


def _exists(conn: Connection, table: str, row_id: str) -> bool:
    return conn.exec_driver_sql(f'SELECT 1 FROM "{table}" WHERE id = ?', (row_id,)).first() is not None


def _rekey(conn: Connection, table: str, old: str, new: str) -> None:
    conn.exec_driver_sql(f'UPDATE "{table}" SET id = ? WHERE id = ?', (new, old))
    conn.exec_driver_sql("UPDATE sync_outbox SET row_id = ? WHERE table_name = ? AND row_id = ?", (new, table, old))
    conn.exec_driver_sql("UPDATE sync_conflict SET row_id = ? WHERE table_name = ? AND row_id = ?", (new, table, old))
    for ref_table, column in _references(table):
        conn.exec_driver_sql(f'UPDATE "{ref_table}" SET "{column}" = ? WHERE "{column}" = ?', (new, old))
