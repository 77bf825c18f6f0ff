"""同步冲突 for supervisors: the records whose change the city refused because the same fields
changed there too. For each differing field: keep ours, take the city's, or type a new value;
「提交处理结果」 writes the result (core: community_app.sync.conflicts) and starts a sync so it
reaches the city at once. Personal numbers stay masked."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.core.problems import ValidationFailed
from community_app.sync.conflicts import EDITED, MINE, THEIRS, Choice, ConflictInfo, open_conflicts, resolve
from community_app.ui.dialogs.fieldwork_save import write_in_background
from community_app.ui.pages.sync_issue_panel import KEY_ROLE, SyncIssuePanel
from community_app.ui.sync_texts import MASKED, field_name, shown_value, table_name
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.named import named
from community_app.ui.widgets.pick_list import show_rows_or_empty

log = logging.getLogger(__name__)
KIND_IDS = {MINE: 0, THEIRS: 1, EDITED: 2}
VALUE_WIDTH = 240  # pixels of a value on its radio button


class _FieldRow:
    """One field's three choices; 'edited' enables the line edit."""

    def __init__(self, field: Any, grid: QGridLayout, row: int, parent: QWidget) -> None:
        self.name = field.name
        self.field = field
        self.group = QButtonGroup(parent)
        name = named(QLabel(field_name(field.name)), "conflictFieldName")
        metrics = parent.fontMetrics()
        mine, theirs = shown_value(field.name, field.mine), shown_value(field.name, field.theirs)
        # long values (notes, descriptions) are shortened on the button; the whole value is its tooltip
        self.mine = QRadioButton(metrics.elidedText(mine, Qt.TextElideMode.ElideRight, VALUE_WIDTH))
        self.theirs = QRadioButton(metrics.elidedText(theirs, Qt.TextElideMode.ElideRight, VALUE_WIDTH))
        self.mine.setToolTip(mine)
        self.theirs.setToolTip(theirs)
        self.edited = QRadioButton(QCoreApplication.translate("ConflictsPanel", "改为"))
        self.editor = named(QLineEdit(), f"edit_{field.name}")
        self.editor.setEnabled(False)
        self.editor.setPlaceholderText(QCoreApplication.translate("ConflictsPanel", "输入新的值"))
        for button, key in ((self.mine, MINE), (self.theirs, THEIRS), (self.edited, EDITED)):
            button.setObjectName(f"{key}_{field.name}")
            self.group.addButton(button, KIND_IDS[key])
        self.edited.toggled.connect(self.editor.setEnabled)
        if not field.differs:  # both sides agree: nothing to decide
            self.theirs.setChecked(True)
            for w in (self.mine, self.theirs, self.edited, self.editor):
                w.setEnabled(False)
            name.setToolTip(QCoreApplication.translate("ConflictsPanel", "两边的值相同，无需选择"))
        elif field.name in MASKED:  # a typed ID or phone would have to be shown in full
            self.edited.setEnabled(False)
        edit_box = QHBoxLayout()
        edit_box.setSpacing(6)
        edit_box.addWidget(self.edited)
        edit_box.addWidget(self.editor, 1)
        grid.addWidget(name, row, 0)
        grid.addWidget(self.mine, row, 1)
        grid.addWidget(self.theirs, row, 2)
        grid.addLayout(edit_box, row, 3)

    def choice(self) -> Choice | None:
        checked = self.group.checkedId()
        if checked == KIND_IDS[MINE]:
            return Choice(MINE)
        if checked == KIND_IDS[THEIRS]:
            return Choice(THEIRS)
        if checked == KIND_IDS[EDITED]:
            return Choice(EDITED, self.editor.text().strip() or None)
        return None


class ConflictsPanel(SyncIssuePanel):
    resolved = Signal(str)  # conflict id: resolved and committed (the page starts a sync)
    job_name = "open_conflicts"
    fetch = staticmethod(open_conflicts)

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(user, session_factory, name="conflictsPanel", list_name="conflictList", parent=parent)
        self.rows: list[_FieldRow] = []
        self.title_label = named(QLabel(), "sectionTitle")
        self.title_label.setWordWrap(True)
        self.meta_label = named(QLabel(), "conflictMeta")
        self.meta_label.setWordWrap(True)
        self.submit_button = named(QPushButton(), "primaryButton")
        self.submit_button.clicked.connect(self.submit)
        self.fields_box = QWidget()
        self.grid = QGridLayout(self.fields_box)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.fields_box)
        self._lay_out("conflictDetail", [(self.title_label, 0), (self.meta_label, 0), (scroll, 1)],
                      [self.submit_button])
        self._retranslate()
        self._show_list()

    @property
    def conflicts(self) -> list[ConflictInfo]:
        return self.items

    def key_of(self, item: ConflictInfo) -> str:
        return item.id

    def _retranslate(self) -> None:
        self.submit_button.setText(self.tr("提交处理结果"))
        self.submit_button.setToolTip(self.tr("按所选的值保存，并立即发送到城市平台"))

    def _show_list(self, keep: str | None = None) -> None:
        rows = [(self.tr("%1 · %2\n%3 个字段有分歧 · %4").replace("%1", table_name(c.table)).replace(
                    "%2", c.label).replace("%3", str(len(c.differing))).replace("%4", format_minutes(c.detected_at)),
                 c.id, None) for c in self.conflicts]
        if not show_rows_or_empty(self.list, rows, KEY_ROLE, keep=keep, allowed=self.allowed,
                                  empty_label=self.empty_label, body=self.splitter,
                                  empty_text=self.tr("没有待处理的同步冲突。本机和城市平台的数据一致。"),
                                  refused_text=self.tr("只有社区负责人和系统管理员可以处理同步冲突。")):
            self._show_detail(None)

    def _show_detail(self, c: ConflictInfo | None) -> None:
        self.current = c
        while self.grid.count():
            child = self.grid.takeAt(0)
            if child is not None:
                if child.widget() is not None:
                    child.widget().deleteLater()
                elif child.layout() is not None:
                    _clear(child.layout())
        self.rows = []
        self.message_label.hide()
        self.submit_button.setEnabled(c is not None)
        if c is None:
            self.title_label.clear()
            self.meta_label.clear()
            return
        self.title_label.setText(self.tr("%1：%2").replace("%1", table_name(c.table)).replace("%2", c.label))
        meta = self.tr("本机的修改被城市平台退回：同一字段在城市平台上也被改过（城市平台版本 %1，发现于 %2）。"
                       "请逐项选择保留哪个值。").replace("%1", str(c.server_version)).replace(
            "%2", format_minutes(c.detected_at))
        if c.server_deleted:
            meta += self.tr(" 注意：这条记录在城市平台上已被删除。")
        self.meta_label.setText(meta)
        for column, text in enumerate((self.tr("字段"), self.tr("本机的值"), self.tr("城市平台的值"),
                                       self.tr("改为其他值"))):
            self.grid.addWidget(named(QLabel(text), "conflictColumnTitle"), 0, column)
        ordered = sorted(c.fields, key=lambda f: not f.differs)
        for i, f in enumerate(ordered, start=1):
            self.rows.append(_FieldRow(f, self.grid, i, self))
        self.grid.setColumnStretch(3, 1)
        self.grid.setRowStretch(len(ordered) + 1, 1)

    # resolving -------------------------------------------------------------------------------
    def choices(self) -> dict[str, Choice]:
        return {row.name: choice for row in self.rows if row.field.differs and (choice := row.choice()) is not None}

    def choose(self, field: str, kind: str, value: str = "") -> None:
        """Pick a side for one field (the same as clicking it; tests and keyboard users)."""
        row = next(r for r in self.rows if r.name == field)
        {MINE: row.mine, THEIRS: row.theirs, EDITED: row.edited}[kind].setChecked(True)
        if kind == EDITED:
            row.editor.setText(value)

    def submit(self) -> None:
        c = self.current
        if c is None:
            return
        choices = self.choices()
        missing = [f.name for f in c.differing if f.name not in choices]
        if missing:
            self._say(self.tr("请为每个有分歧的字段选择保留哪一方的值：%1").replace(
                "%1", "、".join(field_name(m) for m in missing)))
            return
        if any(ch.kind == EDITED and ch.value is None for ch in choices.values()):
            self._say(self.tr("选择“改为”时请填写新的值。"))
            return
        actor = self.user.id
        conflict_id = c.id
        self.submit_button.setEnabled(False)
        job = write_in_background(self, "resolve_conflict", self.session_factory,
                                  lambda s: resolve(s, conflict_id, choices, actor_id=actor))
        job.result.connect(lambda value: self._done(conflict_id, value))
        job.error.connect(lambda _exc: self._say(self.tr("保存失败，请重试；如果一直这样，请联系管理员。")))

    def _done(self, conflict_id: str, value: object) -> None:
        if isinstance(value, ValidationFailed):
            self._say("\n".join(p.message for p in value.problems))
            return
        log.info("sync conflict %s resolved", conflict_id)
        self.resolved.emit(conflict_id)
        self.refresh()

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.show()
        self.submit_button.setEnabled(self.current is not None)


def _clear(layout: Any) -> None:
    while layout.count():
        child = layout.takeAt(0)
        if child.widget() is not None:
            child.widget().deleteLater()
