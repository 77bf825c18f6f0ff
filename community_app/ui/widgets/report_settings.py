"""The left side of the reports page: which report (four tiles), for whom (全社区 / 网格 /
网格员 and the one chosen), which month, the request of a dossier, the roster's filters, and
生成报表. order() turns what is chosen into a core ReportOrder."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from community_app.core.resident_query import FilterChoices
from community_app.reports.catalog import NEEDS_MONTH, REPORT_KINDS, ReportOrder
from community_app.reports.report_scopes import SCOPE_KINDS, ReportScope, ScopeChoices
from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.widgets.named import named
from community_app.ui.widgets.report_month_picker import MonthPicker
from community_app.ui.widgets.report_roster_filter import RosterFilterForm
from community_app.ui.widgets.restyle import restyle

CONTEXT = "ReportSettings"
TITLES: dict[str, str] = {
    "monthly": QT_TRANSLATE_NOOP("ReportSettings", "月度网格工作报告"),
    "visits": QT_TRANSLATE_NOOP("ReportSettings", "特殊群体走访报告"),
    "dossier": QT_TRANSLATE_NOOP("ReportSettings", "诉求办理单"),
    "roster": QT_TRANSLATE_NOOP("ReportSettings", "居民花名册"),
}
HINTS: dict[str, str] = {
    "monthly": QT_TRANSLATE_NOOP("ReportSettings", "指标与上月对比，网格和网格员统计"),
    "visits": QT_TRANSLATE_NOOP("ReportSettings", "各类特殊群体走访覆盖，逾期未走访名单"),
    "dossier": QT_TRANSLATE_NOOP("ReportSettings", "单件诉求的完整办理过程和现场照片"),
    "roster": QT_TRANSLATE_NOOP("ReportSettings", "按条件筛选居民，横向 A4 名册"),
}
SCOPE_NAMES: dict[str, str] = {
    "community": QT_TRANSLATE_NOOP("ReportSettings", "全社区"),
    "grid": QT_TRANSLATE_NOOP("ReportSettings", "网格"),
    "worker": QT_TRANSLATE_NOOP("ReportSettings", "网格员"),
}


def report_title(kind: str) -> str:
    """The report's name in the user's language."""
    return QCoreApplication.translate(CONTEXT, TITLES[kind])


class _Tile(QPushButton):
    """A report to choose: its name over a one-line description."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.setObjectName("reportChoice")
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setProperty("kind", kind)
        self.title = named(QLabel(), "choiceTitle")
        self.hint = named(QLabel(), "choiceHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 7, 14, 7)
        layout.setSpacing(2)
        for label in (self.title, self.hint):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setMinimumHeight(54)


class ReportSettings(QFrame):
    build_requested = Signal()
    kind_changed = Signal(str)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportSettingsCard")
        self._choices: ScopeChoices | None = None
        self.report_title = named(QLabel(), "sectionTitle")
        self.kinds = QButtonGroup(self)
        self.tiles: dict[str, _Tile] = {}
        for i, kind in enumerate(REPORT_KINDS):
            tile = _Tile(kind)
            self.kinds.addButton(tile, i)
            self.tiles[kind] = tile
        self.tiles["monthly"].setChecked(True)
        self.scope_title = named(QLabel(), "sectionTitle")
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QPushButton] = {}
        for i, kind in enumerate(SCOPE_KINDS):
            button = named(QPushButton(), f"scope_{kind}")
            button.setCheckable(True)
            button.setProperty("segment", True)
            button.setProperty("edge", "first" if i == 0 else "last" if i == len(SCOPE_KINDS) - 1 else "middle")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.scope_group.addButton(button, i)
            self.scope_buttons[kind] = button
        self.scope_combo = named(QComboBox(), "scopeCombo")
        self.month_label = named(QLabel(), "formLabel")
        self.month_picker = MonthPicker(today)
        self.dossier_title = named(QLabel(), "sectionTitle")
        self.ticket_edit = named(QLineEdit(), "ticketEdit")
        self.ticket_hint = named(QLabel(), "fieldHint")
        self.ticket_hint.setWordWrap(True)
        self.roster_title = named(QLabel(), "sectionTitle")
        self.roster_form = RosterFilterForm()
        self.privacy_note = named(QLabel(), "privacyNote")
        self.privacy_note.setWordWrap(True)
        self.build_button = named(QPushButton(), "buildButton")
        self.build_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._build()
        self.kinds.idClicked.connect(lambda i: self.choose_report(REPORT_KINDS[i]))
        self.scope_group.idClicked.connect(lambda i: self.choose_scope(SCOPE_KINDS[i]))
        self.build_button.clicked.connect(self.build_requested)
        self.ticket_edit.returnPressed.connect(self.build_requested)
        self._retranslate()
        self.choose_report("monthly")

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(7)
        layout.addWidget(self.report_title)
        for tile in self.tiles.values():
            layout.addWidget(tile)
        layout.addSpacing(8)
        self.scope_box = QWidget()
        box = QVBoxLayout(self.scope_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        box.addWidget(self.scope_title)
        segments = QHBoxLayout()
        segments.setSpacing(0)
        for button in self.scope_buttons.values():
            segments.addWidget(button, 1)
        box.addLayout(segments)
        box.addWidget(self.scope_combo)
        month_row = QHBoxLayout()
        month_row.addWidget(self.month_label)
        month_row.addWidget(self.month_picker, 1)
        box.addLayout(month_row)
        self.dossier_box = QWidget()
        dossier = QVBoxLayout(self.dossier_box)
        dossier.setContentsMargins(0, 0, 0, 0)
        dossier.setSpacing(6)
        dossier.addWidget(self.dossier_title)
        dossier.addWidget(self.ticket_edit)
        dossier.addWidget(self.ticket_hint)
        self.roster_box = QWidget()
        roster = QVBoxLayout(self.roster_box)
        roster.setContentsMargins(0, 0, 0, 0)
        roster.setSpacing(8)
        roster.addWidget(self.roster_title)
        roster.addWidget(self.roster_form)
        for section in (self.scope_box, self.dossier_box, self.roster_box):
            layout.addWidget(section)
        layout.addStretch(1)
        layout.addWidget(self.privacy_note)
        layout.addSpacing(4)
        layout.addWidget(self.build_button)

    # texts --------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.report_title.setText(self.tr("选择报表"))
        for kind, tile in self.tiles.items():
            tile.title.setText(self.tr(TITLES[kind]))
            tile.hint.setText(self.tr(HINTS[kind]))
        self.scope_title.setText(self.tr("统计范围"))
        for kind, button in self.scope_buttons.items():
            button.setText(self.tr(SCOPE_NAMES[kind]))
        self.month_label.setText(self.tr("统计月份"))
        self.dossier_title.setText(self.tr("诉求"))
        self.ticket_edit.setPlaceholderText(self.tr("输入诉求编号，如 ZS202611200001"))
        self.ticket_hint.setText(self.tr("也可在诉求详情页点击“打印办理单”直接预览。"))
        self.roster_title.setText(self.tr("筛选条件"))
        self.build_button.setText(self.tr("生成报表"))

    # choices ------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return REPORT_KINDS[max(self.kinds.checkedId(), 0)]

    @property
    def scope_kind(self) -> str:
        return SCOPE_KINDS[max(self.scope_group.checkedId(), 0)]

    def choose_report(self, kind: str) -> None:
        self.tiles[kind].setChecked(True)
        self.scope_box.setVisible(kind in NEEDS_MONTH)
        self.dossier_box.setVisible(kind == "dossier")
        self.roster_box.setVisible(kind == "roster")
        self.kind_changed.emit(kind)

    def set_choices(self, scopes: ScopeChoices, residents: FilterChoices) -> None:
        self._choices = scopes
        self.scope_buttons["community"].setEnabled(scopes.whole_community)
        self.scope_buttons["grid"].setEnabled(bool(scopes.grids))
        self.scope_buttons["worker"].setEnabled(bool(scopes.workers))
        self.roster_form.set_choices(residents, any_grid=scopes.whole_community)
        self.choose_scope(scopes.default().kind)

    def choose_scope(self, kind: str, item_id: str | None = None) -> None:
        self.scope_buttons[kind].setChecked(True)
        choices = self._choices
        items: tuple[tuple[str, str], ...] = ()
        if choices is not None:
            items = choices.grids if kind == "grid" else choices.workers if kind == "worker" else \
                ((choices.community_code or "", choices.community_name),)
        self.scope_combo.clear()
        for value, name in items:
            self.scope_combo.addItem(name, value)
        self.scope_combo.setEnabled(kind != "community")
        if item_id is not None:
            self.scope_combo.setCurrentIndex(max(0, self.scope_combo.findData(item_id)))

    def scope(self) -> ReportScope:
        kind = self.scope_kind
        if kind == "community":
            return ReportScope("community", None, self._choices.community_name if self._choices else "")
        return ReportScope(kind, self.scope_combo.currentData(), self.scope_combo.currentText())  # type: ignore[arg-type]

    def order(self) -> ReportOrder:
        return ReportOrder(self.kind, scope=self.scope(), month=self.month_picker.month,
                           request_ref=self.ticket_edit.text().strip(),
                           resident_filter=self.roster_form.resident_filter(), sort=self.roster_form.sort)

    def set_privacy(self, text: str, warning: bool) -> None:
        self.privacy_note.setText(text)
        self.privacy_note.setProperty("tone", "warning" if warning else "")
        restyle(self.privacy_note)
