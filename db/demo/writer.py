"""Writing the generated rows: the schema by the migrations, the rows by executemany of
each model table's INSERT statement as compiled by SQLAlchemy Core.

Values are converted to what the column types would bind (UTCDateTime → naive-UTC text,
Date → ISO text, Boolean → 0/1, JSON → text) by `bind_converters`, in bulk, instead of
through SQLAlchemy's per-value processors: the 1.3 million rows of the street-sized demo
spend most of a minute there otherwise. Timestamps leave here as integer microseconds
and become text in db.demo.sink. tests/db/test_demo.py checks that this stores exactly
the bytes a Core insert() stores. Street-sized runs write in a second process (the sink).
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Table, insert
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Dialect

from db.demo import sink
from db.migrate import create_database
from db.models import UTCDateTime

Row = dict[str, Any]
Converter = Callable[[Any], Any]
BATCH = 20_000


def create_schema(path: Path) -> None:
    create_database(path).dispose()


def to_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)  # Chinese stays readable in the file


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def utc_micros(value: datetime) -> int:
    """Microseconds since the epoch; the sink turns them into UTCDateTime's text. Integers
    travel to the writer process far cheaper than datetimes, and formatting happens there."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given; the database stores UTC — pass an aware datetime")
    return (value - _EPOCH) // _MICROSECOND


def _date_text(value: date) -> str:
    return value.isoformat()


def _json_text(value: object) -> str:
    if value is None:
        raise ValueError("JSON columns of the demo are never None")  # SQLAlchemy would store 'null'
    return to_json(value)


def bind_converters(table: Table, keys: Sequence[str], dialect: Dialect) -> list[tuple[int, Converter]]:
    """(position, converter) for every column in keys whose type changes the value on bind."""
    out: list[tuple[int, Converter]] = []
    for i, key in enumerate(keys):
        col_type = table.c[key].type
        conv: Converter | None
        if isinstance(col_type, UTCDateTime):
            conv = utc_micros
        elif isinstance(col_type, Date):
            conv = _date_text
        elif isinstance(col_type, Boolean):
            conv = int
        elif isinstance(col_type, JSON):
            conv = _json_text
        else:  # anything else: SQLAlchemy's own processor, if the type has one
            conv = col_type._cached_bind_processor(dialect)
        if conv is not None:
            out.append((i, conv))
    return out


def as_tuples(rows: Sequence[Row], keys: Sequence[str], converters: list[tuple[int, Converter]]) -> list[list[Any]]:
    """Rows as value lists in placeholder order, converted (the sink finishes timestamps)."""
    getter = itemgetter(*keys)
    out = []
    for r in rows:
        values = list(getter(r)) if len(keys) > 1 else [getter(r)]
        for i, conv in converters:
            v = values[i]
            if v is not None:
                values[i] = conv(v)
        out.append(values)
    return out


class DemoWriter:
    """Takes (table, rows) as soon as the generator has them final and writes them, in one
    transaction: here, or in a child process (db.demo.sink) when `in_process` is False."""

    def __init__(self, path: Path, *, in_process: bool = True) -> None:
        self._dialect = sqlite.dialect()
        self._compiled: dict[str, tuple[str, list[str], list[tuple[int, Converter]], list[int]]] = {}
        self.rows_sent = 0
        self._loader: sink.Loader | None = None
        self._child: subprocess.Popen[bytes] | None = None
        if in_process:
            self._loader = sink.Loader(str(path))
        else:
            # the child must find this very `db` package, however the parent found it
            root = str(Path(sink.__file__).resolve().parents[2])
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
            self._child = subprocess.Popen([sys.executable, "-m", "db.demo.sink", str(path)],
                                           stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env)

    def _statement(self, table: Table, rows: list[Row]) -> tuple[str, list[str], list[tuple[int, Converter]],
                                                                  list[int]]:
        if table.name not in self._compiled:
            keys = [k for k in rows[0] if k in table.c]  # '_…' keys are the generator's own
            compiled = insert(table).compile(dialect=self._dialect, column_keys=keys)
            keys = list(compiled.positiontup or keys)  # the order of the ? placeholders
            converters = bind_converters(table, keys, self._dialect)
            stamps = [i for i, conv in converters if conv is utc_micros]
            self._compiled[table.name] = (str(compiled), keys, converters, stamps)
        return self._compiled[table.name]

    def put(self, table: Table, rows: list[Row], *, last: bool = True) -> None:
        """Write rows of table; last=False when more rows of that table will follow."""
        if rows:
            self._put(table, rows)
        if last:  # its indexes can be built now
            if self._loader is not None:
                self._loader.table_done(table.name)
            else:
                self._send(table.name)

    def _put(self, table: Table, rows: list[Row]) -> None:
        sql, keys, converters, stamps = self._statement(table, rows)
        for start in range(0, len(rows), BATCH):
            batch = as_tuples(rows[start:start + BATCH], keys, converters)
            if self._loader is not None:
                self._loader.write(sql, batch, stamps)
            else:
                self._send((sql, batch, stamps))
            self.rows_sent += len(batch)

    def _send(self, message: object) -> None:
        assert self._child is not None and self._child.stdin is not None
        try:
            pickle.dump(message, self._child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:  # the child is gone: its stderr says why
            self._finish_child()

    def close(self) -> None:
        """Rebuild indexes, commit, switch to WAL; waits for the child process if there is one."""
        if self._loader is not None:
            self._loader.finish()
        else:
            self._send(None)
            self._finish_child()

    def _finish_child(self) -> None:
        assert self._child is not None
        try:
            _out, err = self._child.communicate()
        except OSError:  # stdin already broken
            err = self._child.stderr.read() if self._child.stderr else b""
            self._child.wait()
        if self._child.returncode != 0:
            last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise RuntimeError(f"writing the demo database failed: {last[0]}")

    def abort(self) -> None:
        if self._loader is not None:
            self._loader.abort()
        elif self._child is not None and self._child.poll() is None:
            self._child.kill()
            self._child.wait()


def write_tables(path: Path, tables: Sequence[tuple[Table, list[Row]]]) -> None:
    """Write whole tables in this process (tests use this to compare with Core inserts)."""
    writer = DemoWriter(path)
    try:
        for table, rows in tables:
            writer.put(table, rows)
    except BaseException:
        writer.abort()
        raise
    writer.close()
