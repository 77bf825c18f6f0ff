"""特殊群体走访报告: whether the elderly living alone, the disabled, low-income and other
special-group residents were visited as often as their rules ask, and what came of it.

Sections: overview, coverage per group (tag) with a chart, per worker, the residents not
visited in time (names shown; ID number and phone masked), visits by method and outcome,
and the follow-up requests the visits created. Figures come from visit_data.visit_figures.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph
from sqlalchemy.orm import Session

from community_app.core.dashboard import Scope
from community_app.core.kpi_period import Period
from community_app.core.stages import STAGE_NAMES
from community_app.core.visits import METHOD_NAMES, OUTCOME_NAMES
from community_app.reports import formatting as f
from community_app.reports.charts import bar_chart, pie_chart
from community_app.reports.document import BuiltReport, ReportMeta, build_pdf, heading, period_text
from community_app.reports.fonts import markup
from community_app.reports.monthly import compact_grid, grid_label
from community_app.reports.progress import NO_CONTROL, BuildControl
from community_app.reports.styles import STYLES
from community_app.reports.tables import Column, data_table, empty_note, signature_block
from community_app.reports.visit_data import Coverage, VisitFigures, visit_figures

TITLE = "特殊群体走访报告"
NOBODY = "未指定"


def _summary(fig: VisitFigures) -> str:
    t = fig.total
    return (f"统计期内特殊群体应走访{t.due}人，按期走访{t.done}人，未按期走访{t.missed}人，走访完成率{f.rate(t.rate)}。"
            f"期内共记录走访{t.visits}次，因走访发现问题转办诉求{len(fig.followups)}件。"
            f"未按期走访对象名单见第四部分，请各网格员尽快补访。")


def _coverage_cells(c: Coverage) -> list[object]:
    return [c.due, c.done, c.missed, f.rate(c.rate)]


def tag_table(fig: VisitFigures) -> Flowable:
    columns = (Column("群体类别", 30), Column("走访周期", 20), Column("应走访（人）", 22, "right"),
               Column("按期走访（人）", 24, "right"), Column("未按期（人）", 22, "right"),
               Column("完成率", 18, "right"))
    rows = [[c.name, c.detail, *_coverage_cells(c)] for c in fig.by_tag]
    return data_table(columns, rows, width=136 * mm)


def worker_table(fig: VisitFigures) -> Flowable:
    columns = (Column("网格员", 20), Column("负责网格", 44), Column("应走访", 14, "right"), Column("按期", 12, "right"),
               Column("未按期", 14, "right"), Column("完成率", 16, "right"), Column("走访次数", 16, "right"),
               Column("转办诉求", 16, "right"))
    rows = [[c.name or NOBODY, "、".join(grid_label(n, fig.office_name) for n in c.detail.split("、")) or "—",
             *_coverage_cells(c), c.visits, c.followups] for c in fig.by_worker]
    t = fig.total
    return data_table(columns, rows, total=["合计", "", *_coverage_cells(t), t.visits, t.followups])


def missed_table(fig: VisitFigures) -> Flowable:
    if not fig.missed:
        return empty_note("无。全部对象均已按期走访。")
    # widths in mm (170 in all): a masked ID needs 34, a date 21
    columns = (Column("序号", 9, "right"), Column("姓名", 15), Column("身份证号", 34), Column("联系电话", 26),
               Column("网格", 31), Column("群体类别", 22.5), Column("上次走访", 21), Column("超期天数", 11.5, "right"))
    rows = [[i, m.name, m.id_masked, m.phone_masked, compact_grid(grid_label(m.grid_name, fig.office_name)), m.tags,
             f.local_day(m.last_visit_at) or "从未走访", m.days_overdue] for i, m in enumerate(fig.missed, 1)]
    return data_table(columns, rows)


def followup_table(fig: VisitFigures) -> Flowable:
    if not fig.followups:
        return empty_note("本期走访未转办诉求。")
    columns = (Column("序号", 10, "right"), Column("编号", 31), Column("诉求标题", 40), Column("类别", 20),
               Column("走访对象", 16), Column("走访日期", 21), Column("网格员", 16), Column("状态", 16))
    rows = [[i, r.ticket_no, r.title, r.category, r.resident_name, f.local_day(r.visited_at), r.worker_name,
             STAGE_NAMES.get(r.stage, r.stage)] for i, r in enumerate(fig.followups, 1)]
    return data_table(columns, rows)


def method_part(fig: VisitFigures) -> list[Flowable]:
    if not fig.by_method:
        return [empty_note("本期无走访记录。")]
    total = sum(n for _m, n in fig.by_method)
    rows = [[METHOD_NAMES.get(m, m), n, f.rate(n / total)] for m, n in fig.by_method]
    rows += [[OUTCOME_NAMES.get(o, o), n, f.rate(n / total)] for o, n in fig.by_outcome]
    table = data_table((Column("走访方式 / 结果", 40), Column("次数", 20, "right"), Column("占比", 20, "right")),
                       rows, width=100 * mm)
    pie = pie_chart("走访方式构成", [(METHOD_NAMES.get(m, m), float(n)) for m, n in fig.by_method], height=55 * mm)
    return [KeepTogether([pie, Paragraph(markup("图2　走访方式构成"), STYLES.caption)]), table]


def visit_story(fig: VisitFigures) -> list[Flowable]:
    s = STYLES
    story: list[Flowable] = [heading(1, "总体情况"), Paragraph(markup(_summary(fig)), s.body)]
    story += [CondPageBreak(60 * mm), heading(2, "分群体走访覆盖")]
    if fig.by_tag:
        chart = bar_chart("各群体应走访与按期走访（人）", [c.name for c in fig.by_tag],
                          [("应走访", [c.due for c in fig.by_tag]), ("按期走访", [c.done for c in fig.by_tag])])
        story += [KeepTogether([chart, Paragraph(markup("图1　各群体走访覆盖"), s.caption)]), tag_table(fig),
                  Paragraph(markup("注：同一居民属多个群体时在各群体中分别计数，合计按人计一次，"
                                   "按其各群体中最短的走访周期判断是否按期。"), s.note)]
    else:
        story.append(empty_note("本期无应走访对象。"))
    story += [CondPageBreak(40 * mm), heading(3, "网格员走访情况"), worker_table(fig),
              CondPageBreak(40 * mm), heading(4, f"未按期走访对象（{len(fig.missed)}人）"),
              Paragraph(markup(f"截至{fig.last_day.year}年{fig.last_day.month}月{fig.last_day.day}日仍未按期走访的对象，"
                               "身份证号、联系电话已脱敏。"), s.note),
              missed_table(fig),
              CondPageBreak(60 * mm), heading(5, "走访方式与结果"), *method_part(fig),
              CondPageBreak(40 * mm), heading(6, f"走访转办诉求（{len(fig.followups)}件）"), followup_table(fig),
              signature_block()]
    return story


def build_visit_report(session: Session, scope: Scope, period: Period, *, generated_by: str,
                       now: datetime | None = None, control: BuildControl = NO_CONTROL) -> BuiltReport:
    fig = visit_figures(session, scope, period, now=now, control=control.sub(0.0, 0.35))
    return render_visit_report(fig, generated_by=generated_by, control=control.sub(0.35, 1.0))


def render_visit_report(fig: VisitFigures, *, generated_by: str, control: BuildControl = NO_CONTROL) -> BuiltReport:
    meta = ReportMeta(TITLE, fig.office_name, period_text(fig.period.start, fig.period.end), fig.as_of,
                      generated_by, scope_text=fig.scope_text)
    return build_pdf(meta, visit_story(fig), control)
