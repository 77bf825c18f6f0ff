"""What the buttons of the 网格与楼栋 page do: open the dialog for the selected row and,
once it has saved, tell the page what to list and select next.

Dialogs open window-modal with open(), not exec(): no nested event loop, and the page
(and its tests) keep running while one is up. `dialog` is the one open now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog

from community_app.core.places import BuildingRow, GridCellRow, HouseholdRow, UnitRow
from community_app.ui.dialogs.building_dialog import BuildingDialog
from community_app.ui.dialogs.grid_import_dialog import GridImportDialog
from community_app.ui.dialogs.household_dialog import HouseholdDialog, UnitDialog
from community_app.ui.dialogs.worker_dialog import WorkerDialog

if TYPE_CHECKING:
    from community_app.ui.pages.places_page import PlacesPage

translate = QCoreApplication.translate


class PlaceActions(QObject):
    def __init__(self, page: PlacesPage) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: QDialog | None = None

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._closed)
        dialog.open()
        return dialog

    def _closed(self, _code: int) -> None:
        self.dialog = None

    # grid cells ---------------------------------------------------------------------------
    def assign_worker(self) -> None:
        page = self.page
        cell = page.cells.current()
        if not isinstance(cell, GridCellRow) or page.overview is None:
            return
        dialog = WorkerDialog(page.user, page.session_factory, cell, page.overview.workers, page)
        dialog.saved.connect(self._worker_saved)
        self._open(dialog)

    def _worker_saved(self, row: GridCellRow) -> None:
        worker = row.responsible_name or translate("PlaceActions", "（未指定）")
        self.page.notice(translate("PlaceActions", "%1 的网格员已改为 %2。").replace("%1", row.name)
                         .replace("%2", worker))
        self.page.refresh()

    def import_grid(self) -> None:
        page = self.page
        if page.community_code is None:
            return
        dialog = GridImportDialog(page.user, page.session_factory, page.community_code, page)
        dialog.imported.connect(lambda _result: page.refresh())
        self._open(dialog)

    # buildings ------------------------------------------------------------------------------
    def add_building(self) -> None:
        self._building_dialog(None)

    def edit_building(self) -> None:
        building = self.page.current_building()
        if building is not None:
            self._building_dialog(building)

    def _building_dialog(self, building: BuildingRow | None) -> None:
        page = self.page
        dialog = BuildingDialog(page.user, page.session_factory, building=building,
                                community_code=page.community_code, parent=page)
        dialog.saved.connect(self._building_saved)
        self._open(dialog)

    def _building_saved(self, row: BuildingRow) -> None:
        page = self.page
        if row.outside:
            page.notice(translate("PlaceActions", "已保存“%1”。它的坐标不在任何网格内，已列入“网格外楼栋”。")
                        .replace("%1", row.name))
        else:
            cells = page.overview.cells if page.overview else []
            cell = next((c.name for c in cells if c.id == row.grid_cell_id), "")
            page.notice(translate("PlaceActions", "已保存“%1”，按坐标属于 %2。").replace("%1", row.name)
                        .replace("%2", cell))
        page.show_saved_building(row)

    # units and households -----------------------------------------------------------------------
    def add_unit(self) -> None:
        self._unit_dialog(None)

    def edit_unit(self) -> None:
        unit = self.page.units.current()
        if isinstance(unit, UnitRow):
            self._unit_dialog(unit)

    def _unit_dialog(self, unit: UnitRow | None) -> None:
        page = self.page
        building = page.current_building()
        if building is None:
            return
        dialog = UnitDialog(page.user, page.session_factory, building, unit=unit, parent=page)
        dialog.saved.connect(lambda row: page.reload_building(building.id, unit_id=row.id))
        self._open(dialog)

    def add_household(self) -> None:
        self._household_dialog(None)

    def edit_household(self) -> None:
        household = self.page.households.current()
        if isinstance(household, HouseholdRow):
            self._household_dialog(household)

    def _household_dialog(self, household: HouseholdRow | None) -> None:
        page = self.page
        building = page.current_building()
        if building is None:
            return
        unit = page.units.current()
        unit_id = unit.id if isinstance(unit, UnitRow) else None
        dialog = HouseholdDialog(page.user, page.session_factory, building, page.units.model.rows,
                                 household=household, unit_id=unit_id, parent=page)
        dialog.saved.connect(lambda row: page.reload_building(building.id, unit_id=unit_id, household_id=row.id))
        self._open(dialog)
