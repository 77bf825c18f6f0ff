"""Table models of the visit and patrol pages, over core's frozen dataclasses (VisitDue,
PatrolPlanRow, RoundRow, GridCoverage), with the generic RowTableModel of the place lists:
lists of a few hundred rows, held whole, sorted by a proxy on SORT_ROLE."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from community_app.core.patrol_coverage import GridCoverage
from community_app.core.patrols import PatrolPlanRow
from community_app.core.visits import VisitDue
from community_app.ui.fieldwork_texts import (
    OUTCOME_NAMES,
    code_name,
    day_text,
    interval_text,
    lateness_text,
    local_day,
    short_address,
    short_grid_name,
    translate,
)
from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.models.place_models import CENTER, RIGHT, Column, RowTableModel
from community_app.ui.place_texts import number
from community_app.ui.timefmt import format_minutes

NONE = "—"


def _worker(name: str | None) -> str:
    return name or translate("Fieldwork", "未指定")


def _visit_interval(r: VisitDue) -> str:
    return translate("Fieldwork", "%1走访").replace("%1", interval_text(r.interval_days))


def _last_round(p: PatrolPlanRow) -> str:
    if p.last_round_at is None:
        return translate("Fieldwork", "尚未巡查")
    return f"{local_day(p.last_round_at)}  {p.last_round_by or ''}"


def _last_visit(r: VisitDue) -> str:
    return local_day(r.last_visit_at) if r.last_visit_at else translate("Fieldwork", "从未走访")


def _visit_tip(r: VisitDue) -> str:
    if r.last_visit_at is None:
        return translate("Fieldwork", "没有走访记录：请尽快安排首次走访。")
    return f"{format_minutes(r.last_visit_at)} {r.last_visit_by or ''} · {code_name(OUTCOME_NAMES, r.last_outcome)}"


VISIT_COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("FieldworkTable", "姓名"), lambda r: r.name),
    Column("phone", QT_TRANSLATE_NOOP("FieldworkTable", "联系电话"), lambda r: r.phone_masked or NONE,
           muted=lambda r: not r.phone_masked),
    Column("address", QT_TRANSLATE_NOOP("FieldworkTable", "住址"), lambda r: short_address(r.address) or NONE,
           tooltip=lambda r: r.address),
    Column("grid", QT_TRANSLATE_NOOP("FieldworkTable", "网格"), lambda r: short_grid_name(r.grid_name) or NONE,
           tooltip=lambda r: r.grid_name),
    Column("tags", QT_TRANSLATE_NOOP("FieldworkTable", "特殊群体"), lambda r: "、".join(r.tag_names),
           tooltip=lambda r: "、".join(r.tag_names) + " · " + _visit_interval(r)),
    Column("last", QT_TRANSLATE_NOOP("FieldworkTable", "上次走访"), _last_visit,
           sort=lambda r: r.last_visit_at.timestamp() if r.last_visit_at else 0.0,
           warn=lambda r: r.last_visit_at is None, tooltip=_visit_tip),
    Column("due", QT_TRANSLATE_NOOP("FieldworkTable", "应走访日期"), lambda r: day_text(r.due_date),
           sort=lambda r: r.due_date.toordinal()),
    Column("late", QT_TRANSLATE_NOOP("FieldworkTable", "逾期情况"), lambda r: lateness_text(r.days_overdue, r.state),
           sort=lambda r: r.days_overdue, alert=lambda r: r.state == "overdue",
           warn=lambda r: r.state == "due", muted=lambda r: r.state == "upcoming"),
)


def _plan_state(p: PatrolPlanRow) -> str:
    if p.open_round_id is not None:
        return translate("Fieldwork", "巡查进行中") + " · " + lateness_text(p.days_overdue, p.state)
    return lateness_text(p.days_overdue, p.state)


PLAN_COLUMNS: tuple[Column, ...] = (
    Column("grid", QT_TRANSLATE_NOOP("FieldworkTable", "网格"), lambda p: short_grid_name(p.grid_name),
           tooltip=lambda p: p.grid_name),
    Column("name", QT_TRANSLATE_NOOP("FieldworkTable", "巡查计划"), lambda p: p.name, tooltip=lambda p: "\n".join(
        f"{i + 1}. {item}" for i, item in enumerate(p.checklist))),
    Column("frequency", QT_TRANSLATE_NOOP("FieldworkTable", "频次"), lambda p: interval_text(p.frequency_days),
           sort=lambda p: p.frequency_days),
    Column("items", QT_TRANSLATE_NOOP("FieldworkTable", "巡查项"), lambda p: number(len(p.checklist)),
           sort=lambda p: len(p.checklist), align=RIGHT),
    Column("worker", QT_TRANSLATE_NOOP("FieldworkTable", "网格员"), lambda p: _worker(p.worker_name),
           muted=lambda p: p.worker_name is None),
    Column("last", QT_TRANSLATE_NOOP("FieldworkTable", "上次巡查"),
           _last_round,
           sort=lambda p: p.last_round_at.timestamp() if p.last_round_at else 0.0,
           muted=lambda p: p.last_round_at is None),
    Column("due", QT_TRANSLATE_NOOP("FieldworkTable", "下次应巡查"), lambda p: day_text(p.due_date),
           sort=lambda p: p.due_date.toordinal() if p.due_date else 10**7, muted=lambda p: not p.active),
    Column("state", QT_TRANSLATE_NOOP("FieldworkTable", "状态"), _plan_state,
           sort=lambda p: p.days_overdue if p.active else -10**6, alert=lambda p: p.state == "overdue",
           warn=lambda p: p.state == "due", muted=lambda p: p.state in ("upcoming", "inactive")),
)

ROUND_COLUMNS: tuple[Column, ...] = (
    Column("started", QT_TRANSLATE_NOOP("FieldworkTable", "开始时间"), lambda r: format_minutes(r.started_at),
           sort=lambda r: r.started_at.timestamp()),
    Column("staff", QT_TRANSLATE_NOOP("FieldworkTable", "巡查人"), lambda r: r.staff_name),
    Column("state", QT_TRANSLATE_NOOP("FieldworkTable", "结束"),
           lambda r: format_minutes(r.finished_at)[11:] if r.finished_at else translate("Fieldwork", "进行中"),
           warn=lambda r: r.finished_at is None),
    Column("problems", QT_TRANSLATE_NOOP("FieldworkTable", "问题"), lambda r: number(r.problems),
           sort=lambda r: r.problems, align=CENTER, alert=lambda r: r.problems > 0),
    Column("requests", QT_TRANSLATE_NOOP("FieldworkTable", "上报"), lambda r: number(r.requests),
           sort=lambda r: r.requests, align=CENTER),
    Column("notes", QT_TRANSLATE_NOOP("FieldworkTable", "备注"), lambda r: r.notes or NONE,
           tooltip=lambda r: r.notes or ""),
)


def _rate(c: GridCoverage) -> str:
    return NONE if c.coverage is None else f"{c.coverage * 100:.0f}%"


COVERAGE_COLUMNS: tuple[Column, ...] = (
    Column("grid", QT_TRANSLATE_NOOP("FieldworkTable", "网格"), lambda c: short_grid_name(c.grid_name),
           tooltip=lambda c: c.grid_name),
    Column("worker", QT_TRANSLATE_NOOP("FieldworkTable", "网格员"), lambda c: _worker(c.worker_name),
           muted=lambda c: c.worker_name is None),
    Column("planned", QT_TRANSLATE_NOOP("FieldworkTable", "应巡查"), lambda c: number(c.planned),
           sort=lambda c: c.planned, align=RIGHT),
    Column("covered", QT_TRANSLATE_NOOP("FieldworkTable", "已覆盖"), lambda c: number(c.covered),
           sort=lambda c: c.covered, align=RIGHT),
    Column("rounds", QT_TRANSLATE_NOOP("FieldworkTable", "巡查次数"), lambda c: number(c.rounds_done),
           sort=lambda c: c.rounds_done, align=RIGHT),
    Column("rate", QT_TRANSLATE_NOOP("FieldworkTable", "覆盖率"), _rate,
           sort=lambda c: -1.0 if c.coverage is None else c.coverage, align=RIGHT,
           alert=lambda c: c.coverage is not None and c.coverage < 0.6,
           warn=lambda c: c.coverage is not None and c.coverage < 1.0,
           muted=lambda c: c.coverage is None,
           tooltip=lambda c: translate("Fieldwork", "该网格没有启用的巡查计划") if c.coverage is None else ""),
)


class FieldworkTableModel(RowTableModel):
    """RowTableModel whose headers are translated in this module's context."""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("FieldworkTable", self.columns[section].header)
        return None


def visit_model(parent: Any = None) -> FieldworkTableModel:
    return FieldworkTableModel(VISIT_COLUMNS, parent)


def plan_model(parent: Any = None) -> FieldworkTableModel:
    return FieldworkTableModel(PLAN_COLUMNS, parent)


def round_model(parent: Any = None) -> FieldworkTableModel:
    return FieldworkTableModel(ROUND_COLUMNS, parent)


def coverage_model(parent: Any = None) -> FieldworkTableModel:
    return FieldworkTableModel(COVERAGE_COLUMNS, parent)
