"""Pushing the outbox: pending entries in order, in batches, photos first; results applied in
one local transaction per batch.

Each row appears at most once per batch: a second edit of the same row was made on top of the
first, so it waits for the first one's answer and, if that was "applied", is re-based on the
version it gave (otherwise the server would see two edits of one field as a conflict with
itself). After "merged" nothing is re-based: that version holds changes not seen here.
A rejected or locally unsendable entry is quarantined and the rest goes on.

If the process dies after the server committed but before the answers are stored here, the
entries are still pending and are sent again: the server answers a known mutation id with its
first answer, so nothing happens twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from community_app.core.attachments import PhotoStore
from community_app.sync import errors
from community_app.sync.client import ApiClient, BlobRefusedError
from community_app.sync.faults import crash_point
from db.ids import uuid7
from db.models import utcnow

BATCH = 500  # the protocol's limit per push


@dataclass(frozen=True)
class Entry:
    seq: int
    mutation_id: str
    table: str
    row_id: str
    op: str
    base_version: int
    changes: dict[str, Any]

    def wire(self) -> dict[str, Any]:
        return {"mutation_id": self.mutation_id, "table": self.table, "id": self.row_id, "op": self.op,
                "base_version": self.base_version, "changes": self.changes}


@dataclass
class PushTally:
    sent: int = 0
    applied: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0


def pending_count(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT count(*) FROM sync_outbox WHERE status = 'pending'").scalar_one())


def next_batch(conn: Connection, limit: int = BATCH) -> list[Entry]:
    """The oldest pending entries, at most one per row. A row with an open conflict sends nothing
    more until a supervisor has decided (the decision folds its later edits in)."""
    batch: list[Entry] = []
    seen: set[tuple[str, str]] = {(table, row_id) for table, row_id in conn.exec_driver_sql(
        "SELECT DISTINCT table_name, row_id FROM sync_outbox WHERE status = 'conflict'")}
    offset, page = 0, limit * 2
    while len(batch) < limit:
        rows = conn.exec_driver_sql(
            "SELECT seq, mutation_id, table_name, row_id, op, base_version, changes FROM sync_outbox "
            "WHERE status = 'pending' ORDER BY seq LIMIT ? OFFSET ?", (page, offset)).fetchall()
        for seq, mutation_id, table, row_id, op, base, changes in rows:
            key = (table, row_id)
            if key not in seen:
                batch.append(Entry(seq, mutation_id, table, row_id, op, base, json.loads(changes)))
                if len(batch) == limit:
                    break
            seen.add(key)
        if len(rows) < page:
            break
        offset += page
    return batch


def _now() -> str:
    return utcnow().replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def upload_photos(client: ApiClient, photos: PhotoStore | None, batch: list[Entry]) -> dict[int, str]:
    """Put every photo an attachment insert refers to on the server (HEAD, then PUT if missing).
    Returns {entry seq: reason} for photos missing here or refused there (those entries are
    quarantined)."""
    missing: dict[int, str] = {}
    done: set[str] = set()
    for entry in batch:
        if entry.table != "attachment" or entry.op != "insert":
            continue
        sha = str(entry.changes.get("sha256", ""))
        if not sha or sha in done:
            continue
        if client.has_blob(sha):
            done.add(sha)
            continue
        path = photos.original_path(sha) if photos else None
        try:
            data = path.read_bytes() if path else None
        except OSError:
            data = None
        if data is None:
            missing[entry.seq] = errors.blob_missing(str(entry.changes.get("filename", sha[:12]))).message
            continue
        try:
            client.put_blob(sha, data, str(entry.changes.get("mime_type") or "application/octet-stream"))
        except BlobRefusedError as refused:  # e.g. a GIF: kept here, quarantined, the rest goes on
            missing[entry.seq] = f"照片“{entry.changes.get('filename', sha[:12])}”未能上传：{refused}"
            continue
        done.add(sha)
    return missing


def quarantine(conn: Connection, reasons: dict[int, str]) -> None:
    conn.exec_driver_sql("UPDATE sync_outbox SET status = 'rejected', last_error = ?, attempts = attempts + 1 "
                         "WHERE seq = ?", [(reason, seq) for seq, reason in reasons.items()])  # type: ignore[arg-type]


def apply_results(conn: Connection, batch: list[Entry], results: list[dict[str, Any]], tally: PushTally) -> None:
    """Store the server's answers; the caller holds the transaction."""
    now = _now()
    half = len(batch) // 2
    for index, (entry, result) in enumerate(zip(batch, results, strict=True)):
        if index == half:
            crash_point("mid_batch")
        status = result.get("status")
        if result.get("mutation_id") != entry.mutation_id:
            raise ValueError("push answers out of order")
        if status in ("applied", "merged"):
            version = int(result["version"])
            conn.exec_driver_sql("UPDATE sync_outbox SET status = 'sent', attempts = attempts + 1, last_error = NULL "
                                 "WHERE seq = ?", (entry.seq,))
            if status == "applied":
                # the new version is exactly the old one plus this change: the local row is that version,
                # and later edits of the row were made on top of it
                conn.exec_driver_sql(f'UPDATE "{entry.table}" SET version = ? WHERE id = ? AND version < ?',
                                     (version, entry.row_id, version))
                conn.exec_driver_sql("UPDATE sync_outbox SET base_version = ? WHERE table_name = ? AND row_id = ? "
                                     "AND status = 'pending' AND seq > ?",
                                     (version, entry.table, entry.row_id, entry.seq))
            # merged: the server's version also holds other devices' changes this device has not pulled
            # yet; claiming it (for the row or for later edits) could overwrite them unseen. The pull
            # that follows brings the record and its version.
            tally.applied += status == "applied"
            tally.merged += status == "merged"
        elif status == "conflict":
            record = result.get("record") or {}
            marked = conn.exec_driver_sql("UPDATE sync_outbox SET status = 'conflict', attempts = attempts + 1 "
                                          "WHERE seq = ? AND status = 'pending'", (entry.seq,)).rowcount
            if marked:  # (0: another sync process stored this answer already; one conflict row is enough)
                conn.exec_driver_sql(
                    "INSERT INTO sync_conflict (id, table_name, row_id, mutation_id, mine, theirs, server_version, "
                    "status, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)",
                    (uuid7(), entry.table, entry.row_id, entry.mutation_id,
                     json.dumps(entry.changes, ensure_ascii=False), json.dumps(_theirs(record), ensure_ascii=False),
                     int(record.get("version", 0)), now))
            tally.conflicts += 1
        elif status == "rejected":
            reason = result.get("reason") or {}
            message = str(reason.get("message") or reason.get("code") or "城市平台拒绝了这条修改。")
            conn.exec_driver_sql("UPDATE sync_outbox SET status = 'rejected', attempts = attempts + 1, "
                                 "last_error = ? WHERE seq = ?", (message, entry.seq))
            tally.rejected += 1
        else:
            raise ValueError(f"unknown push status {status!r}")
        tally.sent += 1


def _theirs(record: dict[str, Any]) -> dict[str, Any]:
    data = dict(record.get("data") or {})
    if "deleted_at" in record:
        data["deleted_at"] = record["deleted_at"]
    return data
