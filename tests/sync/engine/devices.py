"""Desktop devices for the sync tests: a real local database (Alembic schema), enrolled on the
REAL city API (tests.city_server) with the engine's own enrolment client."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from community_app.core import changes
from community_app.sync.engine import SyncEngine, SyncProgress, SyncReport
from community_app.sync.enrolment import enroll
from community_app.sync.http import HttpSettings
from community_app.sync.tokens import MemoryTokenStore
from db.migrate import create_database
from db.models import Division, OutboxEntry, Resident
from tests.city_server import CityServer

FAST = HttpSettings(connect_timeout=2.0, read_timeout=5.0, retries=2, backoff_factor=0.05, backoff_jitter=0.05)


def new_community() -> str:
    return "3702020" + f"{random.randrange(10**5):05d}"


def seed_divisions(engine: Engine, community: str) -> None:
    """The division rows a community's residents refer to (reference data every device ships;
    written directly, not queued: they are not local changes)."""
    with Session(engine) as s, s.begin():
        s.add(Division(code=community[:6], name="市南区", level="district"))
        s.add(Division(code=community[:9], name="湛山街道", level="street", parent_code=community[:6]))
        s.add(Division(code=community, name="测试社区", level="community", parent_code=community[:9]))


@dataclass
class Device:
    path: Path
    engine: Engine
    server_url: str
    tokens: MemoryTokenStore
    http: HttpSettings = FAST
    progress: list[SyncProgress] = field(default_factory=list)

    def sync(self, cancel_after_pages: int | None = None, http: HttpSettings | None = None,
             **engine_options: Any) -> SyncReport:
        pages = [0]

        def on_progress(p: SyncProgress) -> None:
            self.progress.append(p)
            if p.phase == "pull":
                pages[0] += 1

        def cancelled() -> bool:
            return cancel_after_pages is not None and pages[0] >= cancel_after_pages

        engine = SyncEngine(self.engine, tokens=self.tokens, http=http or self.http, **engine_options)
        return engine.run_once(on_progress, cancelled)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def add_resident(self, community: str, name: str, **values: Any) -> str:
        with self.session() as s, s.begin():
            row = changes.insert(s, Resident(name=name, sex=values.pop("sex", "F"), community_code=community,
                                             **values))
            return row.id

    def update(self, model: type, row_id: str, **values: Any) -> None:
        with self.session() as s, s.begin():
            changes.update(s, s.get_one(model, row_id), **values)

    def get(self, model: type, row_id: str) -> Any:
        with self.session() as s:
            return s.get(model, row_id)

    def outbox(self, status: str = "pending") -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.status == status)) or 0


def new_device(server: CityServer, community: str, folder: Path, name: str = "网格员电脑",
               url: str | None = None) -> Device:
    """A device enrolled on `server` — reached at `url` when given (a proxy in front of it)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "community.sqlite"
    engine = create_database(path)
    seed_divisions(engine, community)
    tokens = MemoryTokenStore()
    url = url or server.base_url
    enroll(engine, url, server.issue_code(community), name, tokens=tokens, http=FAST)
    return Device(path, engine, url, tokens)
