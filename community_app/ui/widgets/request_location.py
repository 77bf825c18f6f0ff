"""Where a request is: a building (and optionally a unit and room) from the register, or a
point on the map given as WGS-84 latitude and longitude with a few words of address.
Core puts the request in the grid cell of the building, or of the cell holding the point."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.ui.widgets.choice_pills import ChoicePills, FittingStack
from community_app.ui.widgets.household_picker import HouseholdPicker
from community_app.ui.widgets.named import named

MODES = ("building", "point")


@dataclass(frozen=True)
class Location:
    building_id: str | None = None
    household_id: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace("，", ".").replace(",", "."))
    except ValueError:
        return None


class LocationPicker(QWidget):
    def __init__(self, session_factory: sessionmaker[Session], community_code: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("locationPicker")
        self.mode = ChoicePills(MODES, "locationMode")
        self.mode.set_value("building")
        self.picker = HouseholdPicker(session_factory, community_code)
        self.picker.loaded.connect(self._name_first_entry)
        self.lat_edit = named(QLineEdit(), "latitudeEdit")
        self.lng_edit = named(QLineEdit(), "longitudeEdit")
        for edit, (low, high) in ((self.lat_edit, (3.0, 54.0)), (self.lng_edit, (73.0, 136.0))):
            validator = QDoubleValidator(low, high, 7, edit)
            validator.setLocale(QLocale.c())
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            edit.setValidator(validator)
        self.address_edit = named(QLineEdit(), "pointAddress")
        self.address_edit.setMaxLength(200)
        self.lat_label = named(QLabel(), "formLabel")
        self.lng_label = named(QLabel(), "formLabel")
        self.point_hint = named(QLabel(), "fieldHint")
        self.point_hint.setWordWrap(True)
        point = QWidget()
        grid = QGridLayout(point)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.addWidget(self.lat_label, 0, 0)
        grid.addWidget(self.lat_edit, 0, 1)
        grid.addWidget(self.lng_label, 0, 2)
        grid.addWidget(self.lng_edit, 0, 3)
        grid.addWidget(self.address_edit, 1, 0, 1, 4)
        grid.addWidget(self.point_hint, 2, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.stack = FittingStack()
        self.stack.addWidget(self.picker)
        self.stack.addWidget(point)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.mode)
        layout.addWidget(self.stack)
        self.mode.changed.connect(lambda code: self.stack.setCurrentIndex(MODES.index(code)))
        self._retranslate()

    def load(self) -> None:
        self.picker.load()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.mode.set_text("building", self.tr("楼栋 / 房屋"))
        self.mode.set_text("point", self.tr("地图坐标"))
        self.lat_label.setText(self.tr("纬度"))
        self.lng_label.setText(self.tr("经度"))
        self.lat_edit.setPlaceholderText(self.tr("如 36.054"))
        self.lng_edit.setPlaceholderText(self.tr("如 120.368"))
        self.address_edit.setPlaceholderText(self.tr("位置说明，如“湛山三路与湛山四路路口东侧”"))
        self.point_hint.setText(self.tr("WGS-84 经纬度（GPS 读数）；系统按坐标自动划入所在网格。"))
        self._name_first_entry()

    def _name_first_entry(self) -> None:
        """The picker's first building entry means "no building" here, not "no address"."""
        combo = self.picker.building_combo
        if combo.count() and combo.itemData(0) is None:
            combo.setItemText(0, self.tr("请选择楼栋"))

    def location(self) -> Location:
        if self.mode.value() == "point":
            return Location(latitude=_number(self.lat_edit.text()), longitude=_number(self.lng_edit.text()),
                            address=self.address_edit.text().strip() or None)
        return Location(building_id=self.picker.building_id(), household_id=self.picker.household_id())

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.mode, self.picker, self.lat_edit, self.lng_edit, self.address_edit):
            widget.setEnabled(enabled)
