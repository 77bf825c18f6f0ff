"""Words and number formats of the supervisor's indicators (core.kpis): each indicator's
name, what it means (shown as a tooltip) and the lists a click on it can open.

The strings are marked for lupdate here and translated where they are shown (context "Kpi").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale

from community_app.core import kpi_requests as rq
from community_app.core import kpi_visits as kv
from community_app.core import stages as rq_stages
from community_app.core.kpis import Indicators
from community_app.ui.i18n import QT_TRANSLATE_NOOP, Unit

PATROL_LIST = "patrol"  # the plans behind 巡查覆盖率 (the other lists are core's keys)
NONE = "—"


translate = QCoreApplication.translate


def tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP("Kpi", …), in the current language."""
    return translate("Kpi", text)


@dataclass(frozen=True)
class ListView:
    key: str  # a kpi_requests / kpi_visits list, or PATROL_LIST
    label: str  # marked for translation


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    title: str  # marked for translation
    definition: str  # marked for translation; the tooltip
    views: tuple[ListView, ...]  # the first is opened first
    list_kind: str = ""  # the numbers of the day say what their lists hold (see kind)

    @property
    def kind(self) -> str:
        """"request", "resident" or "patrol": what an indicator's lists hold; for the numbers of
        the day "open_request", "visit_due", "patrol_due", "register" or "household"."""
        if self.list_kind:
            return self.list_kind
        first = self.views[0].key
        return "patrol" if first == PATROL_LIST else "resident" if first in kv.RESIDENT_LISTS else "request"


def _v(key: str, label: str) -> ListView:
    return ListView(key, label)


INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec("received", QT_TRANSLATE_NOOP("Kpi", "受理数"), QT_TRANSLATE_NOOP(
        "Kpi", "本期收到的全部诉求（各渠道上报并登记），含后来不予受理、并单和尚待受理的。"),
        (_v(rq.RECEIVED, QT_TRANSLATE_NOOP("Kpi", "本期受理")),)),
    IndicatorSpec("accepted", QT_TRANSLATE_NOOP("Kpi", "立案数"), QT_TRANSLATE_NOOP(
        "Kpi", "本期受理的诉求中，经审核立案（受理）的件数；不含不予受理、并单和尚待受理的。"),
        (_v(rq.ACCEPTED, QT_TRANSLATE_NOOP("Kpi", "本期立案")),)),
    IndicatorSpec("closed", QT_TRANSLATE_NOOP("Kpi", "结案数"), QT_TRANSLATE_NOOP(
        "Kpi", "本期内结案的诉求件数，含往期立案、本期办结的。"),
        (_v(rq.CLOSED_IN_PERIOD, QT_TRANSLATE_NOOP("Kpi", "本期结案")),)),
    IndicatorSpec("closure_rate", QT_TRANSLATE_NOOP("Kpi", "结案率"), QT_TRANSLATE_NOOP(
        "Kpi", "本期立案的诉求中，截至统计时已结案的比例（同一批诉求，不超过100%）。"),
        (_v(rq.ACCEPTED_OPEN, QT_TRANSLATE_NOOP("Kpi", "尚未结案")),
         _v(rq.ACCEPTED_CLOSED, QT_TRANSLATE_NOOP("Kpi", "已结案")),
         _v(rq.ACCEPTED, QT_TRANSLATE_NOOP("Kpi", "全部立案")))),
    IndicatorSpec("on_time_rate", QT_TRANSLATE_NOOP("Kpi", "按期结案率"), QT_TRANSLATE_NOOP(
        "Kpi", "本期结案的诉求中，在办理时限内（按工作时间计算，含批准的延期）结案的比例。"),
        (_v(rq.CLOSED_LATE, QT_TRANSLATE_NOOP("Kpi", "超期结案")),
         _v(rq.CLOSED_ON_TIME, QT_TRANSLATE_NOOP("Kpi", "按期结案")),
         _v(rq.CLOSED_IN_PERIOD, QT_TRANSLATE_NOOP("Kpi", "全部结案")))),
    IndicatorSpec("rework_rate", QT_TRANSLATE_NOOP("Kpi", "返工率"), QT_TRANSLATE_NOOP(
        "Kpi", "本期结案的诉求中，曾因核查未通过而返工的比例。"),
        (_v(rq.REWORKED, QT_TRANSLATE_NOOP("Kpi", "返工过的")),
         _v(rq.CLOSED_IN_PERIOD, QT_TRANSLATE_NOOP("Kpi", "全部结案")))),
    IndicatorSpec("satisfaction", QT_TRANSLATE_NOOP("Kpi", "满意度"), QT_TRANSLATE_NOOP(
        "Kpi", "本期内回访的诉求（按回访日期统计，不论何时结案）的平均评分（1–5分）；满意率为评4分或5分的比例。"),
        (_v(rq.UNSATISFIED, QT_TRANSLATE_NOOP("Kpi", "不满意（1–3分）")),
         _v(rq.SATISFIED, QT_TRANSLATE_NOOP("Kpi", "满意（4–5分）")),
         _v(rq.REVIEWED_IN_PERIOD, QT_TRANSLATE_NOOP("Kpi", "全部回访")))),
    IndicatorSpec("visit_rate", QT_TRANSLATE_NOOP("Kpi", "走访完成率"), QT_TRANSLATE_NOOP(
        "Kpi", "本期应走访的特殊群体居民中，按走访周期走访到的比例；统计截止日仍在待走访名单上的为未按期。"),
        (_v(kv.VISIT_MISSED, QT_TRANSLATE_NOOP("Kpi", "未按期走访")),
         _v(kv.VISIT_DONE, QT_TRANSLATE_NOOP("Kpi", "已按期走访")),
         _v(kv.VISIT_DUE, QT_TRANSLATE_NOOP("Kpi", "全部应走访")))),
    IndicatorSpec("patrol_coverage", QT_TRANSLATE_NOOP("Kpi", "巡查覆盖率"), QT_TRANSLATE_NOOP(
        "Kpi", "各网格巡查计划按频次划分的巡查周期中，有已完成巡查的周期所占比例。"),
        (_v(PATROL_LIST, QT_TRANSLATE_NOOP("Kpi", "各网格巡查情况")),)),
)

# the 工作台's numbers of the day (core.dashboard.DashboardCounts); their lists are core.kpi_today's
TODAY_PREFIX = "today:"


def _today(key: str, title: str, definition: str, kind: str, view: str | None = None) -> IndicatorSpec:
    return IndicatorSpec(TODAY_PREFIX + key, title, definition, (ListView(view or key, title),), kind)


_STAGE_DEFINITION = QT_TRANSLATE_NOOP("Kpi", "处于这一办理环节、尚未办结的诉求，按办理时限先后排列。")
TODAY_INDICATORS: tuple[IndicatorSpec, ...] = (
    _today("open_total", QT_TRANSLATE_NOOP("Kpi", "在办诉求"), QT_TRANSLATE_NOOP(
        "Kpi", "尚未办结的居民诉求，按办理时限先后排列。"), "open_request"),
    _today("overdue", QT_TRANSLATE_NOOP("Kpi", "已超期"), QT_TRANSLATE_NOOP(
        "Kpi", "已超过办理时限的在办诉求（延期或退回待批、计时暂停的不计入），请优先处理。"), "open_request"),
    _today("due_soon", QT_TRANSLATE_NOOP("Kpi", "即将超期"), QT_TRANSLATE_NOOP(
        "Kpi", "剩余办理时间不足 4 个工作小时的在办诉求。"), "open_request"),
    *(_today(f"stage:{code}", QT_TRANSLATE_NOOP("Kpi", "在办诉求"), _STAGE_DEFINITION, "open_request")
      for code in rq_stages.OPEN_STAGES),
    _today("visits_due", QT_TRANSLATE_NOOP("Kpi", "待走访"), QT_TRANSLATE_NOOP(
        "Kpi", "特殊群体居民中，已到或超过走访周期、尚未走访的（从未走访的自列入之日起计）。"), "visit_due"),
    _today("patrols_due", QT_TRANSLATE_NOOP("Kpi", "待巡查"), QT_TRANSLATE_NOOP(
        "Kpi", "已到或超过巡查日期的巡查计划（上次完成巡查之日加巡查频次）。"), "patrol_due"),
    _today("residents", QT_TRANSLATE_NOOP("Kpi", "居民总数"), QT_TRANSLATE_NOOP(
        "Kpi", "在册的常住、流动及境外人员，不含已迁出和已故的。"), "register"),
    _today("households", QT_TRANSLATE_NOOP("Kpi", "户数"), QT_TRANSLATE_NOOP(
        "Kpi", "有在册居民的住户，及其在册人数。"), "household"),
)
BY_KEY = {spec.key: spec for spec in (*INDICATORS, *TODAY_INDICATORS)}


def number(value: int) -> str:
    return QLocale().toString(value)


def percent(rate: float | None) -> str:
    return NONE if rate is None else QLocale().toString(rate * 100, "f", 1) + "%"


def score(value: float | None) -> str:
    return NONE if value is None else QLocale().toString(value, "f", 2)


def value_text(key: str, i: Indicators) -> str:
    """The number an indicator shows (without its unit)."""
    counts = {"received": i.received, "accepted": i.accepted, "closed": i.closed}
    if key in counts:
        return number(counts[key])
    if key == "satisfaction":
        return score(i.satisfaction)
    return percent(getattr(i, key))


def tile_value(key: str, i: Indicators) -> tuple[str, str]:
    """A tile's number and unit: rates as 63.2 with a small %, so big digits fit."""
    if key in ("received", "accepted", "closed", "satisfaction"):
        return value_text(key, i), unit_text(key, i)
    rate = getattr(i, key)
    return (NONE, "") if rate is None else (QLocale().toString(rate * 100, "f", 1), "%")


def unit_text(key: str, i: Indicators) -> str:
    if key in ("received", "accepted", "closed"):
        return Unit.tr("件", "", getattr(i, key))
    if key == "satisfaction" and i.satisfaction is not None:
        return translate("Kpi", "分")
    return ""


def fill(text: str, *values: str) -> str:
    """Qt-style %1, %2 … placeholders (the translation may reorder them)."""
    for n, value in enumerate(values, 1):
        text = text.replace(f"%{n}", value)
    return text


def caption(key: str, i: Indicators) -> str:
    """A short line under the number saying what it is made of."""
    if key == "received":
        return fill(translate("Kpi", "立案 %1 件"), number(i.accepted))
    if key == "accepted":
        return fill(translate("Kpi", "未立案 %1 件"), number(i.received - i.accepted))
    if key == "closed":
        return fill(translate("Kpi", "本期回访 %1 件"), number(i.reviewed))
    if key == "closure_rate":
        return fill(translate("Kpi", "已结 %1 / 立案 %2"), number(i.accepted_closed), number(i.accepted))
    if key == "on_time_rate":
        return fill(translate("Kpi", "超期结案 %1 件"), number(i.closed - i.closed_on_time))
    if key == "rework_rate":
        return fill(translate("Kpi", "返工 %1 件"), number(i.reworked))
    if key == "satisfaction":
        return fill(translate("Kpi", "满意率 %1"), percent(i.satisfied_rate))
    if key == "visit_rate":
        return fill(translate("Kpi", "未按期 %1 / 应走访 %2 人"), number(i.visits_missed), number(i.visits_due))
    if key == "patrol_coverage":
        return fill(translate("Kpi", "已巡 %1 / 应巡 %2 轮"), number(i.patrol_covered), number(i.patrol_planned))
    raise KeyError(key)


def view_count(view: str, i: Indicators) -> int | None:
    """How many rows a list view holds, from the numbers (None for the patrol table)."""
    counts = {
        rq.RECEIVED: i.received, rq.ACCEPTED: i.accepted, rq.ACCEPTED_CLOSED: i.accepted_closed,
        rq.ACCEPTED_OPEN: i.accepted - i.accepted_closed, rq.CLOSED_IN_PERIOD: i.closed,
        rq.CLOSED_ON_TIME: i.closed_on_time, rq.CLOSED_LATE: i.closed - i.closed_on_time,
        rq.REWORKED: i.reworked, rq.REVIEWED_IN_PERIOD: i.reviewed, rq.SATISFIED: i.satisfied,
        rq.UNSATISFIED: i.reviewed - i.satisfied, kv.VISIT_DUE: i.visits_due, kv.VISIT_DONE: i.visits_done,
        kv.VISIT_MISSED: i.visits_missed,
    }
    return counts.get(view)
