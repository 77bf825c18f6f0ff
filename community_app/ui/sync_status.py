"""The sync corner of the status bar: a coloured dot for the state, one line of plain text
(last sync in Beijing time, how many changes wait, conflicts and rejected changes, or what
went wrong and that nothing is lost), and the 「同步」 button."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from community_app.sync.status import SyncOverview
from community_app.ui.sync_controller import SyncController
from community_app.ui.sync_texts import short_problem
from community_app.ui.timefmt import to_local
from community_app.ui.widgets.named import named

COLOURS = {"ok": "#2E7D32", "waiting": "#E0A100", "error": "#C62828", "running": "#1F5FBF", "off": "#8A96A3"}
TEXT_WIDTH = 520


def _dot(colour: str, size: int = 12) -> QPixmap:
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return pixmap


class _StatusText(QLabel):
    """The status line: whole text in text() and the tooltip's first line, shortened at the
    end only when painted (the style sheet's padding and font are known only then)."""

    clicked = Signal()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), TEXT_WIDTH), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 160), hint.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class SyncStatusWidget(QWidget):
    """Shows what the controller knows; 「同步」 starts a run, a click on the text opens the sync page."""

    details_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.controller = controller
        self.state = "off"
        self.icon_label = named(QLabel(), "syncStateIcon")
        self.text_label = named(_StatusText(), "syncStatusText")
        self.text_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.text_label.clicked.connect(self.details_requested)
        self.sync_button = named(QPushButton(), "syncNowButton")
        self.sync_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sync_button.clicked.connect(controller.sync_now)
        self.sync_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(6)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.text_label)
        layout.addWidget(self.sync_button)
        self._progress_text = ""
        controller.overview_changed.connect(self._show)
        controller.running_changed.connect(self._on_running)
        controller.progress.connect(self._on_progress)
        self._retranslate()
        self._show(controller.current)

    def _on_running(self, running: bool) -> None:
        self._progress_text = ""
        self._show(self.controller.current)

    def _on_progress(self, _done: int, _total: int, text: str) -> None:
        self._progress_text = text
        self._show(self.controller.current)

    def _show(self, o: SyncOverview | None) -> None:
        running = self.controller.running
        self.sync_button.setEnabled(not running and (o is None or o.enrolled))
        state, text, tip = self._describe(o, running)
        self.state = state
        self.icon_label.setPixmap(_dot(COLOURS[state]))
        self.text_label.setText(text)
        self.text_label.setToolTip(tip or text)
        self.setProperty("state", state)

    def _describe(self, o: SyncOverview | None, running: bool) -> tuple[str, str, str]:
        if o is None:
            return "off", self.tr("同步状态读取中…"), ""
        if not o.enrolled:
            return "off", self.tr("未连接城市平台（本机数据照常保存）"), self.tr("请管理员在“数据同步”页登记本机。")
        parts: list[str] = []
        if running:
            parts.append(self._progress_text or self.tr("正在同步…"))
        elif getattr(self.controller.last_report, "cancelled", False):
            parts.append(short_problem("cancelled", ""))
        elif o.last_error_code:
            parts.append(short_problem(o.last_error_code, o.last_error_message))
        elif o.last_success_at is not None:
            parts.append(self.tr("已同步 %1").replace("%1", to_local(o.last_success_at).strftime("%m-%d %H:%M")))
        else:
            parts.append(self.tr("尚未同步"))
        if o.waiting:
            parts.append(self.tr("待上传 %1 条").replace("%1", str(o.waiting)))
        if o.conflicts:
            parts.append(self.tr("冲突 %1 条").replace("%1", str(o.conflicts)))
        if o.rejected:
            parts.append(self.tr("被退回 %1 条").replace("%1", str(o.rejected)))
        tip_lines = []
        if o.last_error_code and o.last_error_message:
            tip_lines.append(o.last_error_message)
        if o.last_success_at is not None:
            tip_lines.append(self.tr("上次成功同步：%1（北京时间）")
                             .replace("%1", to_local(o.last_success_at).strftime("%Y-%m-%d %H:%M:%S")))
        if o.server_url:
            tip_lines.append(self.tr("城市平台：%1").replace("%1", o.server_url))
        if running:
            state = "running"
        elif o.last_error_code or o.conflicts or o.rejected:
            state = "error"
        elif o.waiting:
            state = "waiting"
        else:
            state = "ok"
        return state, "  ·  ".join(parts), "\n".join(tip_lines)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.sync_button.setText(self.tr("同步"))
        self.sync_button.setToolTip(self.tr("立即与城市平台同步"))
        self._show(self.controller.current)
