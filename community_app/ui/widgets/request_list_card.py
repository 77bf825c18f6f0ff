"""The right-hand card of the requests page: the list's title, 只看我的 and the search box
above the requests table (badges for stage and deadline state), the line shown when the
list is empty, and 加载更多 below. It only lays out and words its parts; the page fills them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from community_app.ui.models.request_table_model import CODE_ROLE, COLUMN_KEYS, RequestTableModel
from community_app.ui.widgets.named import named
from community_app.ui.widgets.request_badges import DEADLINE_TONES, STAGE_TONES, BadgeDelegate

# sized so that every column fits beside the lists in the main window's default 1440 × 900 in Chinese;
# longer words (English) widen a column to its header and badges (fit_columns)
COLUMN_WIDTHS = {"ticket_no": 128, "title": 200, "category": 94, "stage": 76, "deadline": 78, "due": 92,
                 "grid": 72, "assignee": 56, "channel": 76, "reported": 92}
HEADER_PADDING = 16  # the header section's margins
SORT_ARROW = 16  # and the sort arrow's room on the sorted column
BADGE_PADDING = 36  # BadgeDelegate: 6 px before the pill, 20 px inside it, a gap after
TITLE_MIN = 140  # the title takes the room left over, but never less than this (then the table scrolls)


class RequestListCard(QFrame):
    def __init__(self, model: RequestTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestListCard")
        self.setProperty("card", True)
        self.title = named(QLabel(), "sectionTitle")
        self.search = named(QLineEdit(), "requestSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self.mine_check = named(QCheckBox(), "mineOnly")
        self.table = named(QTableView(), "requestTable")
        self.empty_label = named(QLabel(), "emptyResult")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self.more_label = named(QLabel(), "pageStatus")
        self.more_button = named(QPushButton(), "moreButton")
        self._set_up_table(model)

        tools = QHBoxLayout()
        tools.setSpacing(12)
        tools.addWidget(self.title)
        tools.addStretch(1)
        tools.addWidget(self.mine_check)
        tools.addWidget(self.search)
        footer = QHBoxLayout()
        footer.addWidget(self.more_label)
        footer.addStretch(1)
        footer.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(footer)

    def _set_up_table(self, model: RequestTableModel) -> None:
        t = self.table
        t.setModel(model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.setFrameShape(QFrame.Shape.NoFrame)
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(36)
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        t.setItemDelegateForColumn(COLUMN_KEYS.index("stage"), BadgeDelegate(STAGE_TONES, CODE_ROLE, t))
        t.setItemDelegateForColumn(COLUMN_KEYS.index("deadline"), BadgeDelegate(DEADLINE_TONES, CODE_ROLE, t))
        head = t.horizontalHeader()
        head.setHighlightSections(False)
        head.setSectionsClickable(True)
        head.setSortIndicatorShown(True)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, key in enumerate(COLUMN_KEYS):
            head.resizeSection(i, COLUMN_WIDTHS[key])
        # fits the title column to the width (see eventFilter); the viewport, not the table, narrows
        # when the vertical scroll bar appears
        t.viewport().installEventFilter(self)
        model.modelReset.connect(self.fit_columns)
        model.rowsInserted.connect(self.fit_columns)
        model.headerDataChanged.connect(self.fit_columns)

    def fit_columns(self) -> None:
        """Each column at least as wide as its header and its badges, so no word is cut (English
        stage names are twice as long as Chinese ones); the title takes what is left."""
        head = self.table.horizontalHeader()
        model = self.table.model()
        header_metrics = QFontMetrics(head.font())
        cell_metrics = QFontMetrics(self.table.font())
        badges = {COLUMN_KEYS.index("stage"), COLUMN_KEYS.index("deadline")}
        rows = min(model.rowCount(), 300)  # the first pages; badge words repeat
        for i, key in enumerate(COLUMN_KEYS):
            if key == "title":
                continue
            label = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
            arrow = SORT_ARROW if i == head.sortIndicatorSection() else 0
            wanted = max(COLUMN_WIDTHS[key], header_metrics.horizontalAdvance(label) + HEADER_PADDING + arrow)
            if i in badges:
                words = {str(model.index(r, i).data() or "") for r in range(rows)}
                widest = max((cell_metrics.horizontalAdvance(w) for w in words), default=0)
                wanted = max(wanted, widest + BADGE_PADDING)
            if head.sectionSize(i) != wanted:
                head.resizeSection(i, wanted)
        self._fit_title()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_title()
        return super().eventFilter(watched, event)

    def _fit_title(self) -> None:
        """The title gets the width the other columns leave; Stretch would squeeze it to nothing."""
        head = self.table.horizontalHeader()
        title = COLUMN_KEYS.index("title")
        others = sum(head.sectionSize(i) for i in range(len(COLUMN_KEYS)) if i != title)
        head.resizeSection(title, max(TITLE_MIN, self.table.viewport().width() - others))

    def show_empty(self, empty: bool) -> None:
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("按诉求编号或标题查找"))
        self.mine_check.setText(self.tr("只看我的"))
        self.mine_check.setToolTip(self.tr("只列出派给我、或在我负责网格内的诉求"))
        self.more_button.setText(self.tr("加载更多"))
        self.fit_columns()
