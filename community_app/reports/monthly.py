"""月度网格工作报告: the supervisor's month on paper, for a community, a street or one grid.

Figures are fetched once (monthly_data.FiguresFetch, the dashboard's own KPI code), then
laid out: the standard indicators beside the previous period, the weekly trend, the busiest
grids, the categories, per-grid and per-worker tables, the overdue requests and signatures.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph
from sqlalchemy.orm import Session

from community_app.core.dashboard import Scope
from community_app.core.kpi_period import Period
from community_app.core.kpis import Indicators, KpiRow
from community_app.core.stages import STAGE_NAMES
from community_app.reports import formatting as f
from community_app.reports.charts import bar_chart, line_chart, pie_chart
from community_app.reports.document import BuiltReport, ReportMeta, build_pdf, heading, period_text, subheading
from community_app.reports.fonts import markup
from community_app.reports.monthly_data import FiguresFetch, MonthlyFigures, OverdueRow
from community_app.reports.progress import NO_CONTROL, BuildControl
from community_app.reports.styles import STYLES
from community_app.reports.tables import Column, data_table, empty_note, signature_block

TITLE = "月度网格工作报告"
TOP_GRIDS = 12  # grids in the bar chart
TOP_CATEGORIES = 10  # categories in the table; the pie shows the first 7 and 其他
OUTSIDE_GRID = "网格外"
NOBODY = "未指定"


def indicator_rows(now: Indicators, before: Indicators) -> list[list[str]]:
    """指标 | 本期 | 上期 | 变化 — the standard indicators in the order supervisors read them."""
    def counts(name: str, a: int, b: int) -> list[str]:
        return [name, f.count(a), f.count(b), f.count_change(a, b)]

    return [
        counts("受理数（件）", now.received, before.received),
        counts("立案数（件）", now.accepted, before.accepted),
        counts("结案数（件）", now.closed, before.closed),
        ["结案率", f.rate(now.closure_rate), f.rate(before.closure_rate),
         f.rate_change(now.closure_rate, before.closure_rate)],
        ["按期结案率", f.rate(now.on_time_rate), f.rate(before.on_time_rate),
         f.rate_change(now.on_time_rate, before.on_time_rate)],
        ["返工率", f.rate(now.rework_rate), f.rate(before.rework_rate),
         f.rate_change(now.rework_rate, before.rework_rate)],
        ["满意度（分，满分5分）", f.score(now.satisfaction), f.score(before.satisfaction),
         f.score_change(now.satisfaction, before.satisfaction)],
        ["满意率", f.rate(now.satisfied_rate), f.rate(before.satisfied_rate),
         f.rate_change(now.satisfied_rate, before.satisfied_rate)],
        ["走访完成率", f.rate(now.visit_rate), f.rate(before.visit_rate),
         f.rate_change(now.visit_rate, before.visit_rate)],
        ["巡查覆盖率", f.rate(now.patrol_coverage), f.rate(before.patrol_coverage),
         f.rate_change(now.patrol_coverage, before.patrol_coverage)],
    ]


def _summary(fig: MonthlyFigures) -> str:
    now, before = fig.current.total, fig.previous
    text = (f"本期共受理诉求{now.received}件（上期{before.received}件），立案{now.accepted}件，结案{now.closed}件；"
            f"结案率{f.rate(now.closure_rate)}，按期结案率{f.rate(now.on_time_rate)}，返工率{f.rate(now.rework_rate)}，"
            f"群众满意度{f.score(now.satisfaction)}分。特殊群体应走访{now.visits_due}人，按期走访{now.visits_done}人，"
            f"走访完成率{f.rate(now.visit_rate)}；巡查覆盖率{f.rate(now.patrol_coverage)}。"
            f"截至统计截止时超期未办结诉求{len(fig.overdue_open)}件，本期超期办结{len(fig.closed_late)}件。")
    return text


# widths in mm (shares of the 170 mm frame): "100.0%" and five-digit counts never get cut
_KPI_COLUMNS = (Column("受理", 12, "right"), Column("结案", 12, "right"), Column("结案率", 14.5, "right"),
                Column("按期结案率", 14.5, "right"), Column("返工率", 14.5, "right"), Column("满意度", 12, "right"),
                Column("走访完成率", 14.5, "right"), Column("巡查覆盖率", 14.5, "right"))


def _kpi_cells(i: Indicators) -> list[str]:
    return [f.count(i.received), f.count(i.closed), f.rate(i.closure_rate), f.rate(i.on_time_rate),
            f.rate(i.rework_rate), f.score(i.satisfaction), f.rate(i.visit_rate), f.rate(i.patrol_coverage)]


def grid_label(name: str, office: str) -> str:
    """A grid's name without the community's name in front when the report is that community's."""
    return name[len(office):] if office and name.startswith(office) and len(name) > len(office) else name


def compact_grid(name: str) -> str:
    """仰口路社区第二十五网格 → 仰口路第二十五网格: a street's grid names in a narrow column keep
    both the community and the grid number."""
    return name.replace("社区第", "第", 1)


def grid_table(rows: Sequence[KpiRow], total: Indicators, office: str = "") -> Flowable:
    columns = (Column("网格", 39.5), Column("网格员", 22), *_KPI_COLUMNS)
    body = [[grid_label(r.name, office) or OUTSIDE_GRID, "、".join(r.related) or NOBODY, *_kpi_cells(r.indicators)]
            for r in rows]
    return data_table(columns, body, total=["合计", "", *_kpi_cells(total)])


def worker_table(rows: Sequence[KpiRow], total: Indicators, office: str = "") -> Flowable:
    columns = (Column("网格员", 22), Column("负责网格", 39.5), *_KPI_COLUMNS)
    body = [[r.name or NOBODY, "、".join(grid_label(n, office) for n in r.related) or "—", *_kpi_cells(r.indicators)]
            for r in rows]
    return data_table(columns, body, total=["合计", "", *_kpi_cells(total)])


def overdue_table(rows: Sequence[OverdueRow], office: str = "") -> Flowable:
    if not rows:
        return empty_note("无。")
    columns = (Column("序号", 9, "right"), Column("编号", 31), Column("诉求标题", 24), Column("类别", 16),
               Column("网格", 31), Column("承办人", 13), Column("办理期限", 21), Column("超期天数", 12, "right"),
               Column("状态", 13))
    body = [[i, r.ticket_no, r.title, r.category, compact_grid(grid_label(r.grid_name, office)),
             r.worker_name or NOBODY, f.local_day(r.due_at), r.days_overdue, STAGE_NAMES.get(r.stage, r.stage)]
            for i, r in enumerate(rows, 1)]
    return data_table(columns, body)


def closed_late_table(rows: Sequence[OverdueRow], office: str = "") -> Flowable:
    """超期办结 summed per grid: the cases are closed, the meeting needs where lateness piles up
    (按期结案率 already counts them; a street's month can hold thousands)."""
    if not rows:
        return empty_note("无。")
    per_grid: dict[str, list[int]] = {}
    for r in rows:
        per_grid.setdefault(r.grid_name, []).append(r.days_overdue)
    ordered = sorted(per_grid.items(), key=lambda item: (-len(item[1]), item[0]))
    columns = (Column("网格", 60), Column("超期办结（件）", 30, "right"), Column("平均超期天数", 30, "right"),
               Column("最长超期天数", 30, "right"))
    body = [[grid_label(name, office) or OUTSIDE_GRID, len(days), f"{sum(days) / len(days):.1f}", max(days)]
            for name, days in ordered]
    return data_table(columns, body, width=150 * mm)


def _short_grid(name: str) -> str:
    """湛山社区第八十八网格 → 第八十八网格 for chart axes, where room is scarce."""
    cut = name.rfind("社区")
    return name[cut + 2:] if 0 <= cut < len(name) - 2 else name or OUTSIDE_GRID


NO_GRID_CHART = "本期尚无受理诉求，不列网格受理量图。"


def charts(fig: MonthlyFigures) -> list[Flowable]:
    report = fig.current
    weeks = [w.monday.strftime("%m/%d") for w in report.weekly]
    trend = line_chart("近期每周受理与结案（件，按周一所在周）", weeks,
                       [("受理数", [w.received for w in report.weekly]), ("结案数", [w.closed for w in report.weekly])])
    busiest = sorted((r for r in report.by_grid if r.indicators.received), key=lambda r: -r.indicators.received)
    busiest = busiest[:TOP_GRIDS]
    if not busiest:  # a month just begun: a chart of "the top 0 grids" would show an empty axis
        return [KeepTogether([trend, Paragraph(markup("图1　每周受理与结案趋势"), STYLES.caption)]),
                empty_note(NO_GRID_CHART)]
    grids = bar_chart(f"受理量居前的{len(busiest)}个网格（件）", [_short_grid(r.name) for r in busiest],
                      [("受理数", [r.indicators.received for r in busiest]),
                       ("结案数", [r.indicators.closed for r in busiest])])
    return [KeepTogether([trend, Paragraph(markup("图1　每周受理与结案趋势"), STYLES.caption)]),
            KeepTogether([grids, Paragraph(markup("图2　受理量居前网格的受理与结案"), STYLES.caption)])]


def category_part(fig: MonthlyFigures) -> list[Flowable]:
    cats = fig.current.categories
    whole = sum(c.received for c in cats)
    if not whole:
        return [empty_note("本期无受理诉求。")]
    top = list(cats[:7])
    slices = [(c.name, float(c.received)) for c in top]
    rest = whole - sum(c.received for c in top)
    if rest:
        slices.append(("其他", float(rest)))
    rows = [[i, c.name, c.received, f.rate(c.received / whole)] for i, c in enumerate(cats[:TOP_CATEGORIES], 1)]
    table = data_table((Column("排名", 0.8, "centre"), Column("诉求类别（大类）", 3),
                        Column("受理数（件）", 1.5, "right"), Column("占比", 1.3, "right")), rows, width=120 * mm)
    caption = Paragraph(markup("图3　受理诉求类别构成"), STYLES.caption)
    return [KeepTogether([pie_chart("诉求类别构成", slices), caption]), table]


def _period_note(fig: MonthlyFigures) -> str:
    cutoff = fig.current.cutoff
    so_far = f"（统计至{f.local_minute(cutoff)}）" if cutoff < fig.period.utc_end else ""
    return (f"本期：{period_text(fig.period.start, fig.period.end)}{so_far}；"
            f"上期：{period_text(fig.previous_period.start, fig.previous_period.end)}。")


def overdue_tables(still_open: Sequence[OverdueRow], late: Sequence[OverdueRow], office: str) -> list[Flowable]:
    """The two tables of 超期诉求 (the longest part of a street's report)."""
    return [overdue_table(still_open, office), closed_late_table(late, office)]


def monthly_story(fig: MonthlyFigures, overdue: Sequence[Flowable] | None = None) -> list[Flowable]:
    """The report's flowables; `overdue` = overdue_tables(...) of these figures when built beforehand."""
    open_table, late_table = overdue or overdue_tables(fig.overdue_open, fig.closed_late, fig.office_name)
    report = fig.current
    s = STYLES
    story: list[Flowable] = [
        heading(1, "总体情况"),
        Paragraph(markup(_summary(fig)), s.body),
        data_table((Column("指标", 3), Column("本期", 1.6, "right"), Column("上期", 1.6, "right"),
                    Column("较上期", 2, "right")), indicator_rows(report.total, fig.previous), width=130 * mm),
        Paragraph(markup(_period_note(fig)), s.note),
        CondPageBreak(80 * mm),
        heading(2, "诉求受理与办理趋势"), *charts(fig),
        CondPageBreak(90 * mm),
        heading(3, "诉求类别分布"), *category_part(fig),
        CondPageBreak(40 * mm),
        heading(4, "分网格工作情况"), grid_table(report.by_grid, report.total, fig.office_name),
        CondPageBreak(40 * mm),
        heading(5, "网格员工作情况"), worker_table(report.by_worker, report.total, fig.office_name),
        CondPageBreak(40 * mm),
        heading(6, "超期诉求"),
        subheading(1, f"截至统计截止时超期未办结（{len(fig.overdue_open)}件）"),
        open_table,
        subheading(2, f"本期超期办结（{len(fig.closed_late)}件）"),
        late_table,
        heading(7, "指标说明"),
        *[Paragraph(markup(t), s.note) for t in NOTES],
        signature_block(),
    ]
    return story


NOTES = (
    "受理数：统计期内接报的全部诉求；立案数：其中已立案且未被退回、并单的诉求。",
    "结案率：本期立案诉求中截至统计截止时已结案的比例；按期结案率：本期结案诉求中在办理期限内结案的比例；"
    "返工率：本期结案诉求中曾被核查退回返工的比例。",
    "满意度：本期内完成回访的诉求的平均评分（1–5分，按回访日期统计），满意率为评4分及以上的比例。",
    "走访完成率：本期应走访的特殊群体对象中按期走访的比例；巡查覆盖率：巡查计划各周期中已完成巡查的比例。",
    "超期天数按自然日计；办理期限按工作日计算，含已批准的延期。数据与系统工作台同源。",
)


def build_monthly_report(session: Session, scope: Scope, period: Period, *, generated_by: str,
                         now: datetime | None = None, control: BuildControl = NO_CONTROL) -> BuiltReport:
    """Fetch the figures, then lay them out. Progress: fetching 0–35 %, layout 35–100 %.

    The overdue lists come first; their tables are built while the indicators are still being
    counted on the other connections (SQLite works outside the GIL), so that part of the
    layout costs no time of its own."""
    fetch = FiguresFetch(session, scope, period, now=now, control=control.sub(0.0, 0.35))
    overdue = overdue_tables(*fetch.overdue_lists(), fetch.office_name)
    fig = fetch.result()
    return _render(fig, monthly_story(fig, overdue), generated_by, control.sub(0.35, 1.0))


def render_monthly_report(fig: MonthlyFigures, *, generated_by: str, control: BuildControl = NO_CONTROL) -> BuiltReport:
    return _render(fig, monthly_story(fig), generated_by, control)


def _render(fig: MonthlyFigures, story: list[Flowable], generated_by: str, control: BuildControl) -> BuiltReport:
    meta = ReportMeta(TITLE, fig.office_name, period_text(fig.period.start, fig.period.end), fig.as_of,
                      generated_by, scope_text=fig.scope_text)
    return build_pdf(meta, story, control)
