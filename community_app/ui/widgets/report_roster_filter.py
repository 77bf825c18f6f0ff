"""The roster's filter on the reports page: the residents page's filters (the same
core.resident_query.ResidentFilter fields, choices and age bands), laid out as a narrow
form, plus the order of the roster."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from community_app.core.resident_query import FilterChoices, ResidentFilter
from community_app.ui.widgets.named import named
from community_app.ui.widgets.resident_filter_bar import AGE_BANDS
from community_app.ui.widgets.resident_filter_combos import building_items, cell_items, refill_combo, tag_items


class RosterFilterForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: FilterChoices | None = None
        self._any_grid = True  # a grid worker may print only their own grids: no 全部网格
        self.search = named(QLineEdit(), "rosterSearch")
        self.search.setClearButtonEnabled(True)
        self.cell_combo = named(QComboBox(), "rosterCell")
        self.building_combo = named(QComboBox(), "rosterBuilding")
        self.tag_combo = named(QComboBox(), "rosterTag")
        self.age_combo = named(QComboBox(), "rosterAge")
        self.residence_combo = named(QComboBox(), "rosterResidence")
        self.status_combo = named(QComboBox(), "rosterStatus")
        self.sort_combo = named(QComboBox(), "rosterSort")
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(6)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._rows = (self.search, self.cell_combo, self.building_combo, self.tag_combo, self.age_combo,
                      self.residence_combo, self.status_combo, self.sort_combo)
        self.labels = [named(QLabel(), "formLabel") for _ in self._rows]
        for label, widget in zip(self.labels, self._rows, strict=True):
            self.form.addRow(label, widget)
        self.cell_combo.currentIndexChanged.connect(lambda _i: self._fill_buildings())
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        labels = (self.tr("关键词"), self.tr("网格"), self.tr("楼栋"), self.tr("特殊人群"), self.tr("年龄"),
                  self.tr("人员类别"), self.tr("状态"), self.tr("排序"))
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        self.search.setPlaceholderText(self.tr("姓名、拼音或号码后几位"))
        refill_combo(self.age_combo, [(self.tr("全部年龄"), None)] + [
            (QCoreApplication.translate("ResidentFilterBar", label), (lo, hi)) for label, lo, hi in AGE_BANDS])
        refill_combo(self.residence_combo, [(self.tr("全部类别"), None), (self.tr("户籍人口"), "registered"),
                                            (self.tr("流动人口"), "floating"), (self.tr("境外人员"), "overseas")])
        refill_combo(self.status_combo, [(self.tr("在册"), "active"), (self.tr("已迁出"), "moved_out"),
                                         (self.tr("已故"), "deceased"), (self.tr("全部状态"), None)])
        refill_combo(self.sort_combo, [(self.tr("按住址（楼栋、单元、房号）"), "address"),
                                       (self.tr("按姓名拼音"), "name"), (self.tr("按网格"), "grid")])
        self._fill_places()

    def set_choices(self, choices: FilterChoices, *, any_grid: bool) -> None:
        """any_grid: offer 全部网格 (a grid worker may print only the grids given)."""
        self._choices = choices
        self._any_grid = any_grid
        self._fill_places()

    def _fill_places(self) -> None:
        cells = cell_items(self._choices)
        refill_combo(self.cell_combo, ([(self.tr("全部网格"), None)] if self._any_grid or not cells else []) + cells)
        refill_combo(self.tag_combo, [(self.tr("全部人群"), None), *tag_items(self._choices)])
        self._fill_buildings()

    def _fill_buildings(self) -> None:
        refill_combo(self.building_combo,
                     [(self.tr("全部楼栋"), None), *building_items(self._choices, self.cell_combo.currentData())])

    def resident_filter(self) -> ResidentFilter:
        ages = self.age_combo.currentData() or (None, None)
        return ResidentFilter(text=self.search.text().strip(), grid_cell_id=self.cell_combo.currentData(),
                              building_id=self.building_combo.currentData(), tag_code=self.tag_combo.currentData(),
                              age_min=ages[0], age_max=ages[1], residence_type=self.residence_combo.currentData(),
                              status=self.status_combo.currentData())

    @property
    def sort(self) -> str:
        return str(self.sort_combo.currentData() or "address")

