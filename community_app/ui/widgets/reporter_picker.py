"""Who reported a request: a resident found in the register (name, pinyin or phone tail,
through core.resident_query on a background thread; phones masked), or a name and phone
typed in, or nobody (anonymous)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.resident_query import ResidentFilter, ResidentRow, find_residents, resident_rows
from community_app.ui.widgets.choice_pills import ChoicePills, FittingStack
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job, JobContext, run_in_background

MODES = ("resident", "typed", "anonymous")
RESULTS = 8
SEARCH_DELAY_MS = 250


@dataclass(frozen=True)
class Reporter:
    resident_id: str | None
    name: str | None
    phone: str | None


class ReporterPicker(QWidget):
    searched = Signal()  # results of a search are on screen (tests wait on it)

    def __init__(self, session_factory: sessionmaker[Session], community_code: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reporterPicker")
        self._factory, self._community = session_factory, community_code
        self._generation = 0
        self._jobs: list[Job] = []
        self.chosen: ResidentRow | None = None
        self.mode = ChoicePills(MODES, "reporterMode")
        self.mode.set_value("resident")
        self.search = named(QLineEdit(), "reporterSearch")
        self.search.setClearButtonEnabled(True)
        self.results = named(QListWidget(), "reporterResults")
        self.results.setMaximumHeight(150)
        self.results.hide()
        self.chosen_label = named(QLabel(), "reporterChosen")
        self.chosen_label.setWordWrap(True)
        self.clear_button = named(QPushButton(), "revealButton")
        self.clear_button.setAutoDefault(False)
        self.name_edit = named(QLineEdit(), "reporterName")
        self.name_edit.setMaxLength(64)
        self.phone_edit = named(QLineEdit(), "reporterPhone")
        self.phone_edit.setMaxLength(20)
        self.anonymous_label = named(QLabel(), "fieldHint")
        self.anonymous_label.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)

        resident = QWidget()
        lay = QVBoxLayout(resident)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addWidget(self.search)
        lay.addWidget(self.results)
        chosen = QHBoxLayout()
        chosen.addWidget(self.chosen_label, 1)
        chosen.addWidget(self.clear_button)
        lay.addLayout(chosen)
        typed = QWidget()
        row = QHBoxLayout(typed)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.phone_edit, 1)
        self.stack = FittingStack()
        self.stack.addWidget(resident)
        self.stack.addWidget(typed)
        self.stack.addWidget(self.anonymous_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.mode)
        layout.addWidget(self.stack)

        self.mode.changed.connect(self._mode_changed)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self._timer.timeout.connect(self.run_search)
        self.results.itemActivated.connect(self._picked)
        self.results.itemClicked.connect(self._picked)
        self.clear_button.clicked.connect(self._clear_choice)
        self._retranslate()
        self._show_choice()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for code, text in {"resident": self.tr("居民档案中查找"), "typed": self.tr("手动填写"),
                           "anonymous": self.tr("匿名反映")}.items():
            self.mode.set_text(code, text)
        self.search.setPlaceholderText(self.tr("输入姓名、拼音首字母或手机号后四位"))
        self.name_edit.setPlaceholderText(self.tr("反映人姓名"))
        self.phone_edit.setPlaceholderText(self.tr("联系电话（手机或座机）"))
        self.anonymous_label.setText(self.tr("不记录反映人；办理结果无法回访告知。"))
        self.clear_button.setText(self.tr("重新选择"))
        self._show_choice()

    def _mode_changed(self, code: str) -> None:
        self.stack.setCurrentIndex(MODES.index(code))

    # searching ---------------------------------------------------------------------------
    def run_search(self) -> None:
        self._timer.stop()
        text = self.search.text().strip()
        self._generation += 1
        if not text:
            self.results.clear()
            self.results.hide()
            return
        generation, factory, f = self._generation, self._factory, ResidentFilter(self._community, text)

        def find(_ctx: JobContext) -> tuple[int, list[ResidentRow]]:
            with factory() as session:
                return generation, resident_rows(session, find_residents(session, f, limit=RESULTS))

        self._jobs = [j for j in self._jobs if not j.done]
        job = run_in_background(find, name="reporter_search", parent=self)
        job.result.connect(self._found)
        self._jobs.append(job)

    def _found(self, answer: tuple[int, list[ResidentRow]]) -> None:
        generation, rows = answer
        if generation != self._generation:
            return
        self.results.clear()
        for r in rows:
            parts = [r.name, r.phone_masked, r.address]
            item = QListWidgetItem("　".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, r)
            self.results.addItem(item)
        if not rows:
            item = QListWidgetItem(self.tr("没有找到相符的居民，可改为“手动填写”。"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        self.results.show()
        self.searched.emit()

    def _picked(self, item: QListWidgetItem) -> None:
        row = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(row, ResidentRow):
            self.choose(row)

    def choose(self, row: ResidentRow) -> None:
        self.chosen = row
        self.results.hide()
        self._show_choice()

    def _clear_choice(self) -> None:
        self.chosen = None
        self.search.clear()
        self._show_choice()
        self.search.setFocus()

    def _show_choice(self) -> None:
        c = self.chosen
        self.search.setVisible(c is None)
        self.clear_button.setVisible(c is not None)
        self.chosen_label.setVisible(c is not None)
        if c is not None:
            self.chosen_label.setText("　".join(p for p in (c.name, c.phone_masked, c.address) if p))

    # value -------------------------------------------------------------------------------
    def reporter(self) -> Reporter:
        mode = self.mode.value()
        if mode == "resident" and self.chosen is not None:
            return Reporter(self.chosen.id, None, None)
        if mode == "typed":
            return Reporter(None, self.name_edit.text().strip() or None, self.phone_edit.text().strip() or None)
        return Reporter(None, None, None)

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.mode, self.search, self.results, self.clear_button, self.name_edit, self.phone_edit):
            widget.setEnabled(enabled)
