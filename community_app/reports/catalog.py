"""The reports a user can print from the reports page, and the one call that builds any of
them into a PDF file (the page runs it on a worker thread with a fresh session).

    order = ReportOrder("monthly", scope=ReportScope("grid", cell_id, "第三网格"), month=date(2026, 10, 1))
    made = build_report(session, user, order, Path(".../report.pdf"), control=BuildControl(progress, cancelled))

Every builder checks what the user may print (PermissionError with a Chinese message);
ReportCancelled propagates when the user cancels and no file is left behind.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.kpi_period import Period
from community_app.core.localtime import today as local_today
from community_app.core.resident_query import ResidentFilter
from community_app.reports.output_audit import ReportStamp
from community_app.reports.progress import NO_CONTROL, BuildControl
from community_app.reports.report_scopes import ReportScope, dashboard_scope

REPORT_KINDS: Final = ("monthly", "visits", "dossier", "roster")
REPORT_TITLES: Final[dict[str, str]] = {"monthly": "月度网格工作报告", "visits": "特殊群体走访报告",
                                        "dossier": "诉求办理单", "roster": "居民花名册"}
NEEDS_MONTH: Final = frozenset({"monthly", "visits"})
NO_REQUEST: Final = "请输入要打印的诉求编号。"
NO_REPORTS: Final = "您的账号没有打印该报表的权限；如确有需要，请联系社区负责人。"


@dataclass(frozen=True)
class ReportOrder:
    """What to build: plain values only, so it can cross to the worker thread."""

    kind: str  # one of REPORT_KINDS
    scope: ReportScope = field(default_factory=lambda: ReportScope("community"))
    month: date | None = None  # any day of the month (monthly, visits)
    request_ref: str = ""  # dossier: the ticket number (or id) of the request
    resident_filter: ResidentFilter = field(default_factory=ResidentFilter)  # roster
    sort: str = "address"  # roster


@dataclass(frozen=True)
class MadeReport:
    path: Path
    pages: int
    stamp: ReportStamp  # what the audit row will name when it is printed or saved


def month_period(day: date) -> Period:
    """The calendar month of `day`: its first to its last day."""
    last = calendar.monthrange(day.year, day.month)[1]
    return Period(day.replace(day=1), day.replace(day=last), "custom")


def month_text(day: date) -> str:
    return f"{day.year}年{day.month}月"


def can_build(user: CurrentUser, kind: str) -> bool:
    """Whether the page offers this report to the user at all (scopes are checked on build)."""
    if kind in ("monthly", "visits"):
        return any(user.can(p) for p in (roles.REPORT_VIEW, roles.REQUEST_HANDLE))
    if kind == "roster":
        return user.can(roles.RESIDENT_VIEW)
    return True  # dossier: whoever may see a request (checked with the request)


def build_report(session: Session, user: CurrentUser, order: ReportOrder, out: Path, *,
                 now: datetime | None = None, control: BuildControl = NO_CONTROL) -> MadeReport:
    """Build the report into `out` (a PDF). PermissionError / LookupError / ValueError carry
    a Chinese message for the user; ReportCancelled when cancelled."""
    if order.kind not in REPORT_KINDS:
        raise ValueError(f"unknown report {order.kind!r}")
    if not can_build(user, order.kind):
        raise PermissionError(NO_REPORTS)
    if order.kind == "roster":
        from community_app.reports.roster import build_roster

        roster = build_roster(session, user, order.resident_filter, out, sort=order.sort, now=now, control=control)
        return MadeReport(out, roster.pages, roster.stamp)
    if order.kind == "dossier":
        from community_app.reports.dossier import build_dossier, find_request

        if not order.request_ref.strip():
            raise ValueError(NO_REQUEST)
        dossier = build_dossier(session, user, find_request(session, order.request_ref), now=now, control=control)
        dossier.report.save(out)
        return MadeReport(out, dossier.report.pages, dossier.stamp)
    month = order.month or local_today()
    scope = dashboard_scope(session, user, order.scope)
    period = month_period(month)
    if order.kind == "monthly":
        from community_app.reports.monthly import build_monthly_report as build
    else:
        from community_app.reports.visit_report import build_visit_report as build
    built = build(session, scope, period, generated_by=user.display_name, now=now, control=control)
    built.save(out)
    stamp = ReportStamp(kind=order.kind, title=REPORT_TITLES[order.kind], scope_text=order.scope.name,
                        period_text=month_text(month), pages=built.pages, personal=order.kind == "visits",
                        masked=True)
    return MadeReport(out, built.pages, stamp)
