"""Consistent copies of the database file, kept beside it in a backups/ folder.

sqlite3's online backup API copies a consistent snapshot even while WAL holds
uncommitted pages, which a plain file copy would not.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

KEEP_BACKUPS = 10
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _target(db_path: Path, reason: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return backup_dir(db_path) / f"{db_path.stem}-{stamp}-{_SAFE.sub('_', reason)}.sqlite"


def make_backup(engine: Engine, db_path: Path, reason: str) -> Path:
    """Copy the open database to backups/ and prune old copies; returns the new file."""
    target = _target(db_path, reason)
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = engine.raw_connection()
    try:
        dest = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(dest)  # type: ignore[union-attr]
        finally:
            dest.close()
    finally:
        raw.close()
    prune_backups(db_path)
    return target


def backup_if_due(engine: Engine, db_path: Path, every: timedelta = timedelta(days=1)) -> Path | None:
    """The daily safety copy: make one when the newest backup is older than `every`."""
    newest = list_backups(db_path)
    if newest and datetime.now(UTC) - datetime.fromtimestamp(newest[0].stat().st_mtime, UTC) < every:
        return None
    return make_backup(engine, db_path, reason="daily")


def list_backups(db_path: Path) -> list[Path]:
    """Backups of db_path, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite"), key=lambda p: p.name, reverse=True)


def prune_backups(db_path: Path, keep: int = KEEP_BACKUPS) -> None:
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)


def quarantine(db_path: Path) -> Path:
    """Move a bad database (and its WAL/SHM files) aside, keeping it for inspection."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = db_path.with_name(f"{db_path.name}.bad-{stamp}")
    db_path.rename(kept)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.rename(kept.with_name(kept.name + suffix))
    return kept


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Put a backup in db_path's place. A file already there is quarantined, never overwritten;
    returns where it went."""
    kept = quarantine(db_path) if db_path.exists() else None
    shutil.copy2(backup, db_path)
    return kept
