"""Writing the generated rows: the schema by the migrations, the rows by executemany of a
plain INSERT per table.

The generator hands over rows that are already what SQLite stores: timestamps as
UTCDateTime's text (db.demo.clock.stamp), dates as ISO text, JSON as text (to_json),
booleans as bool. No per-value conversion happens here: for the 1.3 million rows of the
street-sized demo, SQLAlchemy's bind processors cost most of a minute.
tests/db/test_demo.py checks that this stores exactly the bytes a Core insert() of the
same values stores. Rows come as dicts (small or much-edited tables) or as tuples in the
order of the `columns` given with them (the big tables).

Street-sized runs write in a second process (db.demo.sink): batches are marshalled here
and handed to a sender thread, so the generator goes on while the pipe is full.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from sqlalchemy import JSON, Boolean, Date, Table

from db.demo import sink
from db.migrate import create_database
from db.models import UTCDateTime

BATCH = 20_000
QUEUE_BATCHES = 12  # how far (in batches) the generator may run ahead of the writer process
_PLAIN = (str, int, float, type(None))


def create_schema(path: Path) -> None:
    create_database(path).dispose()


def to_json(value: object) -> str:
    """JSON as the app's engine stores it (Chinese stays readable in the file)."""
    return json.dumps(value, ensure_ascii=False)


def _check(table: Table, columns: Sequence[str], row: Sequence[Any]) -> None:
    """The first row of each batch: values SQLite stores as they are, of the right kind."""
    if len(row) != len(columns):
        raise ValueError(f"{table.name}: {len(row)} values for {len(columns)} columns")
    for name, value in zip(columns, row, strict=True):
        col_type = table.c[name].type
        if not isinstance(value, _PLAIN):
            raise TypeError(f"{table.name}.{name}: {type(value).__name__} given; give what SQLite stores")
        if value is not None and isinstance(col_type, UTCDateTime | Date | JSON) and not isinstance(value, str):
            raise TypeError(f"{table.name}.{name}: text expected (clock.stamp, date.isoformat, to_json)")
        if isinstance(value, bool) and not isinstance(col_type, Boolean):
            raise TypeError(f"{table.name}.{name}: bool given for a {col_type} column")


class _Sender(threading.Thread):
    """Writes framed messages to the child's stdin; the blocking write releases the GIL."""

    def __init__(self, pipe: IO[bytes]) -> None:
        super().__init__(name="demo-sink-sender", daemon=True)
        self.pipe = pipe
        self.queue: queue.Queue[tuple[bytes, bytes] | None] = queue.Queue(QUEUE_BATCHES)
        self.failed = False

    def run(self) -> None:
        while (item := self.queue.get()) is not None:
            if self.failed:
                continue  # the child is gone: drain, so put() never blocks for ever
            try:
                self.pipe.write(item[0])
                self.pipe.write(item[1])
            except OSError:
                self.failed = True
        try:
            self.pipe.close()
        except OSError:
            self.failed = True


class DemoWriter:
    """Takes rows as soon as the generator has them final and writes them, in one
    transaction: here, or in a child process (db.demo.sink) when `in_process` is False."""

    def __init__(self, path: Path, *, in_process: bool = True) -> None:
        self._statements: dict[tuple[str, tuple[str, ...]], str] = {}
        self.rows_sent = 0
        self._loader: sink.Loader | None = None
        self._child: subprocess.Popen[bytes] | None = None
        self._sender: _Sender | None = None
        if in_process:
            self._loader = sink.Loader(str(path))
        else:
            # the child must find this very `db` package, however the parent found it
            root = str(Path(sink.__file__).resolve().parents[2])
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
            self._child = subprocess.Popen([sys.executable, "-m", "db.demo.sink", str(path)],
                                           stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            assert self._child.stdin is not None
            self._sender = _Sender(self._child.stdin)
            self._sender.start()

    def _statement(self, table: Table, columns: tuple[str, ...]) -> str:
        sql = self._statements.get((table.name, columns))
        if sql is None:
            unknown = [c for c in columns if c not in table.c]
            if unknown:
                raise KeyError(f"{table.name} has no column {unknown[0]!r}")
            names = ", ".join(f'"{c}"' for c in columns)
            sql = self._statements[(table.name, columns)] = (
                f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(columns))})')
        return sql

    def put(self, table: Table, rows: Sequence[Any], *, columns: Sequence[str] | None = None,
            last: bool = True) -> None:
        """Write rows of table: dicts (keys starting with '_' are the generator's own), or
        tuples in the order of `columns`. last=False when more rows of that table follow."""
        if rows:
            if columns is None:
                columns = tuple(k for k in rows[0] if not k.startswith("_"))
                get = itemgetter(*columns)
                values = [get(r) for r in rows] if len(columns) > 1 else [(get(r),) for r in rows]
            else:
                columns = tuple(columns)
                values = rows if isinstance(rows, list) else list(rows)
            if "id" in columns:  # in id order SQLite appends to its B-trees instead of inserting
                values = sorted(values, key=itemgetter(columns.index("id")))
            self._write(table, columns, values)
        if last:  # its indexes can be built now
            self._send(("done", str(table.name)))  # marshal takes no str subclasses

    def _write(self, table: Table, columns: tuple[str, ...], values: list[Any]) -> None:
        sql = self._statement(table, columns)
        for start in range(0, len(values), BATCH):
            batch = values[start:start + BATCH]
            _check(table, columns, batch[0])
            self._send(("rows", sql, batch))
            self.rows_sent += len(batch)

    def _send(self, message: sink.Message) -> None:
        if self._loader is not None:
            self._loader.handle(message)
            return
        assert self._sender is not None
        if self._sender.failed:  # the child is gone: its stderr says why
            self._finish_child()
        self._sender.queue.put(sink.frame(message))

    def close(self) -> None:
        """Rebuild the last indexes, commit, switch to WAL; waits for the child process if
        there is one."""
        self._send(("finish",))
        if self._child is not None:
            self._finish_child()

    def _finish_child(self) -> None:
        assert self._child is not None and self._sender is not None
        if self._sender.is_alive():
            self._sender.queue.put(None)
            self._sender.join()
        err = b""
        if self._child.stderr is not None:
            with self._child.stderr:
                err = self._child.stderr.read()
        self._child.wait()
        if self._child.returncode != 0 or self._sender.failed:
            last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise RuntimeError(f"writing the demo database failed: {last[0]}")

    def abort(self) -> None:
        if self._loader is not None:
            self._loader.abort()
        elif self._child is not None:
            if self._child.poll() is None:
                self._child.kill()
            if self._sender is not None and self._sender.is_alive():
                self._sender.failed = True
                self._sender.queue.put(None)
                self._sender.join()
            self._child.wait()
            if self._child.stderr is not None:
                self._child.stderr.close()


def write_tables(path: Path, tables: Sequence[tuple[Table, Sequence[Any], Sequence[str] | None]]) -> None:
    """Write whole tables in this process (tests use this to compare with Core inserts)."""
    writer = DemoWriter(path)
    try:
        for table, rows, columns in tables:
            writer.put(table, rows, columns=columns)
    except BaseException:
        writer.abort()
        raise
    writer.close()
