"""The resident full-text index: an FTS5 table over resident.search_names and
resident.search_numbers (external content, so the text is stored once), kept in step by
triggers. The keys themselves are made in Python (db.search_keys): SQL cannot do pinyin.

Tokenizer unicode61 with prefix indexes for 1–4 characters: name characters are single
tokens ("王 秀 英"), so phrase queries find one or two characters, which FTS5's trigram
tokenizer cannot; pinyin and digits are found by prefix.

The index maps to resident rows by rowid. SQLite's VACUUM may renumber the rowids of a
table without an INTEGER PRIMARY KEY, so anything that VACUUMs (or rebuilds the resident
table, as an Alembic batch migration would) must call rebuild() afterwards.
"""

from __future__ import annotations

from typing import Any

FTS_TABLE = "resident_fts"
CONTENT_TABLE = "resident"

CREATE_SQL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(search_names, search_numbers, content='{CONTENT_TABLE}', "
    "content_rowid='rowid', tokenize='unicode61', prefix='1 2 3 4')"
)
TRIGGERS = (
    f"""CREATE TRIGGER resident_fts_ai AFTER INSERT ON {CONTENT_TABLE} BEGIN
  INSERT INTO {FTS_TABLE}(rowid, search_names, search_numbers)
  VALUES (new.rowid, new.search_names, new.search_numbers);
END""",
    f"""CREATE TRIGGER resident_fts_ad AFTER DELETE ON {CONTENT_TABLE} BEGIN
  INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_names, search_numbers)
  VALUES ('delete', old.rowid, old.search_names, old.search_numbers);
END""",
    f"""CREATE TRIGGER resident_fts_au AFTER UPDATE OF search_names, search_numbers ON {CONTENT_TABLE} BEGIN
  INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_names, search_numbers)
  VALUES ('delete', old.rowid, old.search_names, old.search_numbers);
  INSERT INTO {FTS_TABLE}(rowid, search_names, search_numbers)
  VALUES (new.rowid, new.search_names, new.search_numbers);
END""",
)
TRIGGER_NAMES = ("resident_fts_ai", "resident_fts_ad", "resident_fts_au")
# the FTS table and its shadow tables: not described by the models, ignored by autogenerate
SHADOW_SUFFIXES = ("", "_data", "_idx", "_docsize", "_config", "_content")


def is_index_table(name: str | None) -> bool:
    return name is not None and any(name == FTS_TABLE + s for s in SHADOW_SUFFIXES)


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Alembic autogenerate's filter: the index tables are made by hand, not by the models."""
    return not (type_ == "table" and is_index_table(name))


def rebuild_sql() -> str:
    return f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"


def rebuild(conn: Any) -> None:
    """Rebuild the index from the resident table (a DB-API or SQLAlchemy connection)."""
    execute = getattr(conn, "exec_driver_sql", None) or conn.execute
    execute(rebuild_sql())
