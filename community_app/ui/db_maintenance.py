"""Care of the open database once the main window is up, in the background:

1. the page-by-page check (db.migrate.verify_integrity): start-up reads only the header,
   schema and revision, so damage inside the tables is found here;
2. then, only if the file is sound, the daily safety copy (db.backup.backup_if_due): a copy
   of a damaged file would push a good backup out of the kept ten, and «restore the latest
   backup» would then bring the damage back.

Both only read the database; the job runs on the shared pool, never the write queue, so it
does not hold up saving. The GUI hears the outcome through signals.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from community_app.ui.workers import Job, JobContext, run_in_background
from db.backup import backup_if_due
from db.database import Database
from db.migrate import CorruptDatabaseError, verify_integrity

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckOutcome:
    damage: str | None  # what SQLite reported; None: every page is sound
    backup: Path | None  # the daily copy made now; None: one was made today already, or skipped


def check_and_back_up(engine: Engine | Database, path: Path, ctx: JobContext | None = None) -> CheckOutcome:
    """The background job's work (no Qt): check every page, then make the daily backup.
    With a Database, its engine is made here, off the GUI thread, if no page made it yet."""
    damage = _damage(path)
    if damage is not None:
        # telling the user to restore a backup loses the work since that backup: make sure it
        # was not a page read while another connection was checkpointing it
        log.warning("page check of %s reported %s; checking again", path, damage)
        damage = _damage(path)
        if damage is not None:
            return CheckOutcome(damage=damage, backup=None)
    if ctx is not None and ctx.cancelled:  # the app is closing: the copy can wait until tomorrow
        return CheckOutcome(damage=None, backup=None)
    try:
        backup = backup_if_due(engine.engine if isinstance(engine, Database) else engine, path)
    except Exception:  # a full disk must not stop the user's work; the check itself passed
        log.exception("daily backup of %s failed", path)
        backup = None
    return CheckOutcome(damage=None, backup=backup)


def _damage(path: Path) -> str | None:
    try:
        verify_integrity(path)
    except CorruptDatabaseError as exc:
        return exc.detail
    return None


class DatabaseCheck(QObject):
    """Runs check_and_back_up once per opened database. Signals arrive in the GUI thread:
    damaged(detail) when SQLite reports damage, finished() in every case."""

    started = Signal()
    damaged = Signal(str)
    finished = Signal()

    def __init__(self, engine: Engine | Database, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self.path = path
        self._job: Job | None = None
        self.outcome: CheckOutcome | None = None

    @property
    def running(self) -> bool:
        return self._job is not None and not self._job.done

    def start(self) -> None:
        """Start the check; later calls do nothing (it runs once per opened database)."""
        if self._job is not None:
            return
        engine, path = self._engine, self.path
        log.info("checking database %s in the background", path)
        self._job = run_in_background(lambda ctx: check_and_back_up(engine, path, ctx),
                                      name="verify_database", parent=self)
        self._job.result.connect(self._done)
        self._job.error.connect(self._failed)
        self.started.emit()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _done(self, outcome: CheckOutcome) -> None:
        self.outcome = outcome
        if outcome.damage is not None:
            log.error("database %s is damaged: %s", self.path, outcome.damage)
            self.damaged.emit(outcome.damage)
        else:
            log.info("database %s passed the page check", self.path)
            if outcome.backup is not None:
                log.info("daily backup written to %s", outcome.backup)
            else:
                log.info("daily backup not due (or skipped)")
        self.finished.emit()

    def _failed(self, _exc: object) -> None:
        # workers logged it; an unreadable file shows up again at the next start's check
        self.finished.emit()
