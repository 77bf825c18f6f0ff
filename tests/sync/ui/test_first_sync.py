"""The first sync of a new device: progress with Cancel; cancelling keeps what arrived and the
next run continues from the stored cursor until the device holds the whole community."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from city_api.models import Record
from city_api.seed import seed_from_sqlite
from community_app.sync.enrolment import enroll
from community_app.sync.http import HttpSettings
from community_app.sync.tokens import MemoryTokenStore
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.sync_controller import SyncController
from community_app.ui.sync_progress import FirstSyncDialog
from community_app.ui.sync_status import SyncStatusWidget
from db.engine import make_session_factory
from db.migrate import create_database
from db.models import Resident, SyncCursor
from tests.city_server import DEMO_COMMUNITY, CityServer

FAST = HttpSettings(connect_timeout=2.0, read_timeout=10.0, retries=0)


@pytest.fixture
def new_device(tmp_path: Path) -> Iterator[Engine]:
    engine = create_database(tmp_path / "new-device.sqlite")
    yield engine
    engine.dispose()


def cursor(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(SyncCursor.cursor).where(SyncCursor.feed == "changes")) or 0)


def residents(engine: Engine) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(Resident)) or 0


def test_first_sync_cancelled_then_resumed(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                          city_server: CityServer, new_device: Engine, tmp_path: Path,
                                          ) -> None:
    seed_from_sqlite(city_server.engine, demo.path, DEMO_COMMUNITY)
    with city_server.session() as s:
        on_server = s.scalar(select(func.count()).select_from(Record).where(Record.table_name == "resident"))
        last_seq = s.scalar(select(func.max(Record.seq)))
    tokens = MemoryTokenStore()
    enroll(new_device, city_server.base_url, city_server.issue_code(DEMO_COMMUNITY), "新电脑", tokens=tokens,
           http=FAST)
    controller = SyncController(make_session_factory(new_device), tokens=tokens, http=FAST,
                                engine_options={"first_sync_page_size": 400})  # several pages to cancel between
    status = SyncStatusWidget(controller)
    qtbot.addWidget(status)
    status.show()
    controller.refresh()
    qtbot.waitUntil(lambda: controller.current is not None, timeout=10_000)
    shown: list[FirstSyncDialog] = []
    controller.first_sync_started.connect(lambda: shown.append(FirstSyncDialog(controller)))
    seen: list[tuple[int, int, str]] = []
    cancelled: list[bool] = []

    def cancel_after_first_page(done: int, total: int, text: str) -> None:
        seen.append((done, total, text))
        if done > 0 and len(shown) == 1 and not cancelled:
            cancelled.append(True)
            shown[0].show()
            shown[0].grab().save(str(tmp_path / "first-sync.png"))
            shown[0].cancel_button.click()

    controller.progress.connect(cancel_after_first_page)
    with qtbot.waitSignal(controller.run_finished, timeout=60_000) as first:
        assert controller.sync_now()
    assert shown, "a never-synced device shows the first-sync progress"
    report = first.args[0]
    assert report.cancelled and not report.finished
    assert any(total >= on_server and "正在下载" in text for _done, total, text in seen)
    kept = cursor(new_device)
    assert 0 < kept < last_seq  # what arrived is kept
    qtbot.waitUntil(lambda: "同步已暂停，下次从中断处继续" in status.text_label.text(), timeout=10_000)

    with qtbot.waitSignal(controller.run_finished, timeout=60_000) as second:
        controller.sync_now()
    assert second.args[0].finished
    assert second.args[0].pulled == last_seq - kept  # resumed from the cursor, not restarted
    assert residents(new_device) == on_server and cursor(new_device) == last_seq
    qtbot.waitUntil(lambda: "已同步" in status.text_label.text(), timeout=10_000)
