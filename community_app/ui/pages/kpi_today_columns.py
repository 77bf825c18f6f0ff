"""Columns of the lists behind the 工作台's numbers of the day (core.kpi_today): open requests,
residents due for a visit, patrol plans due, the register and its households. Headers are
marked for lupdate in the list dialog's context ("KpiList")."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.pages.kpi_table_model import CENTER, RIGHT, Column
from community_app.ui.pages.kpi_texts import NONE, number
from community_app.ui.timefmt import format_minutes


def _t(text: str) -> str:
    return QCoreApplication.translate("KpiList", text)


def _when(moment: datetime | None) -> str:
    return NONE if moment is None else format_minutes(moment)


def _sort(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat()


SEX = {"M": QT_TRANSLATE_NOOP("KpiList", "男"), "F": QT_TRANSLATE_NOOP("KpiList", "女")}
RESIDENCE = {"registered": QT_TRANSLATE_NOOP("KpiList", "户籍人口"),
             "floating": QT_TRANSLATE_NOOP("KpiList", "流动人口"),
             "overseas": QT_TRANSLATE_NOOP("KpiList", "境外人员")}
NEVER = QT_TRANSLATE_NOOP("KpiList", "从未走访")
NEVER_WALKED = QT_TRANSLATE_NOOP("KpiList", "从未巡查")
EVERY = QT_TRANSLATE_NOOP("KpiList", "每 %1 天")

VISIT_DUE_COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("KpiList", "姓名"), lambda r: r.name),
    Column("grid", QT_TRANSLATE_NOOP("KpiList", "网格"), lambda r: r.grid_name or NONE),
    Column("tags", QT_TRANSLATE_NOOP("KpiList", "特殊群体"), lambda r: r.tags, tooltip=lambda r: r.tags),
    Column("interval", QT_TRANSLATE_NOOP("KpiList", "走访周期"),
           lambda r: _t(EVERY).replace("%1", str(r.interval_days)), sort=lambda r: r.interval_days, align=CENTER),
    Column("last", QT_TRANSLATE_NOOP("KpiList", "最近走访"),
           lambda r: _t(NEVER) if r.last_visit_at is None else _when(r.last_visit_at),
           sort=lambda r: _sort(r.last_visit_at), alert=lambda r: r.last_visit_at is None),
    Column("next", QT_TRANSLATE_NOOP("KpiList", "应走访日期"),
           lambda r: NONE if r.next_due is None else r.next_due.isoformat(),
           sort=lambda r: "" if r.next_due is None else r.next_due.isoformat()),
)
VISIT_DUE_WIDTHS = {"name": 90, "grid": 160, "interval": 90, "last": 140, "next": 110}

PATROL_DUE_COLUMNS = (
    Column("grid", QT_TRANSLATE_NOOP("KpiList", "网格"), lambda r: r.grid_name or NONE),
    Column("plan", QT_TRANSLATE_NOOP("KpiList", "巡查计划"), lambda r: r.name, tooltip=lambda r: r.name),
    Column("worker", QT_TRANSLATE_NOOP("KpiList", "网格员"), lambda r: r.worker_name or NONE),
    Column("frequency", QT_TRANSLATE_NOOP("KpiList", "巡查频次"),
           lambda r: _t(EVERY).replace("%1", str(r.frequency_days)), sort=lambda r: r.frequency_days, align=CENTER),
    Column("last", QT_TRANSLATE_NOOP("KpiList", "上次巡查"),
           lambda r: _t(NEVER_WALKED) if r.last_round_at is None else _when(r.last_round_at),
           sort=lambda r: _sort(r.last_round_at), alert=lambda r: r.last_round_at is None),
    Column("due", QT_TRANSLATE_NOOP("KpiList", "应巡查日期"), lambda r: NONE if r.due_on is None
           else r.due_on.isoformat(), sort=lambda r: "" if r.due_on is None else r.due_on.isoformat()),
)
PATROL_DUE_WIDTHS = {"grid": 170, "worker": 90, "frequency": 90, "last": 140, "due": 110}

REGISTER_COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("KpiList", "姓名"), lambda r: r.name),
    Column("sex", QT_TRANSLATE_NOOP("KpiList", "性别"), lambda r: _t(SEX.get(r.sex, NONE)), align=CENTER),
    Column("kind", QT_TRANSLATE_NOOP("KpiList", "人员类别"), lambda r: _t(RESIDENCE.get(r.residence_type, NONE))),
    Column("grid", QT_TRANSLATE_NOOP("KpiList", "网格"), lambda r: r.grid_name or NONE),
    Column("address", QT_TRANSLATE_NOOP("KpiList", "住址"), lambda r: r.address or NONE, tooltip=lambda r: r.address),
)
REGISTER_WIDTHS = {"name": 100, "sex": 60, "kind": 100, "grid": 170}

HOUSEHOLD_COLUMNS = (
    Column("address", QT_TRANSLATE_NOOP("KpiList", "住址"), lambda r: r.address or NONE, tooltip=lambda r: r.address),
    Column("grid", QT_TRANSLATE_NOOP("KpiList", "网格"), lambda r: r.grid_name or NONE),
    Column("members", QT_TRANSLATE_NOOP("KpiList", "在册人数"), lambda r: number(r.members), sort=lambda r: r.members,
           align=RIGHT),
)
HOUSEHOLD_WIDTHS = {"grid": 170, "members": 90}

EMPTY = {
    "open_request": QT_TRANSLATE_NOOP("KpiList", "没有符合条件的诉求。"),
    "visit_due": QT_TRANSLATE_NOOP("KpiList", "今天没有待走访的居民。"),
    "patrol_due": QT_TRANSLATE_NOOP("KpiList", "今天没有待巡查的计划。"),
    "register": QT_TRANSLATE_NOOP("KpiList", "没有在册居民。"),
    "household": QT_TRANSLATE_NOOP("KpiList", "没有住户。"),
}
