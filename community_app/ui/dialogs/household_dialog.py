"""登记住户 / 修改住户 and 新增单元 / 修改单元: the small forms under a building."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import place_rules, places
from community_app.core.auth import CurrentUser
from community_app.core.places import BuildingRow, HouseholdInput, HouseholdRow, UnitRow
from community_app.ui.dialogs.place_form import PlaceFormDialog, UnreadableInputError
from community_app.ui.place_texts import OCCUPANCY_NAMES, code_name
from community_app.ui.widgets.named import named


class HouseholdDialog(PlaceFormDialog):
    """A dwelling of `building` (new when `household` is None). `result_row` is a HouseholdRow."""

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], building: BuildingRow,
                 units: list[UnitRow], *, household: HouseholdRow | None = None, unit_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(user, session_factory, parent)
        self.setObjectName("householdDialog")
        self.building = building
        self.household = household
        self.unit_combo = named(QComboBox(), "householdUnit")
        self.unit_combo.addItem("", None)  # no unit: a bungalow or a shop on the street
        for unit in units:
            self.unit_combo.addItem("", unit.id)
        self._unit_numbers = {u.id: u.number for u in units}
        self.room_edit = named(QLineEdit(), "householdRoom")
        self.room_edit.setMaxLength(place_rules.ROOM_MAX)
        self.occupancy_combo = named(QComboBox(), "householdOccupancy")
        for code in place_rules.OCCUPANCIES:
            self.occupancy_combo.addItem("", code)
        self.area_edit = named(QLineEdit(), "householdArea")

        self.add_field("unit_id", self.unit_combo)
        self.add_field("room", self.room_edit)
        self.add_field("occupancy", self.occupancy_combo)
        self.add_field("area_m2", self.area_edit)
        chosen_unit = household.unit_id if household is not None else unit_id
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(chosen_unit)))
        if household is not None:
            self.room_edit.setText(household.room)
            self.occupancy_combo.setCurrentIndex(max(0, self.occupancy_combo.findData(household.occupancy)))
            self.area_edit.setText("" if household.area_m2 is None else f"{household.area_m2:g}")
        self.finish_layout()
        self.resize(520, 420)
        self.room_edit.setFocus()

    def retranslate(self) -> None:
        editing = self.household is not None
        self.setWindowTitle(self.tr("修改住户") if editing else self.tr("登记住户"))
        self.heading.setText(self.tr("修改住户") if editing else self.tr("登记住户"))
        self.intro.setText(self.tr("%1 · %2").replace("%1", self.building.name).replace("%2", self.building.address))
        labels = {"unit_id": self.tr("单元"), "room": self.tr("房号"), "occupancy": self.tr("居住情况"),
                  "area_m2": self.tr("建筑面积")}
        for key, text in labels.items():
            self.labels[key].setText(text)
        self.unit_combo.setItemText(0, self.tr("（不分单元）"))
        for i in range(1, self.unit_combo.count()):
            number = self._unit_numbers[self.unit_combo.itemData(i)]
            self.unit_combo.setItemText(i, self.tr("%1 单元").replace("%1", number))
        for i in range(self.occupancy_combo.count()):
            self.occupancy_combo.setItemText(i, code_name(OCCUPANCY_NAMES, self.occupancy_combo.itemData(i)))
        self.room_edit.setPlaceholderText(self.tr("例如 502"))
        self.area_edit.setPlaceholderText(self.tr("平方米，可不填"))
        super().retranslate()

    def collect(self) -> HouseholdInput:
        text = self.area_edit.text().strip()
        try:
            area = float(text) if text else None
        except ValueError as exc:
            raise UnreadableInputError("area_m2", self.tr("请填写数字，例如 72.5。")) from exc
        return HouseholdInput(room=self.room_edit.text(), unit_id=self.unit_combo.currentData(),
                              occupancy=self.occupancy_combo.currentData(), area_m2=area)

    def save(self, session: Session, user: CurrentUser, data: HouseholdInput) -> HouseholdRow:
        if self.household is None:
            return places.create_household(session, user, self.building.id, data)
        return places.update_household(session, user, self.household.id, data)


class UnitDialog(PlaceFormDialog):
    """A unit (单元) of `building`; new when `unit` is None. `result_row` is a UnitRow."""

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], building: BuildingRow, *,
                 unit: UnitRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(user, session_factory, parent)
        self.setObjectName("unitDialog")
        self.building = building
        self.unit = unit
        self.number_edit = named(QLineEdit(), "unitNumber")
        self.number_edit.setMaxLength(place_rules.UNIT_MAX)
        self.add_field("number", self.number_edit)
        if unit is not None:
            self.number_edit.setText(unit.number)
        self.finish_layout()
        self.resize(460, 280)

    def retranslate(self) -> None:
        editing = self.unit is not None
        self.setWindowTitle(self.tr("修改单元") if editing else self.tr("新增单元"))
        self.heading.setText(self.tr("修改单元") if editing else self.tr("新增单元"))
        self.intro.setText(self.tr("%1 · %2").replace("%1", self.building.name).replace("%2", self.building.address))
        self.labels["number"].setText(self.tr("单元号"))
        self.number_edit.setPlaceholderText(self.tr("例如 1（表示 1 单元）"))
        super().retranslate()

    def collect(self) -> str:
        return self.number_edit.text()

    def save(self, session: Session, user: CurrentUser, data: str) -> UnitRow:
        if self.unit is None:
            return places.create_unit(session, user, self.building.id, data)
        return places.update_unit(session, user, self.unit.id, data)
