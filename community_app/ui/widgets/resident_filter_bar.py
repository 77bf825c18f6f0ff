"""The residents page's search box and filters. Emits changed(dict) with the
core.resident_query.ResidentFilter fields they set, once typing pauses or a filter moves."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from community_app.core.resident_query import FilterChoices
from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.widgets.named import named
from community_app.ui.widgets.resident_filter_combos import building_items, cell_items, refill_combo, tag_items

TYPING_PAUSE_MS = 120  # the search starts once typing pauses this long
# (label, age_min, age_max)
AGE_BANDS: tuple[tuple[str, int | None, int | None], ...] = (
    (QT_TRANSLATE_NOOP("ResidentFilterBar", "0–17 岁"), 0, 17),
    (QT_TRANSLATE_NOOP("ResidentFilterBar", "18–59 岁"), 18, 59),
    (QT_TRANSLATE_NOOP("ResidentFilterBar", "60–79 岁"), 60, 79),
    (QT_TRANSLATE_NOOP("ResidentFilterBar", "80 岁及以上"), 80, None),
)


class ResidentFilterBar(QWidget):
    changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: FilterChoices | None = None
        self.search = named(QLineEdit(), "residentSearch")
        self.search.setClearButtonEnabled(True)
        self.cell_combo = named(QComboBox(), "cellFilter")
        self.building_combo = named(QComboBox(), "buildingFilter")
        self.tag_combo = named(QComboBox(), "tagFilter")
        self.age_combo = named(QComboBox(), "ageFilter")
        self.residence_combo = named(QComboBox(), "residenceFilter")
        self.status_combo = named(QComboBox(), "statusFilter")
        self.reset_button = named(QPushButton(), "resetFilters")
        self.combos = (self.cell_combo, self.building_combo, self.tag_combo, self.age_combo, self.residence_combo,
                       self.status_combo)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.search.setMinimumWidth(260)
        row.addWidget(self.search, 3)
        for combo, width in zip(self.combos, (130, 130, 100, 100, 96, 84), strict=True):
            combo.setMinimumWidth(width)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            row.addWidget(combo, 1)
        row.addWidget(self.reset_button)

        self._typing.timeout.connect(self.apply_now)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self.apply_now)
        self.cell_combo.currentIndexChanged.connect(self._cell_changed)
        for combo in self.combos[1:]:
            combo.currentIndexChanged.connect(self.apply_now)
        self.reset_button.clicked.connect(self.reset)
        self._retranslate()

    # state --------------------------------------------------------------------------------
    def fields(self) -> dict[str, Any]:
        ages = self.age_combo.currentData() or (None, None)
        return {"text": self.search.text(), "grid_cell_id": self.cell_combo.currentData(),
                "building_id": self.building_combo.currentData(), "tag_code": self.tag_combo.currentData(),
                "age_min": ages[0], "age_max": ages[1], "residence_type": self.residence_combo.currentData(),
                "status": self.status_combo.currentData()}

    def apply_now(self) -> None:
        """Emit the filter now (what the typing pause would do)."""
        self._typing.stop()
        self.changed.emit(self.fields())

    def reset(self) -> None:
        for combo in self.combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._fill_buildings()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_now()

    @property
    def has_choices(self) -> bool:
        return self._choices is not None

    def set_choices(self, choices: FilterChoices) -> None:
        self._choices = choices
        self._fill_place_combos()

    def select_cell(self, cell_id: str) -> bool:
        """Choose a grid cell (the residents of a cell clicked on the map); False if unknown."""
        index = self.cell_combo.findData(cell_id)
        if index >= 0:
            self.cell_combo.setCurrentIndex(index)
        return index >= 0

    def _cell_changed(self) -> None:
        self._fill_buildings()
        self.apply_now()

    # texts and choices --------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("姓名 / 拼音首字母 / 证件号 / 电话 / 地址"))
        self.search.setToolTip(self.tr("可输入姓名中的字、全拼或首字母（如 zs），身份证号或电话的后几位，楼栋地址"))
        self.reset_button.setText(self.tr("重置"))
        self.reset_button.setToolTip(self.tr("清除搜索和全部筛选条件"))
        refill_combo(self.age_combo, [(self.tr("全部年龄"), None)]
                     + [(self.tr(label), (lo, hi)) for label, lo, hi in AGE_BANDS])
        refill_combo(self.residence_combo, [(self.tr("全部类别"), None), (self.tr("户籍人口"), "registered"),
                                            (self.tr("流动人口"), "floating"), (self.tr("境外人员"), "overseas")])
        refill_combo(self.status_combo, [(self.tr("在册"), "active"), (self.tr("已迁出"), "moved_out"),
                                         (self.tr("已故"), "deceased"), (self.tr("全部状态"), None)])
        self._fill_place_combos()

    def _fill_place_combos(self) -> None:
        refill_combo(self.cell_combo, [(self.tr("全部网格"), None), *cell_items(self._choices)])
        refill_combo(self.tag_combo, [(self.tr("全部人群"), None), *tag_items(self._choices)])
        self._fill_buildings()

    def _fill_buildings(self) -> None:
        refill_combo(self.building_combo,
                     [(self.tr("全部楼栋"), None), *building_items(self._choices, self.cell_combo.currentData())])
