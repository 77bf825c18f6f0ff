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
MIN_WIDTH = 620
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


class _ChoiceDialog(QDialog):
    """What the database dialogs share: a warning icon, heading, body and hint, a row of
    buttons; the user's answer is self.choice. Subclasses write their own texts (self.tr
    in the subclass itself, so lupdate and PySide agree on the context)."""

    def __init__(self, db_path: Path, backup: Path | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowIcon(icon("app"))
        self.choice = Choice.QUIT
        self.db_path = db_path
        self.backup = backup
        self.restore_button: QPushButton | None = None
        self.quit_button = named(QPushButton(), "quitButton")
        self.quit_button.clicked.connect(self._choose_quit)

    def _make_restore_button(self, text: str) -> None:
        if self.backup is None:
            return
        when = format_seconds(backup_time(self.backup))
        self.restore_button = named(QPushButton(text.replace("%1", when)), "restoreButton")
        self.restore_button.clicked.connect(self._choose_restore)

    def _lay_out(self, heading_text: str, body_text: str, hint_text: str, buttons: list[QPushButton]) -> None:
        heading = named(QLabel(heading_text), "dialogHeading")
        heading.setWordWrap(True)
        body = named(QLabel(body_text), "dialogBody")
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = named(QLabel(hint_text), "dialogHint")
        hint.setWordWrap(True)

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

        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            button.setAutoDefault(False)
            row.addWidget(button)
        buttons[0].setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 20)
        layout.setSpacing(18)
        layout.addLayout(top)
        layout.addLayout(row)
        # wrapped labels need their height for the width the buttons leave: size the dialog
        # so that no sentence and no button is cut off (English is longer than Chinese)
        margins = layout.contentsMargins()
        width = max(MIN_WIDTH, row.sizeHint().width() + margins.left() + margins.right())
        height = self.heightForWidth(width)
        self.setMinimumSize(width, height)
        self.resize(width, height)

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


class CorruptDatabaseDialog(_ChoiceDialog):
    """At start-up: a damaged or foreign database file. Restore, start anew, or quit."""

    def __init__(self, db_path: Path, backup: Path | None, *, demo: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(db_path, backup, parent)
        self.setObjectName("dbProblemDialog")
        self.setWindowTitle(self.tr("数据库文件无法打开"))
        self._make_restore_button(self.tr("恢复最近的备份（%1）"))
        new_text = self.tr("重新生成演示数据库") if demo else self.tr("新建空数据库")
        self.new_button = named(QPushButton(new_text), "newDatabaseButton")
        self.new_button.clicked.connect(self._choose_new)
        self.quit_button.setText(self.tr("退出"))
        if backup is None:
            hint = self.tr("没有找到这个数据库的备份。如果您有别处保存的副本，可以先退出，"
                           "把副本放回原位置后再启动程序。")
        else:
            hint = self.tr("恢复备份后，备份时间之后录入的数据不会包含在内。")
        body = self.tr(
            "程序无法读取这个文件：\n%1\n\n"
            "无论选择哪一项，这个文件都不会被覆盖或删除；恢复备份或新建数据库时，"
            "它会改名保存在同一个文件夹里。请选择接下来怎么做："
        ).replace("%1", str(db_path))
        buttons = [b for b in (self.restore_button, self.new_button, self.quit_button) if b is not None]
        self._lay_out(self.tr("数据库文件已损坏，或者不是本程序的数据库"), body, hint, buttons)


class DamagedDatabaseDialog(_ChoiceDialog):
    """While the app runs: the background page check found damage. Restore or quit; starting
    a new database is not offered here, the file still holds the community's data."""

    def __init__(self, db_path: Path, backup: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(db_path, backup, parent)
        self.setObjectName("damagedDatabaseDialog")
        self.setWindowTitle(self.tr("数据库文件检测到损坏"))
        self._make_restore_button(self.tr("恢复最近的备份（%1）"))
        self.quit_button.setText(self.tr("退出"))
        body = self.tr(
            "程序在后台检查数据库时，发现这个文件有损坏的部分：\n%1\n\n"
            "继续使用可能读到错误的数据，新录入的内容也可能丢失。"
        ).replace("%1", str(db_path))
        if backup is None:
            hint = self.tr("没有找到这个数据库的备份。请退出程序，不要删除或移动这个文件，"
                           "并联系系统管理员或技术支持处理。")
        else:
            hint = self.tr("建议立即恢复最近的备份：损坏的文件会改名保存在同一个文件夹里，不会被删除；"
                           "恢复后请重新登录。备份时间之后录入的数据不会包含在内。")
        buttons = [b for b in (self.restore_button, self.quit_button) if b is not None]
        self._lay_out(self.tr("数据库文件检测到损坏"), body, hint, buttons)


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
