"""One sync: push the outbox, then pull the changes feed. No Qt: the UI runs run_once() on a
worker thread and turns its progress callback into signals.

Order comes from the server's sequence numbers only; no device clock is read to decide
anything (the clock only stamps last_attempt_at / last_success_at for the status bar).
Cancel is honoured between batches and pages; what was stored stays stored, and the next
sync goes on from the stored cursor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from community_app.core.attachments import PhotoStore
from community_app.sync import errors, pull, push
from community_app.sync.client import ApiClient
from community_app.sync.device import load_device, record_attempt
from community_app.sync.errors import SyncError, SyncProblem
from community_app.sync.faults import crash_point
from community_app.sync.http import HttpSettings
from community_app.sync.photos import fetch_photos
from community_app.sync.tokens import TokenStore
from db.models import utcnow

log = logging.getLogger(__name__)

PAGE = 1000
FIRST_SYNC_PAGE = 2000
BULK_MIN = 1000  # a first sync of at least this many records rebuilds the search index once
PROGRESS_TOTAL = "first_sync_total"
PROGRESS_DONE = "first_sync_done"


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # "push" | "pull"
    done: int
    total: int | None  # known for the push, and for the pull of a first sync
    text: str  # Chinese, for a progress dialog


@dataclass(frozen=True)
class SyncReport:
    pushed: int = 0
    applied: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    finished: bool = False
    cancelled: bool = False
    problem: SyncProblem | None = None
    at: datetime = field(default_factory=utcnow)


class _CancelledError(Exception):
    pass


def _kv(conn: Connection, feed: str) -> int | None:
    row = conn.exec_driver_sql("SELECT cursor FROM sync_cursor WHERE feed = ?", (feed,)).first()
    return int(row[0]) if row else None


def _set_kv(conn: Connection, feed: str, value: int) -> None:
    conn.exec_driver_sql(
        "INSERT INTO sync_cursor (feed, cursor, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(feed) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at",
        (feed, str(value), pull._now()))


class SyncEngine:
    def __init__(self, db_engine: Engine, *, tokens: TokenStore, http: HttpSettings | None = None,
                 photos: PhotoStore | None = None, batch_size: int = push.BATCH, page_size: int = PAGE,
                 first_sync_page_size: int = FIRST_SYNC_PAGE, bulk_min: int = BULK_MIN) -> None:
        self.db = db_engine
        self.batch_size, self.page_size, self.first_sync_page_size = batch_size, page_size, first_sync_page_size
        self.bulk_min = bulk_min
        self.tokens = tokens
        self.http = http or HttpSettings()
        if photos is None and db_engine.url.database and db_engine.url.database != ":memory:":
            photos = PhotoStore.for_database(Path(db_engine.url.database))
        self.photos = photos

    def run_once(self, progress: Callable[[SyncProgress], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> SyncReport:
        report = self._run(progress or (lambda _p: None), cancelled or (lambda: False))
        with Session(self.db) as session, session.begin():
            record_attempt(session, None if report.finished or report.cancelled else report.problem,
                           success=report.finished)
        return report

    def _run(self, progress: Callable[[SyncProgress], None], cancelled: Callable[[], bool]) -> SyncReport:
        with Session(self.db) as session:
            device = load_device(session)
        if device is None:
            return SyncReport(problem=errors.not_enrolled())
        token = self.tokens.get(device.server_url)
        if not token:
            return SyncReport(problem=errors.not_enrolled())
        client = ApiClient(device.server_url, token, self.http)
        tally = push.PushTally()
        pulled = [0]
        try:
            self._push(client, tally, progress, cancelled)
            self._pull(client, pulled, progress, cancelled)
            if self.photos is not None:
                fetch_photos(client, self.db, self.photos)
        except _CancelledError:
            return self._report(tally, pulled[0], cancelled=True, problem=errors.cancelled())
        except SyncError as exc:
            return self._report(tally, pulled[0], problem=exc.problem)
        except OperationalError as exc:  # "database is locked": a long import or backup holds the file
            log.warning("sync stopped: local database busy (%s)", type(exc.orig).__name__)
            return self._report(tally, pulled[0], problem=errors.local_busy())
        except (ValueError, KeyError, TypeError) as exc:  # an answer that does not follow the protocol
            log.warning("sync stopped on an unexpected answer: %s", type(exc).__name__)
            return self._report(tally, pulled[0], problem=errors.bad_response())
        finally:
            client.close()
            if pull.repair_derived_tables(self.db):
                log.info("resident search index and visit watch rebuilt after a bulk pull")
        return self._report(tally, pulled[0], finished=True)

    @staticmethod
    def _report(tally: push.PushTally, pulled: int, **kwargs: object) -> SyncReport:
        return SyncReport(pushed=tally.sent, applied=tally.applied, merged=tally.merged, conflicts=tally.conflicts,
                          rejected=tally.rejected, pulled=pulled, **kwargs)  # type: ignore[arg-type]

    def _push(self, client: ApiClient, tally: push.PushTally, progress: Callable[[SyncProgress], None],
              cancelled: Callable[[], bool]) -> None:
        with self.db.connect() as conn:
            total = push.pending_count(conn)
        while True:
            if cancelled():
                raise _CancelledError
            with self.db.connect() as conn:
                batch = push.next_batch(conn, self.batch_size)
            if not batch:
                return
            missing = push.upload_photos(client, self.photos, batch)
            if missing:
                with self.db.begin() as conn:
                    push.quarantine(conn, missing)
                tally.rejected += len(missing)
                batch = [e for e in batch if e.seq not in missing]
                if not batch:
                    continue
            crash_point("before_send")
            results = client.push([e.wire() for e in batch])
            crash_point("after_server_commit")
            with self.db.begin() as conn:
                push.apply_results(conn, batch, results, tally)
            progress(SyncProgress("push", tally.sent, max(total, tally.sent),
                                  f"正在上传本机修改：{tally.sent:,} / {max(total, tally.sent):,} 条"))

    def _pull(self, client: ApiClient, pulled: list[int], progress: Callable[[SyncProgress], None],
              cancelled: Callable[[], bool]) -> None:
        with self.db.connect() as conn:
            cursor = pull.read_cursor(conn)
            total, done = _kv(conn, PROGRESS_TOTAL), _kv(conn, PROGRESS_DONE) or 0
            first_sync = cursor == 0 or total is not None  # a first sync, maybe resumed
            conn.commit()
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # see pull's module docstring
            conn.commit()
            try:
                while True:
                    if cancelled():
                        raise _CancelledError
                    page = client.changes(cursor, self.first_sync_page_size if first_sync else self.page_size)
                    changes, next_cursor = page["changes"], int(page["next"])
                    if cursor == 0 and page.get("total_estimate") is not None:
                        total = int(page["total_estimate"])
                    # many records: index them once at the end instead of row by row
                    bulk = first_sync and total is not None and total >= self.bulk_min and bool(changes)
                    with conn.begin():
                        if total is not None:  # first written: the transaction takes the write lock at once
                            _set_kv(conn, PROGRESS_TOTAL, total)
                            _set_kv(conn, PROGRESS_DONE, done + len(changes))
                        if bulk:
                            pull.suspend_derived_upkeep(conn)
                        pull.apply_page(conn, changes, next_cursor)
                        crash_point("saving_cursor")
                    cursor, done = next_cursor, done + len(changes)
                    pulled[0] += len(changes)
                    if total is not None:
                        progress(SyncProgress("pull", min(done, total), total,
                                              f"正在下载城市平台的数据：{min(done, total):,} / {total:,} 条"))
                    elif changes:
                        progress(SyncProgress("pull", done, None, f"正在下载城市平台的更新：{done:,} 条"))
                    if not page.get("more"):
                        break
                if total is not None:  # the first sync is complete: later syncs show no total
                    with conn.begin():
                        conn.exec_driver_sql("DELETE FROM sync_cursor WHERE feed IN (?, ?)",
                                             (PROGRESS_TOTAL, PROGRESS_DONE))
            finally:
                if conn.in_transaction():
                    conn.rollback()
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                conn.commit()
