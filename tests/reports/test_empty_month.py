"""A monthly report of a month without requests yet: in its first minutes (Beijing) nothing is
reported, and a quiet grid may have none all month. The charts have no values then; reportlab's
value axis failed on them (IndexError) — found with the clock at 2026-11-30 16:10 UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import SimpleDocTemplate
from sqlalchemy.orm import Session

from community_app.core.kpi_period import local_date
from community_app.reports.catalog import ReportOrder, build_report
from community_app.reports.charts import bar_chart, line_chart
from community_app.reports.fonts import register_fonts
from community_app.reports.monthly import NO_GRID_CHART
from db.demo import generate_demo
from db.engine import make_engine
from tests.reports.pdf_text import page_count, pdf_text
from tests.reports.test_dossier import user_of

NOW = datetime(2026, 11, 30, 16, 10, tzinfo=UTC)  # 1 December 00:10 in Beijing


def test_charts_without_values_draw(tmp_path: Path) -> None:
    register_fonts()
    drawings: list[Drawing] = [
        bar_chart("受理量居前的0个网格（件）", [], [("受理数", []), ("结案数", [])]),
        line_chart("近期每周受理与结案", [], [("受理数", []), ("结案数", [])]),
    ]
    out = tmp_path / "charts.pdf"
    SimpleDocTemplate(str(out)).build(drawings)
    assert page_count(out) == 1


def test_the_monthly_report_of_a_month_just_begun_builds(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    generate_demo(path, residents=200, now=NOW)
    month = local_date(NOW)
    assert month == datetime(2026, 12, 1).date()
    engine = make_engine(path)
    try:
        with Session(engine) as session:
            made = build_report(session, user_of(session, "chenjing"), ReportOrder("monthly", month=month),
                                tmp_path / "m.pdf", now=NOW)
    finally:
        engine.dispose()
    assert page_count(made.path) == made.pages >= 1
    text = pdf_text(made.path)
    assert made.stamp.title in text and "2026" in text
    assert NO_GRID_CHART in text and "居前的0个网格" not in text  # no empty chart of nothing
