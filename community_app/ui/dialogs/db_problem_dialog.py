"""Dialogs for a database that cannot be opened. Plain words: what happened, what to do.

The damaged file is never overwritten: restoring or starting anew first moves it aside
(db.backup.quarantine), so it can still be examined or rescued.
"""

from __future__ import annotations

import enum
import re
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from community_app.ui.icons import icon
from community_app.ui.timefmt import format_seconds
from community_app.ui.widgets.named import named

translate = QCoreApplication.translate
_STAMP = re.compile(r"-(\d{8}T\d{6})\d*Z")


class Choice(enum.Enum):
    RESTORE = "restore"
    NEW = "new"
    QUIT = "quit"


def backup_time(backup: Path) -> datetime:
    """When a backup was made: from its name (db.backup writes a UTC stamp), else its mtime."""
    found = _STAMP.search(backup.name)
    if found:
        return datetime.strptime(found.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    return datetime.fromtimestamp(backup.stat().st_mtime, UTC)


class CorruptDatabaseDialog(QDialog):
    """Asks what to do with a damaged or foreign database file; the answer is self.choice."""

    def __init__(self, db_path: Path, backup: Path | None, *, demo: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dbProblemDialog")
        self.setWindowIcon(icon("app"))
        self.setWindowTitle(self.tr("数据库文件无法打开"))
        self.choice = Choice.QUIT
        self.db_path = db_path
        self.backup = backup

        heading = named(QLabel(self.tr("数据库文件已损坏，或者不是本程序的数据库")), "dialogHeading")
        heading.setWordWrap(True)
        body = named(QLabel(), "dialogBody")
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.setText(self.tr(
            "程序无法读取这个文件：\n%1\n\n"
            "无论选择哪一项，这个文件都不会被覆盖或删除；恢复备份或新建数据库时，"
            "它会改名保存在同一个文件夹里。请选择接下来怎么做："
        ).replace("%1", str(db_path)))

        self.restore_button: QPushButton | None = None
        if backup is not None:
            when = format_seconds(backup_time(backup))
            self.restore_button = named(QPushButton(self.tr("恢复最近的备份（%1）").replace("%1", when)),
                                        "restoreButton")
            self.restore_button.clicked.connect(self._choose_restore)
        new_text = self.tr("重新生成演示数据库") if demo else self.tr("新建空数据库")
        self.new_button = named(QPushButton(new_text), "newDatabaseButton")
        self.new_button.clicked.connect(self._choose_new)
        self.quit_button = named(QPushButton(self.tr("退出")), "quitButton")
        self.quit_button.clicked.connect(self._choose_quit)

        hint = named(QLabel(), "dialogHint")
        hint.setWordWrap(True)
        if backup is None:
            hint.setText(self.tr("没有找到这个数据库的备份。如果您有别处保存的副本，可以先退出，"
                                 "把副本放回原位置后再启动程序。"))
        else:
            hint.setText(self.tr("恢复备份后，备份时间之后录入的数据不会包含在内。"))

        warning_icon = QLabel()
        warning_icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48))
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(warning_icon, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(10)
        texts.addWidget(heading)
        texts.addWidget(body)
        texts.addWidget(hint)
        top.addLayout(texts, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.restore_button, self.new_button, self.quit_button):
            if button is not None:
                button.setAutoDefault(False)
                buttons.addWidget(button)
        (self.restore_button or self.new_button).setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 20)
        layout.setSpacing(18)
        layout.addLayout(top)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)

    # bound methods, not lambdas: a lambda holding self keeps the dialog alive from C++ and
    # crashes PySide's clean-up at exit
    def _choose_restore(self) -> None:
        self._choose(Choice.RESTORE)

    def _choose_new(self) -> None:
        self._choose(Choice.NEW)

    def _choose_quit(self) -> None:
        self._choose(Choice.QUIT)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        if choice is Choice.QUIT:
            self.reject()
        else:
            self.accept()


def too_new_message(db_path: Path, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("tooNewDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("DatabaseProblem", "需要升级程序"))
    box.setText(translate("DatabaseProblem", "这个数据库是由更新版本的程序创建的，当前程序无法打开它。"))
    box.setInformativeText(translate(
        "DatabaseProblem",
        "文件：%1\n\n数据库没有做任何改动。请把本程序升级到最新版本后再打开。"
    ).replace("%1", str(db_path)))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def cannot_open_message(db_path: Path, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("cannotOpenDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("DatabaseProblem", "无法打开数据库"))
    box.setText(translate("DatabaseProblem", "程序无法打开或创建数据库文件。"))
    box.setInformativeText(translate(
        "DatabaseProblem",
        "文件：%1\n\n请确认这个文件夹存在、有写入权限，并且磁盘没有写满。"
        "文件没有被改动。问题解决后请重新启动程序。"
    ).replace("%1", str(db_path)))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box
