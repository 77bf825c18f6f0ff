"""走访周期设置: how often each special group is visited. One row per special-group tag:
whether it is visited at all, every how many days, and a note for the workers. Only the
rows that changed are saved (each through core.visits.set_visit_rule, in one transaction).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import fieldwork_rules
from community_app.core.auth import CurrentUser
from community_app.core.problems import ValidationFailed
from community_app.core.visits import VisitRuleRow, set_visit_rule, visit_rules
from community_app.ui.dialogs.fieldwork_save import read_in_background, write_in_background
from community_app.ui.fieldwork_style import DIALOG_QSS
from community_app.ui.fieldwork_texts import problem_text
from community_app.ui.icons import icon
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job

ACTIVE, NAME, DAYS, NOTE = range(4)
DEFAULT_DAYS = 30


class VisitRulesDialog(QDialog):
    """Emits saved() after changed rules are committed."""

    saved = Signal()

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitRulesDialog")
        self.setWindowIcon(icon("app"))
        self.setStyleSheet(DIALOG_QSS)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._user, self._factory = user, session_factory
        self._job: Job | None = None
        self.rules: list[VisitRuleRow] = []
        self.heading = named(QLabel(), "dialogHeading")
        self.intro = named(QLabel(), "dialogHint")
        self.intro.setWordWrap(True)
        self.table = named(QTableWidget(0, 4), "rulesTable")
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setDefaultSectionSize(40)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((ACTIVE, 90), (NAME, 110), (DAYS, 130)):
            self.table.setColumnWidth(column, width)
        self.error_label = named(QLabel(), "loginError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.save_button = named(QPushButton(), "saveButton")
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button = named(QPushButton(), "formCancelButton")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self._retranslate()
        self.resize(780, 600)
        job = read_in_background(self, "visit_rules", self._factory, visit_rules)
        job.result.connect(self._loaded)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("走访周期设置"))
        self.heading.setText(self.tr("特殊群体走访周期"))
        self.intro.setText(self.tr(
            "勾选需要定期走访的群体并设置周期。一位居民属于多个群体时，按最短的周期走访；"
            "到期后超过 %n 天未走访即计为超期。修改后立即用于所有网格员的走访名单。", "",
            fieldwork_rules.GRACE_DAYS))
        self.table.setHorizontalHeaderLabels([self.tr("定期走访"), self.tr("特殊群体"), self.tr("周期（天）"),
                                              self.tr("说明")])
        self.save_button.setText(self.tr("正在保存…") if self.busy else self.tr("保存"))
        self.cancel_button.setText(self.tr("取消"))

    def _loaded(self, rules: list[VisitRuleRow]) -> None:
        self.rules = rules
        self.table.setRowCount(len(rules))
        for row, rule in enumerate(rules):
            check = named(QCheckBox(), f"ruleActive_{rule.tag_code}")
            check.setChecked(rule.active)
            holder = QWidget()
            box = QHBoxLayout(holder)
            box.setContentsMargins(12, 0, 0, 0)
            box.addWidget(check)
            self.table.setCellWidget(row, ACTIVE, holder)
            name = QLabel(rule.tag_name)
            name.setContentsMargins(8, 0, 0, 0)
            self.table.setCellWidget(row, NAME, name)
            days = named(QSpinBox(), f"ruleDays_{rule.tag_code}")
            days.setRange(1, fieldwork_rules.INTERVAL_MAX)
            days.setValue(rule.interval_days or DEFAULT_DAYS)
            days.setSuffix(self.tr(" 天"))
            self.table.setCellWidget(row, DAYS, days)
            note = named(QLineEdit(rule.note or ""), f"ruleNote_{rule.tag_code}")
            note.setFrame(False)
            note.setCursorPosition(0)
            note.setToolTip(rule.note or "")
            self.table.setCellWidget(row, NOTE, note)
            check.toggled.connect(days.setEnabled)
            days.setEnabled(rule.active)
        self.save_button.setEnabled(True)

    def changed(self) -> list[tuple[str, int, bool, str]]:
        """(tag, days, active, note) of the rows that differ from what was read."""
        result = []
        for row, rule in enumerate(self.rules):
            active = self.table.cellWidget(row, ACTIVE).findChild(QCheckBox).isChecked()  # type: ignore[union-attr]
            days = self.table.cellWidget(row, DAYS).value()  # type: ignore[union-attr]
            note = self.table.cellWidget(row, NOTE).text().strip()  # type: ignore[union-attr]
            if rule.interval_days is None and not active:
                continue  # never had a rule and still none
            if (active, days, note) != (rule.active, rule.interval_days, rule.note or ""):
                result.append((rule.tag_code, days, active, note))
        return result

    @property
    def busy(self) -> bool:
        return self._job is not None and not self._job.done

    def submit(self) -> None:
        todo, user = self.changed(), self._user
        if not todo:
            self.accept()
            return

        def save(session: Session) -> int:
            for tag, days, active, note in todo:
                set_visit_rule(session, user, tag, interval_days=days, active=active, note=note or None)
            return len(todo)

        self._job = write_in_background(self, "save_visit_rules", self._factory, save)
        self._job.result.connect(self._done)
        self._job.error.connect(self._failed)
        self.save_button.setEnabled(False)
        self.save_button.setText(self.tr("正在保存…"))

    def _done(self, outcome: object) -> None:
        self.save_button.setEnabled(True)
        self.save_button.setText(self.tr("保存"))
        if isinstance(outcome, ValidationFailed):
            self.error_label.setText("\n".join(problem_text(p) for p in outcome.problems))
            self.error_label.show()
            return
        self.saved.emit()
        self.accept()

    def _failed(self, _exc: object) -> None:
        self.save_button.setEnabled(True)
        self.save_button.setText(self.tr("保存"))
        self.error_label.setText(self.tr("保存时出现问题，没有保存任何修改。请稍后重试；如果问题反复出现，请联系系统管理员。"))
        self.error_label.show()
