"""Photos other devices took: after a pull, the attachment rows whose file is not here yet are
fetched (GET /sync/blobs/{sha256}), checked like a photo chosen locally (the hash must match and
Pillow must decode it) and stored with their thumbnail. A photo that cannot be fetched now is
tried again at the next sync; it never fails the sync. At most MAX_PER_SYNC per sync, so a
first sync with years of photos does not hold the rest up."""

from __future__ import annotations

import hashlib
import logging
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from community_app.core.attachments import PhotoStore
from community_app.core.problems import ValidationFailed
from community_app.sync.client import ApiClient
from community_app.sync.errors import SyncError

log = logging.getLogger(__name__)

MAX_PER_SYNC = 200


def missing_photos(db: Engine, photos: PhotoStore, limit: int = MAX_PER_SYNC) -> list[tuple[str, str]]:
    """(sha256, filename) of synced, live attachments whose original is not on this disk."""
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT DISTINCT sha256, filename FROM attachment WHERE deleted_at IS NULL AND version > 0").fetchall()
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for sha, filename in rows:
        if sha not in seen and not photos.original_path(sha).exists():
            seen.add(sha)
            found.append((sha, filename))
            if len(found) >= limit:
                break
    return found


def fetch_photos(client: ApiClient, db: Engine, photos: PhotoStore) -> int:
    """Download what is missing; returns how many photos were stored."""
    stored = 0
    for sha, filename in missing_photos(db, photos):
        try:
            data = client.get_blob(sha)
        except SyncError as exc:
            log.info("photo %s not fetched now: %s", sha[:12], exc.problem.code)
            continue
        if hashlib.sha256(data).hexdigest() != sha:
            log.warning("photo %s from the server does not match its hash: not stored", sha[:12])
            continue
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / (Path(filename).name or "photo")
            path.write_bytes(data)
            try:
                photos.save(photos.check(path))
            except ValidationFailed:
                log.warning("photo %s from the server is no photo we take: not stored", sha[:12])
                continue
        stored += 1
    return stored
