"""The writing end of the demo generator: executemany of prepared rows into SQLite.

Standard library only: for a street-sized demo it runs as a process of its own
(`python -m db.demo.sink FILE`, reading framed marshal messages on stdin), so SQLite's
work happens on the second core while the generator goes on. A plain child process rather
than multiprocessing: spawn would re-import the caller's __main__. marshal rather than
pickle: the rows are tuples of str, int, float and None, which marshal writes about ten
times faster, and both ends are the same interpreter (sys.executable).

Bulk-load settings, all undone before the file is handed over: synchronous=OFF and no
rollback journal (a failed run deletes the file anyway), a big page cache, and every
secondary index and trigger dropped during the load and made again once its table is
complete, from its own CREATE text (one sort per index instead of a B-tree insert per
row); full-text indexes over the table are rebuilt then in one pass, the derived tables
(db.derived) at the end. Each table
is then ANALYZEd, so the query planner has statistics from the first start (without them
a dashboard query took minutes at street scale). The file is handed back in WAL mode.
"""

from __future__ import annotations

import marshal
import re
import sqlite3
import struct
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from db import derived

PRAGMAS = ("PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-262144",
           "PRAGMA temp_store=MEMORY")
HEADER = struct.Struct("<Q")  # the length of the marshal data that follows

# messages: ("rows", sql, rows) · ("done", table) · ("finish",)
Message = tuple[Any, ...]


class Loader:
    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
        for pragma in PRAGMAS:
            self.conn.execute(pragma)
        # table → CREATE INDEX / CREATE TRIGGER statements to run again once it is loaded
        self.indexes: dict[str, list[str]] = {}
        self.conn.execute("BEGIN")
        for kind, name, table, sql in self.conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                "AND sql IS NOT NULL ORDER BY type").fetchall():
            self.indexes.setdefault(table, []).append(sql)
            self.conn.execute(f'DROP {kind.upper()} "{name}"')
        # full-text indexes over a table (FTS5 external content): rebuilt in one pass once it is
        # loaded, instead of a trigger firing per row
        self.fulltext: dict[str, list[str]] = {}
        for name, sql in self.conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"):
            match = re.search(r"content\s*=\s*'([^']+)'", sql)
            if match:
                self.fulltext.setdefault(match.group(1), []).append(name)

    def write(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """rows: values in placeholder order, already as SQLite stores them."""
        self.conn.executemany(sql, rows)

    def table_done(self, table: str) -> None:
        """All rows of table are in: build its indexes and its statistics now, while the
        generator goes on."""
        for sql in self.indexes.pop(table, []):
            self.conn.execute(sql)
        for name in self.fulltext.pop(table, []):
            self.conn.execute(f"INSERT INTO \"{name}\"(\"{name}\") VALUES ('rebuild')")
        self.conn.execute(f'ANALYZE "{table}"')

    def finish(self) -> None:
        for table in {**self.indexes, **self.fulltext}:
            self.table_done(table)
        # made from the loaded tables, whose triggers did not fire during the load
        derived.rebuild(self.conn)
        for table in derived.TABLES:
            self.conn.execute(f'ANALYZE "{table.TABLE}"')
        self.conn.execute("COMMIT")
        self.conn.execute("PRAGMA journal_mode=WAL")  # what db.engine expects
        self.conn.close()

    def abort(self) -> None:
        self.conn.close()

    def handle(self, message: Message) -> bool:
        """Act on one message; True once the file is finished."""
        kind = message[0]
        if kind == "rows":
            self.write(message[1], message[2])
        elif kind == "done":
            self.table_done(message[1])
        elif kind == "finish":
            self.finish()
            return True
        else:
            raise ValueError(f"unknown message {kind!r}")
        return False


def frame(message: Message) -> tuple[bytes, bytes]:
    """The header and the body that carry message down the pipe."""
    body = marshal.dumps(message)
    return HEADER.pack(len(body)), body


def messages(stream: BinaryIO) -> Iterator[Message]:
    """Messages until the end of the stream."""
    while head := stream.read(HEADER.size):
        (size,) = HEADER.unpack(head)
        body = stream.read(size)
        if len(body) != size:
            raise EOFError("the generator stopped in the middle of a message")
        yield marshal.loads(body)


def main() -> int:
    """Child process: messages on stdin until ("finish",); errors on stderr. The stream
    ending before that means the generator failed: the file is left unfinished."""
    loader = Loader(sys.argv[1])
    try:
        for message in messages(sys.stdin.buffer):
            if loader.handle(message):
                return 0
    except BaseException:
        loader.abort()
        raise
    loader.abort()
    print("the generator stopped before the end", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
