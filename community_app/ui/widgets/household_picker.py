"""Choosing where a resident lives: building → unit → room, three combos that fill one after
the other. Lists come from core.places on a background thread; the widget only shows them.

A building without units lists its rooms directly (the unit combo then says so). The first
building entry is "未登记住址" (no household), which is a valid choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.places import BuildingRow, HouseholdRow, UnitRow, list_buildings, list_households, list_units
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job, JobContext, run_in_background


def natural(text: str | None) -> tuple[int, str]:
    """'5' before '12': house numbers and rooms sort as numbers when they are numbers."""
    value = text or ""
    return (int(value), "") if value.isdigit() else (1 << 30, value)


def building_text(b: BuildingRow) -> str:
    """湛山三路27号 — how people say where a building is; a building's own name only when it adds something."""
    if b.road and b.house_number:
        text = f"{b.road}{b.house_number}号"
        return text if b.name in (f"{b.house_number}号楼", "") else f"{text}（{b.name}）"
    return b.name or b.address


@dataclass(frozen=True)
class _Rooms:
    building_id: str
    units: list[UnitRow]
    households: list[HouseholdRow]


class HouseholdPicker(QWidget):
    """changed() after every user choice; household_id() is the chosen room (or None)."""

    changed = Signal()
    loaded = Signal()  # a list arrived (tests and the form wait on it)

    def __init__(self, session_factory: sessionmaker[Session], community_code: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdPicker")
        self._factory = session_factory
        self._community = community_code
        self._rooms: _Rooms | None = None
        # building, unit, household to select once their lists arrive
        self._want: tuple[str | None, str | None, str | None] = (None, None, None)
        self._jobs: list[Job] = []
        self.building_combo = named(QComboBox(), "buildingCombo")
        self.building_combo.setMaxVisibleItems(16)
        self.unit_combo = named(QComboBox(), "unitCombo")
        self.room_combo = named(QComboBox(), "roomCombo")
        self.room_combo.setMaxVisibleItems(16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.building_combo, 5)
        layout.addWidget(self.unit_combo, 2)
        layout.addWidget(self.room_combo, 4)
        self.building_combo.activated.connect(self._building_chosen)
        self.unit_combo.activated.connect(self._unit_chosen)
        self.room_combo.activated.connect(self._room_chosen)
        self._set_empty()

    # public -----------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return any(not job.done for job in self._jobs)

    def load(self, building_id: str | None = None, unit_id: str | None = None,
             household_id: str | None = None) -> None:
        """Fetch the community's buildings and select the given place when it arrives."""
        factory, community = self._factory, self._community

        def fetch(_ctx: JobContext) -> list[BuildingRow]:
            with factory() as session:
                return list_buildings(session, community)

        self.building_combo.setEnabled(False)
        self._want = (building_id, unit_id, household_id)
        job = self._start(fetch, "household_picker_buildings")
        job.result.connect(self._show_buildings)

    def combos(self) -> tuple[QComboBox, QComboBox, QComboBox]:
        return self.building_combo, self.unit_combo, self.room_combo

    def household_id(self) -> str | None:
        data = self.room_combo.currentData()
        return str(data) if data else None

    def building_id(self) -> str | None:
        data = self.building_combo.currentData()
        return str(data) if data else None

    # internals --------------------------------------------------------------------------------
    def _start(self, fn: Callable[[JobContext], object], name: str) -> Job:
        self._jobs = [j for j in self._jobs if not j.done]
        job = run_in_background(fn, name=name, parent=self)
        job.finished.connect(self.loaded)
        self._jobs.append(job)
        return job

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_placeholders()
        super().changeEvent(event)

    def _retranslate_placeholders(self) -> None:
        if self.building_combo.count():
            self.building_combo.setItemText(0, self.tr("未登记住址"))

    def _set_empty(self) -> None:
        for combo, text in ((self.unit_combo, self.tr("单元")), (self.room_combo, self.tr("房号"))):
            combo.clear()
            combo.addItem(text, None)
            combo.setEnabled(False)

    def _show_buildings(self, rows: list[BuildingRow]) -> None:
        building_id = self._want[0]
        combo = self.building_combo
        combo.clear()
        combo.addItem(self.tr("未登记住址"), None)
        for row in sorted(rows, key=lambda b: (b.road or "", natural(b.house_number), b.name)):
            combo.addItem(building_text(row), row.id)
            combo.setItemData(combo.count() - 1, row.address, Qt.ItemDataRole.ToolTipRole)
        combo.setEnabled(True)
        index = combo.findData(building_id) if building_id else 0
        combo.setCurrentIndex(max(index, 0))
        self._building_chosen(combo.currentIndex(), user=False)

    def _building_chosen(self, _index: int, *, user: bool = True) -> None:
        building_id = self.building_id()
        self._rooms = None
        self._set_empty()
        if user:
            self._want = (None, None, None)
            self.changed.emit()
        if building_id is None:
            return
        factory = self._factory

        def fetch(_ctx: JobContext) -> _Rooms:
            with factory() as session:
                return _Rooms(building_id, list_units(session, building_id), list_households(session, building_id))

        self.room_combo.setItemText(0, self.tr("正在读取…"))
        job = self._start(fetch, "household_picker_rooms")
        job.result.connect(self._show_rooms)

    def _show_rooms(self, rooms: _Rooms) -> None:
        if rooms.building_id != self.building_id():  # another building was chosen meanwhile
            return
        self._rooms = rooms
        _building, want_unit, want_household = self._want
        if want_household and not want_unit:
            want_unit = next((h.unit_id for h in rooms.households if h.id == want_household), None)
        combo = self.unit_combo
        combo.clear()
        if rooms.units:
            for unit in rooms.units:
                combo.addItem(self.tr("%1单元").replace("%1", unit.number), unit.id)
            index = combo.findData(want_unit) if want_unit else 0
            combo.setCurrentIndex(max(index, 0))
            combo.setEnabled(True)
        else:
            combo.addItem(self.tr("无单元"), None)
            combo.setEnabled(False)
        self._fill_rooms(want_household)

    def _room_chosen(self, _index: int) -> None:
        self.changed.emit()

    def _unit_chosen(self, _index: int) -> None:
        self._fill_rooms(None)
        self.changed.emit()

    def _fill_rooms(self, household_id: str | None) -> None:
        combo = self.room_combo
        combo.clear()
        if self._rooms is None:
            return
        unit_id = self.unit_combo.currentData() if self._rooms.units else None
        rooms = [h for h in self._rooms.households if h.unit_id == unit_id] if self._rooms.units \
            else self._rooms.households
        combo.addItem(self.tr("请选择房号"), None)
        for h in sorted(rooms, key=lambda r: natural(r.room)):
            combo.addItem(self._room_text(h), h.id)
        index = combo.findData(household_id) if household_id else 0
        combo.setCurrentIndex(max(index, 0))
        combo.setEnabled(bool(rooms))
        if not rooms:
            combo.setItemText(0, self.tr("该单元没有登记房屋"))

    def _room_text(self, h: HouseholdRow) -> str:
        room = self.tr("%1室").replace("%1", h.room)
        if h.head_name:
            return self.tr("%1（户主 %2，%3人）").replace("%1", room).replace("%2", h.head_name) \
                .replace("%3", str(h.resident_count))
        if h.resident_count:
            return self.tr("%1（%2人）").replace("%1", room).replace("%2", str(h.resident_count))
        return self.tr("%1（无人登记）").replace("%1", room)
