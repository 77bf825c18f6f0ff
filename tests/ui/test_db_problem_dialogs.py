"""A database that cannot be opened gets a plain-words dialog, and nothing is lost:
the bad file is kept under a quarantine name, a too-new file is left byte for byte."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from community_app.ui.db_startup import open_database_interactive
from community_app.ui.dialogs.db_problem_dialog import CorruptDatabaseDialog
from db.backup import make_backup
from db.migrate import create_database
from db.models import Division

GARBAGE = b"this is a spreadsheet, not a database\n" * 200


_answerers: list[Answerer] = []


@pytest.fixture(autouse=True)
def _stop_answerers() -> Iterator[None]:
    """An answerer left polling would answer the next test's dialog in its place."""
    yield
    while _answerers:
        _answerers.pop().timer.stop()


class Answerer:
    """Waits for a dialog of a type to appear (it runs its own modal loop), then acts on it."""

    def __init__(self, kind: type[QWidget], action: Callable[[QWidget], None]) -> None:
        _answerers.append(self)
        self.kind, self.action = kind, action
        self.seen: list[QWidget] = []
        self.texts: list[str] = []
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, self.kind) and widget.isVisible() and widget not in self.seen:
                self.seen.append(widget)
                self.texts.append(_all_text(widget))
                self.action(widget)
                return


def _all_text(widget: QWidget) -> str:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    parts = [widget.windowTitle()]
    if isinstance(widget, QMessageBox):
        parts += [widget.text(), widget.informativeText()]
    parts += [label.text() for label in widget.findChildren(QLabel)]
    parts += [button.text() for button in widget.findChildren(QAbstractButton)]
    return "\n".join(parts)


def _good_database(path: Path, *, with_backup: bool) -> None:
    engine = create_database(path)
    with Session(engine) as session:
        session.add(Division(code="370202", name="市南区", level="district"))
        session.commit()
    if with_backup:
        make_backup(engine, path, reason="test")
    engine.dispose()


def _break(path: Path) -> None:
    for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        side.unlink(missing_ok=True)
    path.write_bytes(GARBAGE)


def _quarantined(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.bad-*"))


def _divisions(engine: object) -> list[str]:
    with Session(engine) as session:  # type: ignore[arg-type]
        return list(session.scalars(select(Division.name)))


def test_restore_the_latest_backup_keeps_the_bad_file(app: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "community.sqlite"
    _good_database(path, with_backup=True)
    _break(path)

    answer = Answerer(CorruptDatabaseDialog, lambda d: d.restore_button.click())  # type: ignore[attr-defined]
    opened = open_database_interactive(path)

    assert opened is not None
    shown = answer.texts[0]
    assert "数据库文件已损坏，或者不是本程序的数据库" in shown
    assert str(path) in shown
    assert "恢复最近的备份（20" in shown and "新建空数据库" in shown and "退出" in shown
    assert _divisions(opened.engine) == ["市南区"]  # the backup's content
    kept = _quarantined(path)
    assert len(kept) == 1 and kept[0].read_bytes() == GARBAGE
    assert str(kept[0]) in opened.notice
    opened.engine.dispose()


def test_start_a_new_database_keeps_the_bad_file(app: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "community.sqlite"
    path.write_bytes(GARBAGE)

    answer = Answerer(CorruptDatabaseDialog, lambda d: d.new_button.click())  # type: ignore[attr-defined]
    opened = open_database_interactive(path)

    assert opened is not None
    assert answer.seen[0].restore_button is None  # type: ignore[attr-defined]  # no backup to offer
    assert "没有找到这个数据库的备份" in answer.texts[0]
    assert _divisions(opened.engine) == []
    kept = _quarantined(path)
    assert len(kept) == 1 and kept[0].read_bytes() == GARBAGE
    opened.engine.dispose()


def test_quit_changes_nothing(app: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "community.sqlite"
    _good_database(path, with_backup=True)
    _break(path)
    before = sorted(p.name for p in tmp_path.rglob("*"))

    answer = Answerer(CorruptDatabaseDialog, lambda d: d.quit_button.click())  # type: ignore[attr-defined]
    assert open_database_interactive(path) is None

    assert answer.seen
    assert path.read_bytes() == GARBAGE
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_database_from_a_newer_version_is_refused_untouched(app: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "community.sqlite"
    engine = create_database(path)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f999_from_the_future'"))
    engine.dispose()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Close).click()

    answer = Answerer(QMessageBox, close)
    assert open_database_interactive(path) is None

    assert "这个数据库是由更新版本的程序创建的" in answer.texts[0]
    assert "数据库没有做任何改动。请把本程序升级到最新版本后再打开" in answer.texts[0]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_without_a_user_a_bad_file_is_left_alone(app: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "community.sqlite"
    path.write_bytes(GARBAGE)
    assert open_database_interactive(path, interactive=False) is None
    assert path.read_bytes() == GARBAGE and not _quarantined(path)


@pytest.mark.parametrize(("demo", "label"), [(False, "新建空数据库"), (True, "重新生成演示数据库")])
def test_the_new_database_choice_says_what_it_does(app: QApplication, tmp_path: Path, demo: bool,
                                                   label: str) -> None:
    dialog = CorruptDatabaseDialog(tmp_path / "x.sqlite", None, demo=demo)
    assert dialog.new_button.text() == label
    dialog.deleteLater()
