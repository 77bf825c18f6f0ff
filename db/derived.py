"""Derived local tables, kept in step with the synced tables by triggers: the visit watch
(db.visit_watch) and the resident tally (db.resident_tally). Never synced, not in the models:
every device derives them from the rows it holds, whether those came from its own users, an Excel
import or the city hub, since every write goes through the triggers.

Bulk loads drop the triggers (suspend) inside their transaction and make the tables again in one
pass at the end (resume), ≈0.1–0.2 s at a street's size, instead of a trigger per row: the Excel
import, a big first sync (which owes the rebuild through a marker a killed process leaves behind),
the demo generator's sink. Standard library only: the sink imports it.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from db import resident_tally, visit_watch

TABLES: tuple[ModuleType, ...] = (resident_tally, visit_watch)
TRIGGER_NAMES = frozenset(name for table in TABLES for name in table.TRIGGERS)


def _runner(conn: Any) -> Any:
    """conn.execute of a DB-API connection, or exec_driver_sql of a SQLAlchemy one."""
    return getattr(conn, "exec_driver_sql", None) or conn.execute


def create(conn: Any, table: ModuleType) -> None:
    """Make a derived table, its indexes and triggers, and fill it."""
    run = _runner(conn)
    for sql in (table.CREATE_SQL, *table.INDEXES, *table.TRIGGERS.values(), *table.REBUILD):
        run(sql)


def add(bind: Any, table: ModuleType) -> None:
    """A migration's step: create() the table, and its planner statistics when the file has some
    (see migration 0006: old statistics know nothing of a new table)."""
    create(bind, table)
    if bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        bind.exec_driver_sql(f"ANALYZE {table.TABLE}")


def drop(conn: Any, table: ModuleType) -> None:
    run = _runner(conn)
    for name in table.TRIGGERS:
        run(f"DROP TRIGGER IF EXISTS {name}")
    run(f"DROP TABLE IF EXISTS {table.TABLE}")


def rebuild(conn: Any) -> None:
    """Make every derived row again from the tables (after a load that ran without the triggers)."""
    run = _runner(conn)
    for table in TABLES:
        for sql in table.REBUILD:
            run(sql)


def suspend(conn: Any) -> None:
    """For a bulk load, inside its transaction: no row-by-row upkeep until resume(). A rollback
    brings the triggers back with everything else."""
    run = _runner(conn)
    for name in TRIGGER_NAMES:
        run(f"DROP TRIGGER IF EXISTS {name}")


def resume(conn: Any) -> None:
    """After the bulk load, in the same transaction: every derived row made again, the triggers
    back (those still there are left as they are)."""
    run = _runner(conn)
    rebuild(conn)
    for table in TABLES:
        for name, sql in table.TRIGGERS.items():
            run(f"DROP TRIGGER IF EXISTS {name}")
            run(sql)
