"""Writing new residents in bulk, row for row what core.residents.create_resident stores.

create_resident flushes the ORM once per resident and once per tag, which at 100,000 rows
takes minutes. This writes the same rows with executemany instead:

- the resident row (status active, search columns from db.search_keys) and an outbox
  "insert" entry with every synced column, as core.changes.insert queues it;
- one resident_tag row per tag, each with its own outbox "insert" entry;
- for a 户主, the household's head_resident_id and an outbox "update" entry, as
  create_resident's _follow_household_head does (the last 户主 of a household wins);

in the order create_resident would queue them, with values stored through the columns'
own SQLAlchemy types (same text for times, dates and JSON). tests/core/importing/
test_writer.py compares the result with create_resident's, column by column.

The full-text index (db.search_index) is kept by an AFTER INSERT trigger, which costs
~150 µs a row; filling the index with one INSERT … SELECT per batch of rows costs a tenth
of that. So the trigger is dropped for the bulk insert and re-created from its stored SQL,
all inside the import's transaction: a rollback restores it with everything else. The derived
tables' triggers (db.derived: the visit watch ≈10 µs a tag, the resident tally) are dropped too, and
the tables made again in one pass at the end.

In the same way a large import (at least half as many rows as the register has, see
_rebuilds_indexes) drops the secondary indexes of resident, resident_tag and sync_outbox
and builds them again (bulk_indexes.py): ~1 µs a row per index instead of ~3. The writing
thread builds them when 80% of the rows the file announces are written, while the rest is
still being read, so the wait after the last row stays short; the last rows go into the
indexes one by one.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import Column, inspect, select
from sqlalchemy.orm import Session

from community_app.core.importing.bulk_indexes import DroppedIndexes
from community_app.core.residents.inputs import ACTIVE, HEAD_RELATION, ResidentInput
from db import derived, search_index
from db.models import Building, Household, OutboxEntry, Resident, ResidentTag, utcnow
from db.search_keys import name_keys, number_keys, sort_key

_BOOKKEEPING = ("id", "version", "created_at", "updated_at")
CACHE_KIB = 64 * 1024
REBUILD_MIN_ROWS = 5000  # below this, re-creating the indexes costs more than it saves
# the indexes are built again once this share of the expected rows is written, while the
# rest of the file is still read: the last rows go into the indexes one by one
REBUILD_AT = 0.8
_BULK_TABLES = ("resident", "resident_tag", "sync_outbox")


def _synced_keys(model: Any) -> list[str]:
    """The columns core.changes.insert puts in an outbox entry, in its order."""
    local = getattr(model, "local_columns", frozenset())
    return [c.key for c in inspect(model).column_attrs if c.key not in _BOOKKEEPING and c.key not in local]


def _processor(column: Column[Any], dialect: Any) -> Callable[[Any], Any]:
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    assert processor is not None
    return processor


class _Table:
    """An executemany INSERT for a table; rows are tuples in `names` order."""

    def __init__(self, model: Any, skip: tuple[str, ...] = ()) -> None:
        self.table = model.__tablename__
        self.names = [c.name for c in model.__table__.columns if c.name not in skip]
        self.rows: list[tuple[Any, ...]] = []

    def use_order(self, names: tuple[str, ...]) -> None:
        self.names = list(names)

    @property
    def sql(self) -> str:
        return f"INSERT INTO {self.table} ({', '.join(self.names)}) VALUES ({', '.join('?' * len(self.names))})"


_RESIDENT_COLUMNS = ("id", "version", "created_at", "updated_at", "deleted_at", "name", "sex", "id_number", "id_type",
                     "birth_date", "phone", "ethnicity", "residence_type", "household_id", "relation_to_head",
                     "status", "grid_cell_id", "community_code", "notes", "search_names", "search_numbers",
                     "search_sort")
_TAG_COLUMNS = ("id", "version", "created_at", "updated_at", "deleted_at", "resident_id", "tag_code", "note")
# what add() puts in outbox entries, in core.changes.insert's order (the mapper's)
_RESIDENT_SYNCED = ["name", "sex", "id_number", "id_type", "birth_date", "phone", "ethnicity", "residence_type",
                    "household_id", "relation_to_head", "status", "grid_cell_id", "community_code", "notes",
                    "deleted_at"]
_TAG_SYNCED = ["resident_id", "tag_code", "note", "deleted_at"]
_OUTBOX_COLUMNS = ("mutation_id", "table_name", "row_id", "op", "base_version", "changes", "status", "attempts",
                   "last_error", "created_at")


def _check_layouts(residents: _Table, tags: _Table, outbox: _Table, synced: list[str]) -> None:
    """add() builds rows as tuples in these column orders; a changed model must change it too."""
    expected = {"resident": (sorted(residents.names), sorted(_RESIDENT_COLUMNS)),
                "resident_tag": (sorted(tags.names), sorted(_TAG_COLUMNS)),
                "sync_outbox": (sorted(outbox.names), sorted(_OUTBOX_COLUMNS)),
                "resident outbox entry": (synced, _RESIDENT_SYNCED),
                "resident_tag outbox entry": (_synced_keys(ResidentTag), _TAG_SYNCED)}
    for what, (actual, wanted) in expected.items():
        if actual != wanted:
            raise RuntimeError(f"BulkWriter is out of step with the {what} columns: {actual} != {wanted}")
    residents.use_order(_RESIDENT_COLUMNS)
    tags.use_order(_TAG_COLUMNS)
    outbox.use_order(_OUTBOX_COLUMNS)


class _JsonObject:
    """json.dumps of a dict with these keys, in this order, whose values are text or None:
    the same text, made by filling a template (a third of the time, with no dict made).
    Any other value goes through json.dumps itself."""

    def __init__(self, keys: Sequence[str]) -> None:
        if any("%" in k for k in keys):
            raise ValueError("keys are column names")
        self._template = "{" + ", ".join(f"{json.dumps(k)}: %s" for k in keys) + "}"
        self._count = len(keys)

    def __call__(self, values: Sequence[str | None]) -> str:
        if len(values) != self._count:
            raise ValueError(f"{self._count} values expected, {len(values)} given")
        return self._template % tuple([encode_basestring_ascii(v) if isinstance(v, str) else
                                       "null" if v is None else json.dumps(v) for v in values])


class _Ids:
    """uuid7 strings (db.ids.uuid7's layout: ms timestamp, version 7, variant 10, random
    bits), made a batch at a time: one clock read and one urandom call per batch."""

    def __init__(self) -> None:
        self._ready: list[str] = []

    def __call__(self) -> str:
        if not self._ready:
            self._ready = self._batch(256)
        return self._ready.pop()

    @staticmethod
    def _batch(count: int) -> list[str]:
        # bytes, not big integers: 100,000 residents take ~300,000 ids (with outbox entries)
        stamp = (time.time_ns() // 1_000_000 & 0xFFFF_FFFF_FFFF).to_bytes(6, "big").hex()
        noise = bytearray(os.urandom(10 * count))
        noise[0::10] = bytes(0x70 | b & 0x0F for b in noise[0::10])  # version 7, then 12 bits of rand_a
        noise[2::10] = bytes(0x80 | b & 0x3F for b in noise[2::10])  # variant 10, then 62 bits of rand_b
        h = noise.hex()
        head = f"{stamp[:8]}-{stamp[8:]}-"
        out = [f"{head}{h[i:i + 4]}-{h[i + 4:i + 8]}-{h[i + 8:i + 20]}" for i in range(0, 20 * count, 20)]
        out.reverse()  # pop() hands them out in the order made
        return out


class BulkWriter:
    """Collects new residents; flush() writes them with a few executemany calls, finish()
    updates household heads and the search index. Call both inside one transaction."""

    CLOCK_EVERY = 256  # rows written within one clock reading share their timestamps

    def __init__(self, session: Session, households: dict[str, tuple[str | None, int]], *,
                 expected_rows: int = 0) -> None:
        """households: id -> (head_resident_id, version) of every household rows may name;
        expected_rows: about how many residents will be added (decides the index rebuild)."""
        self.session = session
        self.expected_rows = expected_rows
        self._households = dict(households)
        self._heads_changed: dict[str, str] = {}
        dialect = session.get_bind().dialect
        self._stamp = _processor(Household.__table__.c.updated_at, dialect)
        self._residents = _Table(Resident)
        self._tags = _Table(ResidentTag)
        self._outbox = _Table(OutboxEntry, skip=("seq",))
        self._resident_keys = _synced_keys(Resident)
        self._date = _processor(Resident.__table__.c.birth_date, dialect)
        self._json = _processor(OutboxEntry.__table__.c.changes, dialect)
        self._resident_json = _JsonObject(_RESIDENT_SYNCED)
        self._tag_json = _JsonObject(_TAG_SYNCED)
        _check_layouts(self._residents, self._tags, self._outbox, self._resident_keys)
        self._names: dict[str, tuple[str | None, str]] = {}  # name -> (search_names, search_sort)
        self._births: dict[date, tuple[str, str]] = {}  # -> (as stored, as in the outbox)
        self._ids = _Ids()
        self._now = ""
        self._trigger_sql: str | None = None
        self._derived_suspended = False  # db.derived's triggers, dropped for the load
        self._started = False
        self._indexed_to = 0  # the first resident rowid not yet in the search index
        # (rows for each INSERT, whether to build the dropped indexes again after them)
        self._batches: queue.Queue[tuple[list[tuple[str, list[tuple[Any, ...]]]], bool] | None] = queue.Queue(
            maxsize=2)
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._cache_size: int | None = None
        self._indexes = DroppedIndexes()  # built again by finish()
        self._finishing = False
        self._rebuild_sent = False
        self.written = 0

    @property
    def pending(self) -> int:
        """Residents queued since the last flush."""
        return len(self._residents.rows)

    def known_household(self, household_id: str) -> None:
        """A household created during the import (no head yet, never synced)."""
        self._households.setdefault(household_id, (None, 0))

    def _name_keys(self, name: str) -> tuple[str | None, str]:
        keys = self._names.get(name)
        if keys is None:  # db.search_keys.derived_columns, the name's part (names repeat)
            keys = self._names[name] = (name_keys(name) or None, sort_key(name))
        return keys

    def add(self, data: ResidentInput, household_id: str | None = None, grid_cell_id: str | None = None) -> str:
        """Queue a checked record living in that household and grid cell (data's own when
        not given); returns the id it will have."""
        household_id = household_id or data.household_id
        grid_cell_id = grid_cell_id or data.grid_cell_id
        if self.written % self.CLOCK_EVERY == 0:
            self._now = self._stamp(utcnow())
        now = self._now
        resident_id = self._ids()
        names, sort = self._name_keys(data.name)
        birth = data.birth_date
        stored_birth = json_birth = None
        if birth is not None:
            known = self._births.get(birth)  # people share birthdays: each is formatted once
            if known is None:
                known = self._births[birth] = (self._date(birth), birth.isoformat())
            stored_birth, json_birth = known
        self._residents.rows.append((
            resident_id, 0, now, now, None, data.name, data.sex, data.id_number, data.id_type,
            stored_birth, data.phone, data.ethnicity, data.residence_type,
            household_id, data.relation_to_head, ACTIVE, grid_cell_id, data.community_code, data.notes,
            names, number_keys(data.id_number, data.phone) or None, sort))
        # every synced column, in the mapper's order, as core.changes.insert lists them
        changes = self._resident_json((
            data.name, data.sex, data.id_number, data.id_type, json_birth,
            data.phone, data.ethnicity, data.residence_type, household_id, data.relation_to_head, ACTIVE,
            grid_cell_id, data.community_code, data.notes, None))
        self._queue("resident", resident_id, "insert", 0, changes, now)
        for code in data.tags:
            tag_id = self._ids()
            self._tags.rows.append((tag_id, 0, now, now, None, resident_id, code, None))
            self._queue("resident_tag", tag_id, "insert", 0, self._tag_json((resident_id, code, None, None)), now)
        household = household_id
        if household is not None and data.relation_to_head == HEAD_RELATION:
            head, version = self._households[household]
            if head != resident_id:
                self._households[household] = (resident_id, version)
                self._heads_changed[household] = resident_id
                self._queue("household", household, "update", version,
                            self._json({"head_resident_id": resident_id}), now)
        self.written += 1
        return resident_id

    def _queue(self, table: str, row_id: str, op: str, base_version: int, changes: str, now: str) -> None:
        """An outbox entry; changes: its JSON text."""
        self._outbox.rows.append((self._ids(), table, row_id, op, base_version, changes, "pending", 0,
                                  None, now))

    def _raw(self) -> Any:
        return self.session.connection().connection.driver_connection

    def _suspend_index_trigger(self) -> None:
        raw = self._raw()
        if not raw.in_transaction:
            # pysqlite opens its implicit transaction only before DML: the DROP must not
            # run (and commit) on its own
            raw.execute("BEGIN")
        name = next(n for n in search_index.TRIGGER_NAMES if n.endswith("_ai"))
        found = raw.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)).fetchone()
        self._indexed_to = raw.execute(
            f"SELECT coalesce(max(rowid), 0) + 1 FROM {search_index.CONTENT_TABLE}").fetchone()[0]
        if found is not None:
            self._trigger_sql = found[0]
            raw.execute(f"DROP TRIGGER {name}")
        derived.suspend(raw)
        self._derived_suspended = True
        # ten indexes on resident: with SQLite's default 2 MB page cache, inserting 100k rows
        # spends a third of its time re-reading index pages
        self._cache_size = raw.execute("PRAGMA cache_size").fetchone()[0]
        raw.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        if self._rebuilds_indexes(raw):
            self._indexes.drop(raw, _BULK_TABLES)

    def _rebuilds_indexes(self, raw: Any) -> bool:
        """Worth it when the import adds at least half as many residents as there are. Decided
        at the first flush: when that is finish()'s, every row is known (a file's <dimension>
        can claim far more rows than it has)."""
        expected = self.written if self._finishing else max(self.expected_rows, self.written)
        if expected < REBUILD_MIN_ROWS:
            return False
        present = raw.execute(f"SELECT count(*) FROM {search_index.CONTENT_TABLE}").fetchone()[0]
        return bool(expected * 2 >= present)

    def flush(self) -> None:
        """Hand the queued rows to the writing thread (in the session's transaction) and start
        a new batch. The thread runs the executemany calls while this thread builds the next
        batch: SQLite works without holding the GIL. Call sync() before using the session."""
        if not self._started:
            self._suspend_index_trigger()
            self._started = True
            self._thread = threading.Thread(target=self._write_batches, args=(self._raw(),),
                                            name="import-writer", daemon=True)
            self._thread.start()
        self._raise_failure()
        batch = [(table.sql, table.rows) for table in (self._residents, self._tags, self._outbox) if table.rows]
        for table in (self._residents, self._tags, self._outbox):
            table.rows = []
        rebuild = (not self._rebuild_sent and bool(self._indexes.names) and not self._finishing
                   and self.written >= self.expected_rows * REBUILD_AT)
        self._rebuild_sent |= rebuild
        if batch or rebuild:
            self._batches.put((batch, rebuild))

    def _write_batches(self, raw: Any) -> None:
        while True:
            item = self._batches.get()
            try:
                if item is None:
                    return
                batch, rebuild = item
                if self._failure is None:
                    for sql, rows in batch:
                        raw.executemany(sql, rows)
                    if self._trigger_sql is not None:
                        self._index_new_rows(raw)
                    if rebuild:
                        self._indexes.restore(raw)
            except BaseException as exc:  # handed to the importing thread, which rolls back
                self._failure = exc
            finally:
                self._batches.task_done()

    def _index_new_rows(self, raw: Any) -> None:
        """The search index rows of the residents inserted since the last call, in one statement
        (what the dropped trigger would have done row by row)."""
        last = raw.execute(f"SELECT max(rowid) FROM {search_index.CONTENT_TABLE}").fetchone()[0] or 0
        if last >= self._indexed_to:
            raw.execute(
                f"INSERT INTO {search_index.FTS_TABLE}(rowid, search_names, search_numbers) "
                f"SELECT rowid, search_names, search_numbers FROM {search_index.CONTENT_TABLE} "
                "WHERE rowid BETWEEN ? AND ?", (self._indexed_to, last))
            self._indexed_to = last + 1

    def _raise_failure(self) -> None:
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure

    def sync(self) -> None:
        """Wait until every batch handed over is written; raises what the writing failed with."""
        if self._thread is not None:
            self._batches.join()
        self._raise_failure()

    def stop(self) -> None:
        """Stop the writing thread (after a batch in progress); what was written stays in the
        transaction for the caller to commit or roll back."""
        if self._thread is not None:
            self._batches.put(None)
            self._thread.join()
            self._thread = None

    def finish(self) -> None:
        """Everything written, household heads updated, the search index trigger back."""
        self._finishing = True
        self.flush()
        self.sync()
        self.stop()
        raw = self._raw()
        if self._heads_changed:
            now = self._stamp(utcnow())
            raw.executemany("UPDATE household SET head_resident_id = ?, updated_at = ? WHERE id = ?",
                            [(head, now, hid) for hid, head in self._heads_changed.items()])
            self._heads_changed = {}
        self._indexes.restore(raw)
        if self._trigger_sql is not None:
            raw.execute(self._trigger_sql)  # flush() indexed every row it wrote
            self._trigger_sql = None
        if self._derived_suspended:
            derived.resume(raw)
            self._derived_suspended = False
        self.restore()

    def restore(self) -> None:
        """Stop writing and give the connection its page cache size back (also on the way to
        a rollback)."""
        self.stop()
        self._failure = None
        if self._cache_size is not None:
            self._raw().execute(f"PRAGMA cache_size = {int(self._cache_size)}")
            self._cache_size = None


def household_heads(session: Session, community_code: str) -> dict[str, tuple[str | None, int]]:
    """(head_resident_id, version) of the community's households, for BulkWriter (one query)."""
    return {hid: (head, version) for hid, head, version in session.execute(
        select(Household.id, Household.head_resident_id, Household.version)
        .join(Building, Building.id == Household.building_id)
        .where(Building.community_code == community_code, Household.deleted_at.is_(None)))}
