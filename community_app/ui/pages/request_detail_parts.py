"""The pieces of the request page: its head (ticket, title, stage and deadline badges,
the actions), the facts, photo thumbnails and the timeline. They only show what they are
handed (a core.requests.RequestDetail and thumbnail bytes read off the GUI thread)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from community_app.core.attachments import PhotoInfo
from community_app.core.requests import RequestDetail, TimelineEvent
from community_app.ui.i18n import stage_name
from community_app.ui.request_texts import ACTION_NAMES, BACKWARD_ACTIONS, name_of
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.named import named
from community_app.ui.widgets.restyle import restyle

THUMB = 96  # pixels: the longer side of a thumbnail on the page
TIMELINE_PHOTO_COLUMNS = 8
RAIL_COLOURS = {"forward": "#1F5FBF", "back": "#D98A00", "done": "#2E7D4F", "side": "#8A99AD",
                "stop": "#7A899B"}


def action_kind(action: str) -> str:
    if action in BACKWARD_ACTIONS:
        return "back"
    if action in ("close", "review"):
        return "done"
    if action in ("reject", "merge"):
        return "stop"
    if action in ("note", "escalate", "request_extension", "approve_extension", "deny_extension"):
        return "side"
    return "forward"


class PhotoThumb(QToolButton):
    """A thumbnail; a click opens the original in the system's picture viewer."""

    def __init__(self, photo: PhotoInfo, data: bytes | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoThumb")
        self.photo = photo
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(photo.filename)
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            pixmap = pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            self.setIcon(pixmap)
            self.setIconSize(pixmap.size())
        else:  # the file is missing (another device's photo not synced yet)
            self.setText(self.tr("照片\n暂不可用"))
        self.setFixedSize(QSize(THUMB + 8, THUMB + 8))
        self.clicked.connect(self.open_original)

    def open_original(self) -> None:
        if self.photo.path.exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.photo.path)))


class PhotoStrip(QWidget):
    """Thumbnails in rows of `columns`. A grid, not a flow layout: inside a scroll area a
    height-for-width layout is given too little height and its rows overlap the next ones."""

    def __init__(self, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoStrip")
        self._columns = columns
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self._grid.setColumnStretch(columns, 1)
        self.thumbs: list[PhotoThumb] = []

    def fill(self, photos: Sequence[PhotoInfo], thumbs: dict[str, bytes]) -> None:
        for old in self.thumbs:
            self._grid.removeWidget(old)
            old.deleteLater()
        self.thumbs = [PhotoThumb(p, thumbs.get(p.sha256)) for p in photos]
        for i, thumb in enumerate(self.thumbs):
            self._grid.addWidget(thumb, i // self._columns, i % self._columns)
        self.setVisible(bool(photos))


class _Rail(QWidget):
    """The timeline's dot and the line through it (the first row starts at its dot, the last ends there)."""

    def __init__(self, colour: str, *, first: bool, last: bool) -> None:
        super().__init__()
        self._colour, self._first, self._last = QColor(colour), first, last
        self.setFixedWidth(22)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x, dot_y = self.width() / 2, 17.0
        painter.setPen(QPen(QColor("#D5DCE5"), 2))
        if not self._first:
            painter.drawLine(QPointF(x, 0), QPointF(x, dot_y))
        if not self._last:
            painter.drawLine(QPointF(x, dot_y), QPointF(x, self.height()))
        painter.setPen(QPen(QColor("#FFFFFF"), 2))
        painter.setBrush(self._colour)
        painter.drawEllipse(QPointF(x, dot_y), 6.5, 6.5)
        painter.end()


class RequestTimeline(QWidget):
    """The append-only timeline, oldest first: when, who, what, from → to, note, photos."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestTimeline")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.rows: list[QFrame] = []
        self.events: tuple[TimelineEvent, ...] = ()

    def fill(self, events: tuple[TimelineEvent, ...], thumbs: dict[str, bytes]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.events = events
        self.rows = [self._row(e, thumbs, first=i == 0, last=i == len(events) - 1) for i, e in enumerate(events)]
        for row in self.rows:
            self._layout.addWidget(row)

    def texts(self) -> list[str]:
        """Each row's words after its time (action, who, stages, extras, note), for tests and accessibility."""
        return [" ".join(label.text() for label in row.findChildren(QLabel)
                         if label.text() and label.objectName() != "timelineTime") for row in self.rows]

    def _row(self, e: TimelineEvent, thumbs: dict[str, bytes], *, first: bool, last: bool) -> QFrame:
        row = named(QFrame(), "requestTimelineRow")
        when = named(QLabel(format_minutes(e.at)), "timelineTime")
        when.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        kind = action_kind(e.action)
        action = named(QLabel(name_of(ACTION_NAMES, e.action, e.action_name)), "timelineAction")
        action.setProperty("kind", kind)
        actor = named(QLabel(e.actor_name), "timelineActor")
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(action)
        head.addWidget(actor)
        if e.to_stage:
            move = stage_name(e.to_stage) if not e.from_stage else \
                f"{stage_name(e.from_stage)}  →  {stage_name(e.to_stage)}"
            head.addWidget(named(QLabel(move), "timelineStages"))
        head.addStretch(1)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.setContentsMargins(0, 6, 0, 14)
        text.addLayout(head)
        for line in self._extras(e):
            extra = named(QLabel(line), "timelineExtra")
            extra.setWordWrap(True)
            text.addWidget(extra)
        if e.note:
            note = named(QLabel(e.note), "timelineNote")
            note.setWordWrap(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.addWidget(note)
        if e.photos:
            strip = PhotoStrip(TIMELINE_PHOTO_COLUMNS)
            strip.fill(e.photos, thumbs)
            text.addWidget(strip)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        when.setFixedWidth(128)
        when.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(when, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(_Rail(RAIL_COLOURS[kind], first=first, last=last))
        layout.addLayout(text, 1)
        return row

    def _extras(self, e: TimelineEvent) -> list[str]:
        lines = []
        if e.target_staff_name:
            lines.append(self.tr("承办人：%1").replace("%1", e.target_staff_name))
        if e.target_ticket_no:
            lines.append(self.tr("并入诉求：%1").replace("%1", e.target_ticket_no))
        if e.extension_hours:
            template = self.tr("批准延期 %1 个工作小时") if e.action == "approve_extension" else \
                self.tr("申请延期 %1 个工作小时")
            lines.append(template.replace("%1", str(e.extension_hours)))
        return lines


class FactsGrid(QWidget):
    """Name/value pairs, two pairs a row; a wide value (the place) takes a whole row."""

    link_activated = Signal(str)

    def __init__(self, keys: Sequence[str], wide: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = {k: named(QLabel(), "infoName") for k in keys}
        self.values = {k: named(QLabel(), "infoValue") for k in keys}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        row = column = 0
        for key in keys:
            name, value = self.names[key], self.values[key]
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            value.linkActivated.connect(self.link_activated)
            if key in wide:
                if column:
                    row, column = row + 1, 0
                grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(value, row, 1, 1, 3, Qt.AlignmentFlag.AlignTop)
                row += 1
                continue
            grid.addWidget(name, row, column, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, column + 1, Qt.AlignmentFlag.AlignTop)
            column = 2 if column == 0 else 0
            row += 1 if column == 0 else 0
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def set_value(self, key: str, text: str, empty: str, *, rich: bool = False) -> None:
        label = self.values[key]
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setText(text or empty)
        label.setProperty("empty", not text)
        restyle(label)


def stars(value: int | None) -> str:
    return "" if value is None else "★" * value + "☆" * (5 - value)


def detail_summary(d: RequestDetail) -> str:
    """For the accessibility name of the page head."""
    return f"{d.ticket_no} {d.title} {stage_name(d.stage)}"
