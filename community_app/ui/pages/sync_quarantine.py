"""被退回的修改: changes the city rejected, with its reason. They block nothing else. Fix the
values and 「重新发送」, or 「放弃这条修改」 (core: community_app.sync.quarantine; both audited).
Personal numbers are shown masked and cannot be typed here: fix them in the record itself."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.core.problems import ValidationFailed
from community_app.sync.quarantine import RejectedEntry, discard, rejected_entries, requeue
from community_app.ui.dialogs.fieldwork_save import write_in_background
from community_app.ui.pages.sync_issue_panel import KEY_ROLE, SyncIssuePanel
from community_app.ui.sync_texts import MASKED, field_name, shown_value, table_name
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.named import named
from community_app.ui.widgets.pick_list import show_rows_or_empty

FIELD_ROLE = Qt.ItemDataRole.UserRole + 1


class QuarantinePanel(SyncIssuePanel):
    changed = Signal()  # an entry was re-queued or discarded (the page starts a sync)
    job_name = "rejected_entries"
    fetch = staticmethod(rejected_entries)

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(user, session_factory, name="quarantinePanel", list_name="rejectedList", parent=parent)
        self.title_label = named(QLabel(), "sectionTitle")
        self.reason_label = named(QLabel(), "rejectReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("color: #C62828;")
        self.hint_label = named(QLabel(), "hintText")
        self.hint_label.setWordWrap(True)
        self.table = named(QTableWidget(0, 2), "rejectedFields")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.requeue_button = named(QPushButton(), "primaryButton")
        self.discard_button = named(QPushButton(), "dangerButton")
        self.requeue_button.clicked.connect(self.send_again)
        self.discard_button.clicked.connect(self.ask_discard)
        self._lay_out("rejectedDetail", [(self.title_label, 0), (self.reason_label, 0), (self.hint_label, 0),
                                         (self.table, 1)], [self.discard_button, self.requeue_button])
        self._retranslate()
        self._show_list()

    @property
    def entries(self) -> list[RejectedEntry]:
        return self.items

    def key_of(self, item: RejectedEntry) -> int:
        return item.seq

    def _retranslate(self) -> None:
        self.requeue_button.setText(self.tr("重新发送"))
        self.discard_button.setText(self.tr("放弃这条修改"))
        self.hint_label.setText(self.tr("双击“值”一栏可以修改后重新发送。身份证号、电话已隐藏，如需修改请到档案中修改。"))
        self.table.setHorizontalHeaderLabels([self.tr("字段"), self.tr("值")])

    def _show_list(self, keep: int | None = None) -> None:
        rows = [(self.tr("%1 · %2 · %3\n%4").replace("%1", table_name(e.table)).replace("%2", e.label).replace(
                    "%3", format_minutes(e.created_at)).replace("%4", e.reason), e.seq, e.reason)
                for e in self.entries]
        if not show_rows_or_empty(self.list, rows, KEY_ROLE, keep=keep, allowed=self.allowed,
                                  empty_label=self.empty_label, body=self.splitter,
                                  empty_text=self.tr("没有被城市平台退回的修改。"),
                                  refused_text=self.tr("只有社区负责人和系统管理员可以处理被退回的修改。")):
            self._show_detail(None)

    def _show_detail(self, e: RejectedEntry | None) -> None:
        self.current = e
        self.message_label.hide()
        self.table.setRowCount(0)
        for button in (self.requeue_button, self.discard_button):
            button.setEnabled(e is not None)
        if e is None:
            self.title_label.clear()
            self.reason_label.clear()
            return
        ops = {"insert": self.tr("新增"), "update": self.tr("修改"), "delete": self.tr("删除")}
        self.title_label.setText(self.tr("%1：%2 — %3（%4）").replace("%1", table_name(e.table)).replace(
            "%2", e.label).replace("%3", ops.get(e.op, e.op)).replace("%4", format_minutes(e.created_at)))
        self.reason_label.setText(self.tr("城市平台退回的原因：%1").replace("%1", e.reason))
        self.table.setRowCount(len(e.changes))
        for row, (name, value) in enumerate(e.changes.items()):
            label = QTableWidgetItem(field_name(name))
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            label.setData(FIELD_ROLE, name)
            self.table.setItem(row, 0, label)
            cell = QTableWidgetItem(shown_value(name, value) if name in MASKED or value is None
                                    else _editable_text(value))
            if name in MASKED:
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 1, cell)

    def edited_changes(self) -> dict[str, Any]:
        """The change as it will be sent: typed values for the editable fields (empty = null)."""
        assert self.current is not None
        values = dict(self.current.changes)
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 0).data(FIELD_ROLE)
            if name in MASKED:
                continue
            typed = self.table.item(row, 1).text().strip()
            original = values.get(name)
            if original is None and typed == shown_value(name, None):
                continue
            values[name] = typed or None
        return values

    def set_value(self, field: str, text: str) -> None:
        """Type a value into the field's cell (tests; the same as editing it)."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(FIELD_ROLE) == field:
                self.table.item(row, 1).setText(text)
                return
        raise KeyError(field)

    def send_again(self) -> None:
        e = self.current
        if e is None:
            return
        changes = self.edited_changes()
        actor, seq = self.user.id, e.seq
        self._busy(True)
        job = write_in_background(self, "requeue", self.session_factory,
                                  lambda s: requeue(s, seq, changes, actor_id=actor))
        job.result.connect(self._done)
        job.error.connect(lambda _exc: self._say(self.tr("保存失败，请重试；如果一直这样，请联系管理员。")))

    def ask_discard(self) -> None:
        if self.current is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("放弃这条修改"),
                          self.tr("放弃后，这条修改不会再发送到城市平台，本机的记录会在下次从城市平台收到更新时恢复一致。确定放弃吗？"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.discard_current()

    def discard_current(self) -> None:
        e = self.current
        if e is None:
            return
        actor, seq = self.user.id, e.seq
        self._busy(True)
        job = write_in_background(self, "discard", self.session_factory,
                                  lambda s: discard(s, seq, actor_id=actor, reason="quarantine page"))
        job.result.connect(self._done)

    def _done(self, value: object) -> None:
        self._busy(False)
        if isinstance(value, ValidationFailed):
            self._say("\n".join(p.message for p in value.problems))
            return
        self.changed.emit()
        self.refresh()

    def _busy(self, busy: bool) -> None:
        for button in (self.requeue_button, self.discard_button):
            button.setEnabled(not busy and self.current is not None)

    def _say(self, text: str) -> None:
        self._busy(False)
        self.message_label.setText(text)
        self.message_label.show()


def _editable_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
