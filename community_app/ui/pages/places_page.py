"""网格与楼栋 (一标三实): grid cells on top; below, the selected cell's buildings and the
selected building's units and households. Buildings in no grid cell are flagged in a
banner and can be listed on their own.

Every list comes from core.places as frozen dataclasses, read on a background thread;
each level has a generation number so a late answer for an old selection is dropped.
Changes go through the dialogs, which call core on the writer thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSplitter, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import places
from community_app.core.auth import CurrentUser
from community_app.core.place_rules import can_edit_places, can_manage_grid
from community_app.core.places import BuildingDetail, BuildingRow, GridCellRow, HouseholdRow, PlacesOverview, UnitRow
from community_app.ui.icons import icon
from community_app.ui.models.place_models import building_model, cell_model, household_model, unit_model
from community_app.ui.pages.places_actions import PlaceActions
from community_app.ui.place_texts import number
from community_app.ui.widgets.list_panel import ListPanel
from community_app.ui.widgets.named import named
from community_app.ui.widgets.page_column import banner_label, page_column
from community_app.ui.widgets.page_header import page_header
from community_app.ui.workers import Job, run_in_background

log = logging.getLogger(__name__)

CELL_WIDTHS = {"code": 160, "kind": 100, "worker": 110, "buildings": 80, "residents": 80}
BUILDING_WIDTHS = {"name": 84, "floors": 50, "households": 50, "residents": 50}
UNIT_WIDTHS = {"number": 76}
HOUSEHOLD_WIDTHS = {"unit": 46, "room": 60, "occupancy": 70, "area": 80, "residents": 46}
OUTSIDE = "__outside__"  # the pseudo-selection "buildings in no cell"

# not yet in app.qss
PAGE_QSS = """
QWidget#placesPage { background: #F2F5F9; }
QFrame#outsideBanner { background: #FFF6E5; border: 1px solid #F0CF8A; border-radius: 4px; }
QFrame#outsideBanner QLabel { color: #8A5300; font-size: 11pt; background: transparent; border: none; }
QLabel#panelNote { color: #5B6B7F; font-size: 10.5pt; }
QLabel#panelEmpty { color: #7A899B; font-size: 10.5pt; padding: 24px; }
QLabel#placesNotice { color: #1E6B3A; font-size: 10.5pt; background: #E8F5EC; border: 1px solid #B7DEC3;
                      border-radius: 4px; padding: 8px 12px; }
QTableView { background: #FFFFFF; gridline-color: #EEF2F7; font-size: 10.5pt;
             selection-background-color: #D6E4F7; selection-color: #13315C; }
QSplitter::handle { background: transparent; }
"""


@dataclass(frozen=True)
class _Answer:
    level: str
    generation: int
    value: Any


class PlacesPage(QWidget):
    """Emits loaded() each time the grid cells have been (re)listed."""

    loaded = Signal()
    load_failed = Signal()

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placesPage")
        self.setStyleSheet(PAGE_QSS)
        self.user = user
        self.session_factory = session_factory
        self.community_code = user.community_code
        self._jobs: list[Job] = []
        self._generation = {"cells": 0, "buildings": 0, "detail": 0}
        self.overview: PlacesOverview | None = None
        self._cell_key: str | None = None  # a cell id, OUTSIDE, or None
        self._households: list[HouseholdRow] = []
        self._detail_for: str | None = None
        self._keep: dict[str, str | None] = {"building": None, "household": None, "unit": None}

        self.title_label = named(QLabel(), "pageTitle")
        self.subtitle_label = named(QLabel(), "pageSubtitle")
        self.refresh_button = named(QPushButton(icon("refresh"), ""), "refreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.error_label = banner_label("errorBanner")
        self.notice_label = banner_label("placesNotice")
        self.outside_banner = named(QFrame(), "outsideBanner")
        self.outside_label = named(QLabel(), "outsideText")
        self.outside_label.setWordWrap(True)
        self.outside_button = named(QPushButton(), "showOutsideButton")
        self.outside_button.clicked.connect(self.show_outside)

        self.cells = ListPanel("cellPanel", cell_model(self), CELL_WIDTHS, "name")
        self.assign_button = self.cells.add_button("assignWorkerButton")
        self.import_button = self.cells.add_button("importGridButton")
        self.buildings = ListPanel("buildingPanel", building_model(self), BUILDING_WIDTHS, "address")
        # addresses share the province/city/district prefix: keep the end (road and number) in view
        self.buildings.table.setTextElideMode(Qt.TextElideMode.ElideLeft)
        self.add_building_button = self.buildings.add_button("addBuildingButton")
        self.edit_building_button = self.buildings.add_button("editBuildingButton")
        self.units = ListPanel("unitPanel", unit_model(self), UNIT_WIDTHS, "households", buttons_below=True)
        self.add_unit_button = self.units.add_button("addUnitButton")
        self.edit_unit_button = self.units.add_button("editUnitButton")
        self.households = ListPanel("householdPanel", household_model(self), HOUSEHOLD_WIDTHS, "head")
        self.add_household_button = self.households.add_button("addHouseholdButton")
        self.edit_household_button = self.households.add_button("editHouseholdButton")
        self.actions = PlaceActions(self)
        self._build()
        self._connect()
        self._retranslate()
        self._update_buttons()

    # layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        header = page_header(self.title_label, self.subtitle_label, (self.refresh_button,))
        banner = QHBoxLayout(self.outside_banner)
        banner.setContentsMargins(14, 8, 10, 8)
        banner.addWidget(self.outside_label, 1)
        banner.addWidget(self.outside_button)
        self.outside_banner.hide()

        detail = QSplitter(Qt.Orientation.Horizontal)
        detail.setChildrenCollapsible(False)
        detail.addWidget(self.units)
        detail.addWidget(self.households)
        detail.setSizes([190, 450])
        detail.setStretchFactor(0, 0)  # the units list stays narrow; households take the room
        detail.setStretchFactor(1, 1)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(self.buildings)
        bottom.addWidget(detail)
        bottom.setSizes([520, 640])
        bottom.setStretchFactor(0, 9)
        bottom.setStretchFactor(1, 11)
        main = QSplitter(Qt.Orientation.Vertical)
        main.setChildrenCollapsible(False)
        main.addWidget(self.cells)
        main.addWidget(bottom)
        main.setSizes([300, 440])
        for splitter in (detail, bottom, main):
            splitter.setHandleWidth(12)
        page_column(self, [header, self.error_label, self.outside_banner, self.notice_label, (main, 1)])

    def _connect(self) -> None:
        self.cells.current_changed.connect(self._on_cell)
        self.buildings.current_changed.connect(self._on_building)
        self.units.current_changed.connect(self._on_unit)
        self.households.current_changed.connect(self._on_household)
        a = self.actions
        self.assign_button.clicked.connect(a.assign_worker)
        self.import_button.clicked.connect(a.import_grid)
        self.add_building_button.clicked.connect(a.add_building)
        self.edit_building_button.clicked.connect(a.edit_building)
        self.add_unit_button.clicked.connect(a.add_unit)
        self.edit_unit_button.clicked.connect(a.edit_unit)
        self.add_household_button.clicked.connect(a.add_household)
        self.edit_household_button.clicked.connect(a.edit_household)
        self.buildings.activated.connect(self._on_building_activated)
        self.households.activated.connect(self._on_household_activated)

    def _on_household(self, _row: object) -> None:
        self._update_buttons()

    def _on_building_activated(self, _row: object) -> None:  # a double click edits, when allowed
        if self.edit_building_button.isEnabled():
            self.actions.edit_building()

    def _on_household_activated(self, _row: object) -> None:
        if self.edit_household_button.isEnabled():
            self.actions.edit_household()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.overview is None and not self.loading:  # the first visit lists the cells
            self.refresh()

    # texts ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title_label.setText(self.tr("网格与楼栋"))
        self.refresh_button.setText(self.tr("刷新"))
        self.assign_button.setText(self.tr("指定网格员…"))
        self.import_button.setText(self.tr("导入网格边界…"))
        self.add_building_button.setText(self.tr("登记楼栋…"))
        self.edit_building_button.setText(self.tr("修改…"))
        self.add_unit_button.setText(self.tr("新增…"))
        self.edit_unit_button.setText(self.tr("修改…"))
        self.add_household_button.setText(self.tr("登记住户…"))
        self.edit_household_button.setText(self.tr("修改…"))
        self.outside_button.setText(self.tr("查看网格外楼栋"))
        self.cells.title.setText(self.tr("网格"))
        self.units.title.setText(self.tr("单元"))
        for panel in (self.cells, self.buildings, self.units, self.households):
            panel.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, panel.model.columnCount() - 1)
        self._update_texts()
        self._update_buttons()

    def _update_texts(self) -> None:
        o = self.overview
        parts = [self.tr("一标三实：网格 → 楼栋 → 单元 → 住户")]
        if o is not None:
            if o.community_name:
                parts.append(o.community_name)
            parts.append(self.tr("%1 个网格").replace("%1", number(len(o.cells))))
            parts.append(self.tr("%1 栋楼").replace("%1", number(sum(c.building_count for c in o.cells) + o.outside)))
            self.outside_label.setText(self.tr(
                "有 %1 栋楼的坐标不在任何网格内，它们不属于任何网格员。请核对楼栋坐标，或导入完整的网格边界。"
            ).replace("%1", number(o.outside)))
        elif self.loading:
            parts.append(self.tr("正在读取…"))
        self.subtitle_label.setText("　·　".join(parts))
        self.outside_banner.setVisible(bool(o and o.outside))
        cell, building, unit = self.cells.current(), self.buildings.current(), self.units.current()
        outside = self._cell_key == OUTSIDE
        self.buildings.title.setText(self.tr("网格外楼栋") if outside else self.tr("楼栋"))
        reading = any(not job.done and job.name == "places_buildings" for job in self._jobs)
        count = self.tr("正在读取…") if reading else self.tr("%1 栋").replace(
            "%1", number(self.buildings.model.rowCount()))
        if outside:
            self.buildings.note.setFullText(count)
        else:
            self.buildings.note.setFullText(f"{cell.name} · {count}" if isinstance(cell, GridCellRow) else "")
        self.households.title.setText(self.tr("住户"))
        parts = []
        if isinstance(building, BuildingRow):
            parts.append(building.name)
            if isinstance(unit, UnitRow):
                parts.append(self.tr("%1 单元").replace("%1", unit.number))
            parts.append(self.tr("%1 户").replace("%1", number(self.households.model.rowCount())))
        self.households.note.setFullText(" · ".join(parts))

    def _update_buttons(self) -> None:
        grid_ok, edit_ok = can_manage_grid(self.user), can_edit_places(self.user)
        has_community = self.community_code is not None
        cell, building = self.cells.current(), self.buildings.current()
        unit, household = self.units.current(), self.households.current()
        self.assign_button.setEnabled(grid_ok and isinstance(cell, GridCellRow))
        self.import_button.setEnabled(grid_ok and has_community)
        self.add_building_button.setEnabled(edit_ok and has_community)
        self.edit_building_button.setEnabled(edit_ok and building is not None)
        self.add_unit_button.setEnabled(edit_ok and building is not None)
        self.edit_unit_button.setEnabled(edit_ok and unit is not None)
        self.add_household_button.setEnabled(edit_ok and building is not None)
        self.edit_household_button.setEnabled(edit_ok and household is not None)
        why_grid = "" if grid_ok else self.tr("只有社区负责人或系统管理员可以调整网格和网格员。")
        why_edit = "" if edit_ok else self.tr("您的账号没有登记楼栋和房屋的权限。")
        for button in (self.assign_button, self.import_button):
            button.setToolTip(why_grid)
        for button in (self.add_building_button, self.edit_building_button, self.add_unit_button,
                       self.edit_unit_button, self.add_household_button, self.edit_household_button):
            button.setToolTip(why_edit)

    # loading -----------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return any(not job.done for job in self._jobs)

    def _start(self, level: str, read: Callable[[], object]) -> None:
        """Run read() on a pool thread; its answer reaches _deliver tagged with the level and
        generation, so an answer for an older selection is dropped."""
        self._generation[level] += 1
        generation = self._generation[level]
        job = run_in_background(lambda _ctx: _Answer(level, generation, read()), name=f"places_{level}", parent=self)
        job.result.connect(self._deliver)  # a bound method: no closure over the page in Qt's hands
        job.error.connect(self._show_error)
        self._jobs = [j for j in self._jobs if not j.done] + [job]

    def _deliver(self, answer: _Answer) -> None:
        if answer.generation != self._generation[answer.level]:
            return
        {"cells": self._show_overview, "buildings": self._show_buildings,
         "detail": self._show_detail}[answer.level](answer.value)  # type: ignore[operator]

    def refresh(self) -> None:
        """List the cells again (and, through the selection, everything below)."""
        factory, community = self.session_factory, self.community_code

        def read() -> PlacesOverview:
            with factory() as session:
                return places.places_overview(session, community)

        self._start("cells", read)
        self._update_texts()

    def _show_overview(self, overview: PlacesOverview) -> None:
        self.overview = overview
        self.error_label.hide()
        # selecting (or, for OUTSIDE, not selecting) a cell lists its buildings
        outside = self._cell_key == OUTSIDE
        self.cells.set_rows(overview.cells, None if outside else self._cell_key,
                            self.tr("还没有网格。请导入网格边界（GeoJSON）。"), else_first=not outside)
        self._update_texts()
        self._update_buttons()
        self.loaded.emit()

    def show_outside(self) -> None:
        """List the buildings that lie in no grid cell."""
        self._cell_key = OUTSIDE
        self.cells.table.clearSelection()
        self._load_buildings()
        self._update_texts()

    def _on_cell(self, cell: object) -> None:
        if isinstance(cell, GridCellRow):
            self._cell_key = cell.id
        elif self._cell_key != OUTSIDE:
            self._cell_key = None
        self._load_buildings()
        self._update_texts()
        self._update_buttons()

    def _load_buildings(self) -> None:
        key, factory, community = self._cell_key, self.session_factory, self.community_code
        if key is None:
            self.buildings.set_rows([], None, self.tr("请在上方选择一个网格。"))
            return

        def read() -> list[BuildingRow]:
            with factory() as session:
                if key == OUTSIDE:
                    return places.list_buildings(session, community, outside_only=True)
                return places.list_buildings(session, community, grid_cell_id=key)

        self._start("buildings", read)

    def _show_buildings(self, rows: list[BuildingRow]) -> None:
        empty = self.tr("所有楼栋都在网格内。") if self._cell_key == OUTSIDE else self.tr("这个网格里还没有登记楼栋。")
        current = self.buildings.current()
        keep = self._keep.pop("building", None) or (current.id if isinstance(current, BuildingRow) else None)
        self.buildings.set_rows(rows, keep, empty, else_first=True)
        self._update_texts()

    def _on_building(self, building: object) -> None:
        self._update_texts()
        self._update_buttons()
        if not isinstance(building, BuildingRow):
            self._detail_for = None
            self._households = []
            self.units.set_rows([], None, self.tr("请选择楼栋。"))
            self.households.set_rows([], None, self.tr("请选择楼栋。"))
            return
        factory, building_id = self.session_factory, building.id

        def read() -> BuildingDetail:
            with factory() as session:
                return places.building_detail(session, building_id)

        self._start("detail", read)

    def _show_detail(self, detail: BuildingDetail) -> None:
        self._detail_for = detail.building_id
        self._households = detail.households
        self.units.set_rows(detail.units, self._keep.pop("unit", None), self.tr("不分单元"))
        self._show_households()

    def _on_unit(self, _unit: object) -> None:
        self._show_households()
        self._update_texts()
        self._update_buttons()

    def _show_households(self) -> None:
        unit = self.units.current()
        rows = [h for h in self._households if not isinstance(unit, UnitRow) or h.unit_id == unit.id]
        keep = self._keep.pop("household", None)
        self.households.set_rows(rows, keep, self.tr("还没有登记住户。"))
        self._update_texts()
        self._update_buttons()

    def _show_error(self, _exc: object) -> None:
        self.error_label.setText(self.tr("读取网格和楼栋时出现问题。请点击“刷新”重试；如果问题反复出现，请联系系统管理员。"))
        self.error_label.show()
        self.load_failed.emit()

    # after a change ------------------------------------------------------------------------------
    def notice(self, text: str) -> None:
        """A green line under the header saying what was just saved."""
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    def current_building(self) -> BuildingRow | None:
        building = self.buildings.current()
        return building if isinstance(building, BuildingRow) else None

    def show_saved_building(self, row: BuildingRow) -> None:
        """List everything again with the saved building selected, in the cell it now lies in."""
        self._keep["building"] = row.id
        self._cell_key = OUTSIDE if row.outside else row.grid_cell_id
        self.refresh()

    def reload_building(self, building_id: str, *, unit_id: str | None = None,
                        household_id: str | None = None) -> None:
        """Counts changed under a building: list the cell's buildings again, keeping the selection."""
        self._keep.update(building=building_id, unit=unit_id, household=household_id)
        self._load_buildings()
