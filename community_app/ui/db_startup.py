"""Get a usable database before the login dialog: generate the demo if asked, open and
upgrade the file (db.migrate), and walk the user through problems with dialogs.

Everything slow runs through workers.run_and_wait, so the GUI keeps painting.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from community_app.ui.timefmt import format_seconds
from community_app.ui.workers import JobContext, JobFailedError, run_and_wait
from db.backup import list_backups, quarantine, restore_backup
from db.database import Database
from db.migrate import (
    CorruptDatabaseError,
    DatabaseTooNewError,
    OpenResult,
    create_database,
    open_current,
    open_database,
)

if TYPE_CHECKING:
    from types import ModuleType

    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from community_app.ui.dialogs.db_problem_dialog import Choice

log = logging.getLogger(__name__)

DEMO_RESIDENTS = 3000


def problem_dialogs() -> ModuleType:
    """The dialogs for a database that cannot be used as it is: imported when one is needed,
    not at every start (their Qt classes cost ≈15 ms to load)."""
    from community_app.ui.dialogs import db_problem_dialog

    return db_problem_dialog
translate = QCoreApplication.translate


class OpenedDatabase(Database):
    """The database the session works on, and what happened to the file on the way (an
    upgrade, a restore) for the status bar."""

    def __init__(self, path: Path, engine: Engine | None = None,
                 session_factory: sessionmaker[Session] | None = None, notice: str = "") -> None:
        super().__init__(path, engine, session_factory)
        self.notice = notice


def generate_demo_file(path: Path, residents: int = DEMO_RESIDENTS, ctx: JobContext | None = None) -> None:
    """Build the demo database at path. db.demo writes to a side file and moves it into
    place when complete, so an interrupted run never leaves a half-built database."""
    from db.demo import generate_demo  # imported only in demo mode: it pulls in name lists

    path.parent.mkdir(parents=True, exist_ok=True)
    report = (lambda _label, fraction: ctx.progress(round(fraction * 100), 100)) if ctx else None
    summary = generate_demo(path, residents=residents, progress=report)
    log.info("demo database generated: %s residents in %s s", summary.residents, summary.seconds)


def ensure_demo_database(path: Path, parent: QWidget | None = None) -> None:
    """Create the demo database once; later starts reuse it."""
    if path.exists():
        return
    log.info("generating demo database at %s", path)
    label = translate("DatabaseStartup", "正在生成演示社区的数据，请稍候…")
    run_and_wait(lambda ctx: generate_demo_file(path, ctx=ctx), label, name="generate_demo", parent=parent,
                 writes=True)


def _open(path: Path, parent: QWidget | None) -> OpenResult | None:
    """None when the file is current and opens as it is (no SQLAlchemy needed yet)."""
    try:
        if open_current(path, analyze=False):  # reads a few pages, on this thread
            return None
    except sqlite3.Error:
        log.info("quick open of %s failed; opening it the full way", path)  # which reports the problem

    def open_(_ctx: JobContext) -> OpenResult | None:
        # statistics to make (ANALYZE reads the file), an upgrade, a new file: off the GUI thread
        return None if open_current(path) else open_database(path)

    label = translate("DatabaseStartup", "正在打开数据库…")
    result: OpenResult | None = run_and_wait(open_, label, name="open_database", parent=parent, writes=True)
    return result


def _replace_with_new(path: Path, demo: bool) -> Path:
    kept = quarantine(path)
    if demo:
        generate_demo_file(path)
    else:
        create_database(path).dispose()
    return kept


def open_database_interactive(path: Path, *, demo: bool = False, interactive: bool = True,
                              parent: QWidget | None = None, notice: str = "",
                              tried: set[Path] | None = None) -> OpenedDatabase | None:
    """The opened database, or None when the user chose to quit (or, non-interactive, on
    any problem). Bad files are moved aside, never overwritten.

    notice: what already happened to the file (a restore), for the status bar; tried:
    backups restored before, which are not offered again (updated in place).
    """
    tried = set() if tried is None else tried
    while True:
        try:
            result = _open(path, parent)
        except (JobFailedError, CorruptDatabaseError, DatabaseTooNewError) as failed:
            exc = failed.original if isinstance(failed, JobFailedError) else failed
            if isinstance(exc, DatabaseTooNewError):
                log.error("database %s is newer than this program (revision %s)", path, exc.revision)
                if interactive:
                    problem_dialogs().too_new_message(path, parent).exec()
                return None
            if not isinstance(exc, CorruptDatabaseError):
                log.error("cannot open database %s: %s", path, type(exc).__name__)
                if interactive:
                    problem_dialogs().cannot_open_message(path, parent).exec()
                return None
            log.warning("database %s refused: %s", path, exc.detail)
            if not interactive:
                return None
            backups = [b for b in list_backups(path) if b not in tried]
            backup = backups[0] if backups else None
            dialogs = problem_dialogs()
            dialog = dialogs.CorruptDatabaseDialog(path, backup, demo=demo, parent=parent)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is dialogs.Choice.QUIT:
                log.info("user chose to quit after a database problem")
                return None
            try:
                notice = _recover(path, dialog.choice, backup, demo, parent)
            except JobFailedError as recovery_failed:
                log.error("recovery failed: %s", type(recovery_failed.original).__name__)
                problem_dialogs().cannot_open_message(path, parent).exec()
                return None
            if backup is not None and dialog.choice is dialogs.Choice.RESTORE:
                tried.add(backup)
            continue
        if result is None:
            return OpenedDatabase(path, notice=notice)
        return OpenedDatabase(path, result.engine, notice=_upgrade_notice(result) or notice)


def restore_latest_backup(path: Path, backup: Path, parent: QWidget | None = None) -> str:
    """Put backup in path's place; the file there is moved aside (quarantined), never
    overwritten. The engine on path must be closed first. Returns the notice for the user.
    Raises JobFailedError."""
    label = translate("DatabaseStartup", "正在恢复备份…")
    kept = run_and_wait(lambda _ctx: restore_backup(backup, path), label, name="restore_backup",
                        parent=parent, writes=True)
    log.info("restored %s from %s; damaged file kept as %s", path, backup, kept)
    message = translate("DatabaseStartup", "已从 %1 的备份恢复数据库；原来的文件已改名保存为 %2")
    return message.replace("%1", format_seconds(problem_dialogs().backup_time(backup))).replace("%2", str(kept))


def _recover(path: Path, choice: Choice, backup: Path | None, demo: bool, parent: QWidget | None) -> str:
    if choice is problem_dialogs().Choice.RESTORE and backup is not None:
        return restore_latest_backup(path, backup, parent)

    def replace(_ctx: JobContext) -> Path:
        return _replace_with_new(path, demo)

    label = translate("DatabaseStartup", "正在新建数据库…")
    kept = run_and_wait(replace, label, name="new_database", parent=parent, writes=True)
    log.info("new database at %s; damaged file kept as %s", path, kept)
    return translate("DatabaseStartup", "已新建数据库；无法打开的原文件保存为 %1").replace("%1", str(kept))


def _upgrade_notice(result: OpenResult) -> str:
    if result.upgraded_from is None or result.backup_path is None:
        return ""
    log.info("database upgraded from %r; backup %s", result.upgraded_from, result.backup_path)
    message = translate("DatabaseStartup", "数据库已升级到当前版本；升级前的副本保存在 %1")
    return message.replace("%1", str(result.backup_path))
