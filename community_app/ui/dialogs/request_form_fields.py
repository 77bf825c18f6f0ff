"""The fields of 登记诉求 and how they are laid out: category (大类 → 小类, with its time limit
and usual urgency), channel (with the 12345 work-order number), urgency, title,
description, place, reporter and photos, each with a message line under it for core's
problems. Reading the fields into a core RequestInput is here too; RequestFormDialog does
the checking and saving."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.categories import CategoryInfo, CategoryNode
from community_app.core.deadlines import WORK_DAYS
from community_app.core.problems import ValidationFailed
from community_app.core.requests import RequestInput
from community_app.core.requests.intake import DESCRIPTION_MAX, TITLE_MAX
from community_app.ui.dialogs.action_dialog import photo_filter
from community_app.ui.request_texts import CHANNEL_NAMES, URGENCY_NAMES, name_of, problem_lines
from community_app.ui.widgets.choice_pills import ChoicePills
from community_app.ui.widgets.field_state import set_flag
from community_app.ui.widgets.named import named
from community_app.ui.widgets.reporter_picker import ReporterPicker
from community_app.ui.widgets.request_location import LocationPicker

FORM_CHANNELS = ("walk_in", "phone", "patrol", "visit", "hotline_12345")  # the kiosk logs its own
FIELDS = ("category", "channel", "urgency", "title", "description", "location", "reporter", "photos")
REQUIRED = ("category", "channel", "description", "location")
# core's problem field → the form's field that shows it
FIELD_OF = {"category_code": "category", "channel": "channel", "urgency": "urgency", "title": "title",
            "description": "description", "location": "location", "building_id": "location",
            "household_id": "location", "grid_cell_id": "location", "reporter": "reporter",
            "reporter_name": "reporter", "phone": "reporter", "photos": "photos", "external_id": "channel"}


class RequestFields(QWidget):
    def __init__(self, session_factory: sessionmaker[Session], community_code: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestFields")
        self.community_code = community_code
        self.tree: list[CategoryNode] = []
        self.photos: list[str] = []
        self._urgency_touched = False
        self.major_combo = named(QComboBox(), "majorCategory")
        self.minor_combo = named(QComboBox(), "minorCategory")
        for combo in (self.major_combo, self.minor_combo):
            combo.setMinimumContentsLength(12)
            combo.setMaxVisibleItems(16)
        self.limit_label = named(QLabel(), "fieldHint")
        self.channel = ChoicePills(FORM_CHANNELS, "channelChoice")
        self.channel.set_value("walk_in")
        self.external_edit = named(QLineEdit(), "externalId")
        self.external_edit.setMaxLength(64)
        self.urgency = ChoicePills(("normal", "urgent"), "urgencyChoice")
        self.urgency.set_value("normal")
        self.title_edit = named(QLineEdit(), "titleEdit")
        self.title_edit.setMaxLength(TITLE_MAX)
        self.description_edit = named(QPlainTextEdit(), "descriptionEdit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(120)
        self.description_count = named(QLabel(), "fieldHint")
        self.location = LocationPicker(session_factory, community_code)
        self.reporter = ReporterPicker(session_factory, community_code)
        self.photo_button = named(QPushButton(), "addPhotoButton")
        self.photo_clear = named(QPushButton(), "revealButton")
        self.photo_label = named(QLabel(), "photoList")
        self.photo_label.setWordWrap(True)
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}
        self._build()
        self.major_combo.currentIndexChanged.connect(lambda _i: self._fill_minors())
        self.minor_combo.currentIndexChanged.connect(lambda _i: self._minor_chosen())
        self.urgency.changed.connect(self._urgency_chosen)
        self.channel.changed.connect(lambda _c: self._show_external())
        self.description_edit.textChanged.connect(self._update_count)
        self.photo_button.clicked.connect(self._add_photos)
        self.photo_clear.clicked.connect(self._clear_photos)

    def _row(self, *widgets: QWidget, vertical: bool = False, stretch_last: bool = False) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box) if vertical else QHBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6 if vertical else 10)
        for i, widget in enumerate(widgets):
            lay.addWidget(widget, 1 if stretch_last and i == len(widgets) - 1 else 0)
        return box

    def _build(self) -> None:
        category = self._row(self.major_combo, self.minor_combo)
        category.layout().setStretch(0, 2)  # type: ignore[union-attr]
        category.layout().setStretch(1, 3)  # type: ignore[union-attr]
        widgets: dict[str, QWidget] = {
            "category": category, "channel": self._row(self.channel, self.external_edit, vertical=True),
            "urgency": self._row(self.urgency, self.limit_label, stretch_last=True), "title": self.title_edit,
            "description": self.description_edit, "location": self.location, "reporter": self.reporter,
            "photos": self._row(self.photo_button, self.photo_clear, self.photo_label, stretch_last=True)}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        r = 0
        for key in FIELDS:
            label = self.labels[key] = named(QLabel(), "formLabel")
            message = self.messages[key] = named(QLabel(), "fieldMessage")
            message.setWordWrap(True)
            message.hide()
            self.inputs[key] = widgets[key]
            top = key in ("description", "location", "reporter", "channel")
            label.setContentsMargins(0, 6 if top else 0, 0, 0)
            align = Qt.AlignmentFlag.AlignTop if top else Qt.AlignmentFlag.AlignVCenter
            grid.addWidget(label, r, 0, Qt.AlignmentFlag.AlignRight | align)
            grid.addWidget(widgets[key], r, 1)
            if key == "description":
                r += 1
                grid.addWidget(self.description_count, r, 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(message, r + 1, 1)
            grid.setRowMinimumHeight(r + 1, 10)
            r += 2

    def retranslate(self) -> None:
        texts = {"category": self.tr("诉求类别"), "channel": self.tr("来源渠道"), "urgency": self.tr("紧急程度"),
                 "title": self.tr("标题"), "description": self.tr("诉求内容"), "location": self.tr("发生地点"),
                 "reporter": self.tr("反映人"), "photos": self.tr("现场照片")}
        for key, text in texts.items():
            self.labels[key].setText(f"{text} *" if key in REQUIRED else text)
        for code in FORM_CHANNELS:
            self.channel.set_text(code, name_of(CHANNEL_NAMES, code))
        for code in ("normal", "urgent"):
            self.urgency.set_text(code, name_of(URGENCY_NAMES, code))
        self.external_edit.setPlaceholderText(self.tr("12345 工单号（选填）"))
        self.title_edit.setPlaceholderText(self.tr("选填；不填则按“地点 + 类别”自动生成"))
        self.description_edit.setPlaceholderText(self.tr("例如：湛山四路20号楼下堆放装修垃圾约两立方米，已三天无人清运。"))
        self.photo_button.setText(self.tr("添加照片…"))
        self.photo_clear.setText(self.tr("清除"))
        if self.major_combo.count():
            self.major_combo.setItemText(0, self.tr("请选择大类"))
        self._fill_minors()
        self._show_photos()
        self._show_external()
        self._update_count()

    def _update_count(self) -> None:
        self.description_count.setText(f"{len(self.description_edit.toPlainText().strip())}/{DESCRIPTION_MAX}")

    def _show_external(self) -> None:
        self.external_edit.setVisible(self.channel.value() == "hotline_12345")

    # categories ---------------------------------------------------------------------------
    def set_categories(self, tree: list[CategoryNode]) -> None:
        self.tree = [node for node in tree if node.minors]
        self.major_combo.blockSignals(True)
        self.major_combo.clear()
        self.major_combo.addItem(self.tr("请选择大类"), None)
        for node in self.tree:
            self.major_combo.addItem(node.major.name, node.major.code)
        self.major_combo.blockSignals(False)
        self._fill_minors()

    def _fill_minors(self) -> None:
        code = self.major_combo.currentData()
        node = next((n for n in self.tree if n.major.code == code), None)
        self.minor_combo.blockSignals(True)
        self.minor_combo.clear()
        self.minor_combo.addItem(self.tr("请选择小类") if node else self.tr("先选择大类"), None)
        for minor in node.minors if node else ():
            self.minor_combo.addItem(minor.name, minor.code)
        self.minor_combo.setEnabled(node is not None and self.major_combo.isEnabled())
        self.minor_combo.blockSignals(False)
        self._minor_chosen()

    def category(self) -> CategoryInfo | None:
        code = self.minor_combo.currentData()
        return next((m for n in self.tree for m in n.minors if m.code == code), None)

    def select_category(self, code: str) -> None:
        """Choose a 小类 by code (its 大类 follows)."""
        node = next(n for n in self.tree if any(m.code == code for m in n.minors))
        self.major_combo.setCurrentIndex(self.major_combo.findData(node.major.code))
        self.minor_combo.setCurrentIndex(self.minor_combo.findData(code))

    def _limit_text(self, c: CategoryInfo) -> str:
        """2 工作小时 / 3 工作日 in the UI language (core's time_limit_text is Chinese)."""
        unit = self.tr("工作日") if c.time_limit_unit == WORK_DAYS else self.tr("工作小时")
        return f"{c.time_limit} {unit}"

    def _minor_chosen(self) -> None:
        c = self.category()
        self.limit_label.setText(self.tr("办理时限：%1").replace("%1", self._limit_text(c))
                                 if c is not None and c.time_limit else "")
        if c is not None and not self._urgency_touched:
            self.urgency.set_value(c.urgency)  # the category's usual urgency until the user picks one

    def _urgency_chosen(self, _code: str) -> None:
        self._urgency_touched = True

    # photos -------------------------------------------------------------------------------
    def _add_photos(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(self, self.tr("选择现场照片"), "", photo_filter())
        self.add_photos(files)

    def add_photos(self, paths: list[str]) -> None:
        self.photos.extend(p for p in paths if p not in self.photos)
        self._show_photos()

    def _clear_photos(self) -> None:
        self.photos.clear()
        self._show_photos()

    def _show_photos(self) -> None:
        names = [p.replace("\\", "/").rsplit("/", 1)[-1] for p in self.photos]
        self.photo_label.setText("、".join(names) if names else self.tr("未添加（可选；每张不超过 20 MB）"))
        self.photo_clear.setVisible(bool(self.photos))

    # reading and problems -----------------------------------------------------------------
    def request_input(self) -> RequestInput:
        where, who = self.location.location(), self.reporter.reporter()
        hotline = self.channel.value() == "hotline_12345"
        return RequestInput(
            category_code=self.minor_combo.currentData() or "", description=self.description_edit.toPlainText(),
            channel=self.channel.value() or "", title=self.title_edit.text().strip() or None,
            building_id=where.building_id, household_id=where.household_id, latitude=where.latitude,
            longitude=where.longitude, address=where.address, reporter_resident_id=who.resident_id,
            reporter_name=who.name, reporter_phone=who.phone, urgency=self.urgency.value(),
            photos=tuple(self.photos), community_code=self.community_code,
            external_id=(self.external_edit.text().strip() or None) if hotline else None)

    def show_problems(self, refused: ValidationFailed) -> tuple[str, QWidget | None]:
        """Each problem under its field; returns the problems no field shows, and the first field to look at."""
        by_field: dict[str, list[str]] = {}
        for problem, text in zip(refused.problems, problem_lines(refused), strict=True):
            by_field.setdefault(FIELD_OF.get(problem.field or "", ""), []).append(text)
        for key, label in self.messages.items():
            text = "\n".join(by_field.get(key, []))
            label.setText(text)
            label.setVisible(bool(text))
            set_flag(label, "error", bool(text))
            set_flag(self.inputs[key], "invalid", bool(text))
        first = next((k for k in FIELDS if by_field.get(k)), None)
        return "\n".join(by_field.get("", [])), self.inputs[first] if first else None

    def clear_problems(self) -> None:
        for key, label in self.messages.items():
            label.hide()
            set_flag(self.inputs[key], "invalid", False)

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.major_combo, self.title_edit, self.description_edit, self.channel, self.urgency,
                       self.external_edit, self.photo_button, self.photo_clear):
            widget.setEnabled(enabled)
        self.minor_combo.setEnabled(enabled and self.major_combo.currentData() is not None)
        self.location.set_enabled(enabled)
        self.reporter.set_enabled(enabled)
