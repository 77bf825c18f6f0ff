"""Dropping a table's secondary indexes for a bulk insert and building them again after it,
inside the caller's transaction (a rollback brings them back with everything else).

Inserting 100,000 rows into ten indexes of random keys (ID numbers, names, household ids)
costs ~3 µs a row per index; building an index afresh, by sorting, ~1 µs a row (the rows
already there included). So it pays when the insert is at least about half the table.

Indexes behind PRIMARY KEY and UNIQUE constraints, and unique indexes, stay: a duplicate
must be refused at its row. DROP INDEX deletes the index's statistics (sqlite_stat1, and
sqlite_stat4 where SQLite keeps it); they are put back, so the query planner keeps what it
knew. Statements go to a DB-API connection (sqlite3) already inside a transaction.
"""

from __future__ import annotations

from typing import Any

_STAT_TABLES = ("sqlite_stat1", "sqlite_stat4")


class DroppedIndexes:
    """drop() the tables' secondary indexes, restore() them exactly as they were."""

    def __init__(self) -> None:
        self._dropped: list[tuple[str, str]] = []  # (name, CREATE INDEX statement)
        self._stats: list[tuple[str, list[tuple[Any, ...]]]] = []  # (statistics table, its rows for them)

    @property
    def names(self) -> list[str]:
        return [name for name, _sql in self._dropped]

    def drop(self, raw: Any, tables: tuple[str, ...]) -> None:
        marks = ", ".join("?" * len(tables))
        # sql IS NULL: the indexes behind PRIMARY KEY and UNIQUE constraints
        self._dropped += [(name, sql) for name, sql in raw.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})"
            " ORDER BY name", tables) if not sql.lstrip().upper().startswith("CREATE UNIQUE")]
        names = self.names
        if not names:
            return
        found = raw.execute(f"SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
                            f"({', '.join('?' * len(_STAT_TABLES))})", _STAT_TABLES).fetchall()
        for (table,) in found:
            rows = raw.execute(f"SELECT * FROM {table} WHERE idx IN ({', '.join('?' * len(names))})", names).fetchall()
            if rows:
                self._stats.append((table, rows))
        for name in names:
            raw.execute(f'DROP INDEX "{name}"')

    def restore(self, raw: Any) -> None:
        """Build the indexes again and put their statistics back (the caller's transaction goes on)."""
        for _name, sql in self._dropped:
            raw.execute(sql)
        for table, rows in self._stats:
            raw.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
        self._dropped, self._stats = [], []
