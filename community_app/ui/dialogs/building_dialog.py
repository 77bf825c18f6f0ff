"""登记楼栋 / 修改楼栋: a building's standard address, kind, floors, year and its point.

Coordinates are usually read off a web map: 高德 and 腾讯 show GCJ-02, so a checkbox
says so and core converts on save. Pasting 「120.385432,36.065321」 (经度,纬度, as those
maps copy it) into the longitude field fills both fields.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import place_rules, places
from community_app.core.auth import CurrentUser
from community_app.core.places import BuildingInput, BuildingRow
from community_app.ui.dialogs.place_form import PlaceFormDialog, UnreadableInputError
from community_app.ui.place_texts import BUILDING_KIND_NAMES, code_name
from community_app.ui.widgets.named import named

_PAIR = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)\s*$")


class BuildingDialog(PlaceFormDialog):
    """New building when `building` is None, else edits it. `result_row` is a BuildingRow."""

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], *,
                 building: BuildingRow | None = None, community_code: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(user, session_factory, parent)
        self.setObjectName("buildingDialog")
        self.building = building
        self.community_code = community_code
        self.name_edit = named(QLineEdit(), "buildingName")
        self.name_edit.setMaxLength(place_rules.NAME_MAX)
        self.address_edit = named(QLineEdit(), "buildingAddress")
        self.address_edit.setMaxLength(place_rules.ADDRESS_MAX)
        self.road_edit = named(QLineEdit(), "buildingRoad")
        self.road_edit.setMaxLength(place_rules.ROAD_MAX)
        self.number_edit = named(QLineEdit(), "buildingHouseNumber")
        self.number_edit.setMaxLength(place_rules.HOUSE_NUMBER_MAX)
        self.kind_combo = named(QComboBox(), "buildingKind")
        for code in place_rules.BUILDING_KINDS:
            self.kind_combo.addItem("", code)
        self.floors_edit = named(QLineEdit(), "buildingFloors")
        self.floors_edit.setValidator(QIntValidator(1, place_rules.FLOORS_MAX, self))
        self.year_edit = named(QLineEdit(), "buildingYear")
        self.year_edit.setValidator(QIntValidator(0, 9999, self))
        self.lng_edit = named(QLineEdit(), "buildingLongitude")
        self.lat_edit = named(QLineEdit(), "buildingLatitude")
        self.gcj_check = named(QCheckBox(), "buildingGcj02")
        self.lng_edit.textChanged.connect(self._split_pasted_pair)

        self.add_field("name", self.name_edit)
        self.add_field("address", self.address_edit)
        self.add_field("road", self.road_edit, beside=("house_number", self.number_edit))
        self.add_field("kind", self.kind_combo)
        self.add_field("floors", self.floors_edit, beside=("built_year", self.year_edit))
        self.add_field("longitude", self.lng_edit)
        self.add_field("latitude", self.lat_edit)
        if building is not None:
            self._fill(building)
        self.finish_layout(self.gcj_check)
        self.resize(620, 640)

    def _fill(self, b: BuildingRow) -> None:
        self.name_edit.setText(b.name)
        self.address_edit.setText(b.address)
        self.road_edit.setText(b.road or "")
        self.number_edit.setText(b.house_number or "")
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(b.kind)))
        self.floors_edit.setText("" if b.floors is None else str(b.floors))
        self.year_edit.setText("" if b.built_year is None else str(b.built_year))
        self.lng_edit.setText(f"{b.longitude:.6f}")
        self.lat_edit.setText(f"{b.latitude:.6f}")

    def _split_pasted_pair(self, text: str) -> None:
        match = _PAIR.match(text)
        if match:
            self.lng_edit.setText(match.group(1))
            self.lat_edit.setText(match.group(2))

    def retranslate(self) -> None:
        editing = self.building is not None
        self.setWindowTitle(self.tr("修改楼栋") if editing else self.tr("登记楼栋"))
        self.heading.setText(self.tr("修改楼栋信息") if editing else self.tr("登记新楼栋"))
        self.intro.setText(self.tr("楼栋所在网格由坐标自动确定；坐标不在任何网格内的楼栋会被标记出来，以便核对。"))
        labels = {"name": self.tr("楼栋名称"), "address": self.tr("标准地址"), "road": self.tr("路（街）/门牌"),
                  "kind": self.tr("类型"), "floors": self.tr("层数/建成年份"), "longitude": self.tr("经度"),
                  "latitude": self.tr("纬度")}
        for key, text in labels.items():
            self.labels[key].setText(text)
        for i in range(self.kind_combo.count()):
            self.kind_combo.setItemText(i, code_name(BUILDING_KIND_NAMES, self.kind_combo.itemData(i)))
        self.name_edit.setPlaceholderText(self.tr("例如 6号楼"))
        self.address_edit.setPlaceholderText(self.tr("例如 山东省青岛市市南区湛山三路6号"))
        self.road_edit.setPlaceholderText(self.tr("路（街）名，例如 湛山三路"))
        self.number_edit.setPlaceholderText(self.tr("门牌号"))
        self.floors_edit.setPlaceholderText(self.tr("地上层数"))
        self.year_edit.setPlaceholderText(self.tr("建成年份，例如 1995"))
        self.lng_edit.setPlaceholderText(self.tr("例如 120.385432"))
        self.lat_edit.setPlaceholderText(self.tr("例如 36.065321"))
        self.gcj_check.setText(self.tr("坐标取自高德或腾讯地图（GCJ-02），保存时换算为 WGS-84"))
        super().retranslate()

    def hints(self) -> dict[str, str]:
        return {"longitude": self.tr("可直接粘贴地图上复制的“经度,纬度”，两栏会自动填好。"),
                "latitude": self.tr("中国境内纬度约为 4–54，经度约为 73–136。")}

    # saving -----------------------------------------------------------------------------------
    def _number(self, edit: QLineEdit, key: str, kind: type[int] | type[float]) -> int | float | None:
        text = edit.text().strip().replace("，", ".")
        if not text:
            return None
        try:
            return kind(text)
        except ValueError as exc:
            raise UnreadableInputError(key, self.tr("请填写数字。")) from exc

    def collect(self) -> BuildingInput:
        return BuildingInput(
            name=self.name_edit.text(), address=self.address_edit.text(), road=self.road_edit.text(),
            house_number=self.number_edit.text(), kind=self.kind_combo.currentData(),
            floors=self._number(self.floors_edit, "floors", int),  # type: ignore[arg-type]
            built_year=self._number(self.year_edit, "built_year", int),  # type: ignore[arg-type]
            longitude=self._number(self.lng_edit, "longitude", float),
            latitude=self._number(self.lat_edit, "latitude", float),
            coordinates="gcj02" if self.gcj_check.isChecked() else "wgs84",
        )

    def save(self, session: Session, user: CurrentUser, data: BuildingInput) -> BuildingRow:
        if self.building is None:
            return places.create_building(session, user, data, self.community_code)
        return places.update_building(session, user, self.building.id, data)
