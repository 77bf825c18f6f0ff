"""Table models of the supervisor's indicators: the per-grid and per-worker tables (one row
per core.kpis.KpiRow, one column per indicator; a click on a number opens the list behind
it, so each column knows its indicator) and the rows of the lists behind the numbers.

The rows are few (a community's grid cells, a month's requests), so they are held whole
and a QSortFilterProxyModel sorts them on SORT_ROLE (numbers as numbers). The model itself is
ui.models.column_table's, not ui.models.place_models (that would bring the place register and
shapely into start-up).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from community_app.core.kpi_requests import NO_GRID, NO_WORKER
from community_app.core.kpis import Indicators, KpiRow
from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.models.column_table import CENTER, RIGHT, SORT_ROLE, Column, ColumnTableModel
from community_app.ui.pages.kpi_texts import BY_KEY, INDICATORS, NONE, value_text


class RowsModel(ColumnTableModel):
    """A read-only table over a list of frozen dataclasses with an `id`; headers are
    translated in `context` and aligned as their columns."""

    def __init__(self, columns: Sequence[Column], context: str, parent: Any = None) -> None:
        super().__init__(columns, context, parent, align_headers=True)


OUTSIDE = QT_TRANSLATE_NOOP("KpiTable", "网格外")
NOBODY = QT_TRANSLATE_NOOP("KpiTable", "未指定承办人")
MANY_CELLS = QT_TRANSLATE_NOOP("KpiTable", "%1等 %2 个网格")
CLICK_TIP = QT_TRANSLATE_NOOP("KpiTable", "点击查看“%1”的明细")
HEADERS = {
    "grid": (QT_TRANSLATE_NOOP("KpiTable", "网格"), QT_TRANSLATE_NOOP("KpiTable", "网格员")),
    "worker": (QT_TRANSLATE_NOOP("KpiTable", "网格员"), QT_TRANSLATE_NOOP("KpiTable", "负责网格")),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("KpiTable", text)


def _rate_sort(getter: Callable[[Indicators], float | None]) -> Callable[[KpiRow], float]:
    return lambda r: -1.0 if getter(r.indicators) is None else float(getter(r.indicators) or 0.0)


def _number_column(key: str) -> Column:
    spec = BY_KEY[key]
    counts = {"received": lambda i: i.received, "accepted": lambda i: i.accepted, "closed": lambda i: i.closed}
    sort = (lambda r: counts[key](r.indicators)) if key in counts else _rate_sort(lambda i: getattr(i, key))
    return Column(key, spec.title, lambda r: value_text(key, r.indicators), sort=sort, align=RIGHT,
                  muted=lambda r: value_text(key, r.indicators) in (NONE, "0"))


def related_text(row: KpiRow) -> str:
    """A grid's worker; a worker's cells — the first and how many, when there are many."""
    if not row.related:
        return NONE
    if len(row.related) <= 2:
        return "、".join(row.related)
    return _tr(MANY_CELLS).replace("%1", row.related[0]).replace("%2", str(len(row.related)))


def _name(kind: str) -> Callable[[KpiRow], str]:
    empty = OUTSIDE if kind == "grid" else NOBODY
    return lambda r: r.name or _tr(empty)


class KpiTableModel(RowsModel):
    """kind: "grid" or "worker". indicator_at(column) says which indicator a column shows."""

    def __init__(self, kind: str, parent: Any = None) -> None:
        self.kind = kind
        name_header, detail_header = HEADERS[kind]
        columns = [
            Column("name", name_header, _name(kind), muted=lambda r: r.key in (NO_GRID, NO_WORKER)),
            Column("detail", detail_header, related_text, muted=lambda r: not r.related,
                   tooltip=lambda r: "、".join(r.related)),
            *(_number_column(spec.key) for spec in INDICATORS),
        ]
        super().__init__(columns, "KpiTable", parent)

    def indicator_at(self, column: int) -> str | None:
        key = self.columns[column].key
        return key if key in BY_KEY else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = self.indicator_at(section)
        if orientation == Qt.Orientation.Horizontal and key is not None:
            if role == Qt.ItemDataRole.DisplayRole:  # indicator names live in the "Kpi" context
                return QCoreApplication.translate("Kpi", BY_KEY[key].title)
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("Kpi", BY_KEY[key].definition)
        return super().headerData(section, orientation, role)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            key = self.indicator_at(index.column())
            if key is not None:
                title = QCoreApplication.translate("Kpi", BY_KEY[key].title)
                return _tr(CLICK_TIP).replace("%1", title)
        return super().data(index, role)


__all__ = ["CENTER", "RIGHT", "SORT_ROLE", "Column", "KpiTableModel", "RowsModel", "related_text"]
