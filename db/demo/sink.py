"""The writing end of the demo generator: executemany of prepared rows into SQLite.

Standard library only: for a street-sized demo it runs as a process of its own
(`python -m db.demo.sink FILE`, reading pickled batches on stdin), so SQLite's work
happens on the second core while the generator goes on. A plain child process rather
than multiprocessing: spawn would re-import the caller's __main__.

Bulk-load settings, all undone before the file is handed over: synchronous=OFF and no
rollback journal (a failed run deletes the file anyway), a big page cache, and every
secondary index dropped during the load and rebuilt at the end from its own CREATE INDEX
text (one sort per index instead of a B-tree insert per row).
"""

from __future__ import annotations

import pickle
import sqlite3
import sys
from datetime import date, timedelta
from typing import Any

PRAGMAS = ("PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-262144",
           "PRAGMA temp_store=MEMORY")


_DAYS: dict[int, str] = {}
_DAY_US = 86_400_000_000


def micros_text(us: int) -> str:
    """UTC microseconds since the epoch as SQLAlchemy's SQLite DATETIME text
    ('2026-11-24 02:00:00.000000'), which is what UTCDateTime stores."""
    days, rest = divmod(us, _DAY_US)
    day = _DAYS.get(days)
    if day is None:  # only a few hundred distinct days: format each once
        day = _DAYS[days] = (date(1970, 1, 1) + timedelta(days=days)).isoformat()
    seconds, micro = divmod(rest, 1_000_000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    # %-formatting: twice as fast as an f-string with format specs, and this runs per value
    return "%s %02d:%02d:%02d.%06d" % (day, hour, minute, second, micro)  # noqa: UP031


class Loader:
    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
        for pragma in PRAGMAS:
            self.conn.execute(pragma)
        self.indexes: dict[str, list[str]] = {}  # table → CREATE INDEX statements to run again
        self.conn.execute("BEGIN")
        for name, table, sql in self.conn.execute(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall():
            self.indexes.setdefault(table, []).append(sql)
            self.conn.execute(f'DROP INDEX "{name}"')

    def write(self, sql: str, rows: list[list[Any]], stamps: list[int]) -> None:
        """rows: values in placeholder order; at the positions in stamps, UTC microseconds
        since the epoch (or None) that are stored as UTCDateTime text."""
        if stamps:
            for row in rows:
                for i in stamps:
                    if (us := row[i]) is not None:
                        row[i] = micros_text(us)
        self.conn.executemany(sql, rows)

    def table_done(self, table: str) -> None:
        """All rows of table are in: build its indexes now, while the generator goes on."""
        for sql in self.indexes.pop(table, []):
            self.conn.execute(sql)

    def finish(self) -> None:
        for table in list(self.indexes):
            self.table_done(table)
        self.conn.execute("COMMIT")
        self.conn.execute("PRAGMA journal_mode=WAL")  # what db.engine expects
        self.conn.close()

    def abort(self) -> None:
        self.conn.close()


def main() -> int:
    """Child process: pickled messages on stdin until None; errors on stderr. A message is
    (sql, rows, stamps) to write, or a table name whose rows are all in."""
    loader = Loader(sys.argv[1])
    stream = sys.stdin.buffer
    try:
        while (message := pickle.load(stream)) is not None:
            if isinstance(message, str):
                loader.table_done(message)
            else:
                loader.write(*message)
        loader.finish()
    except BaseException:
        loader.abort()
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
