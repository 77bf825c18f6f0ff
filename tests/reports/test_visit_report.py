"""特殊群体走访报告 from the demo data: coverage equal to an independent count, overdue residents
listed by name with ID and phone masked, rare name characters printed."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from community_app.core.dashboard import Scope
from community_app.core.kpi_period import local_date, preset
from community_app.reports.visit_report import build_visit_report
from db.engine import make_engine
from tests.reports.independent import Window, connect, day_start_text, pct, visit_states
from tests.reports.pdf_text import pdf_fonts, pdf_text

SUPERVISOR = "chenjing"


def _community(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT community_code FROM staff_user WHERE username = ?", (SUPERVISOR,)).fetchone()[0]


def _build(path: Path, now: datetime, out: Path) -> Path:
    engine = make_engine(path)
    try:
        with Session(engine) as session:
            report = build_visit_report(session, Scope(_community(path), None), preset("this_month", local_date(now)),
                                        generated_by="陈静", now=now)
    finally:
        engine.dispose()
    report.save(out)
    return out


@pytest.fixture(scope="module")
def visit_pdf(report_demo: Path, report_now: datetime, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(report_demo, report_now, tmp_path_factory.mktemp("visits") / "visits.pdf")


def _mask_id(value: str) -> str:
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def test_coverage_per_tag_and_total_equal_independent_count(visit_pdf: Path, report_demo: Path,
                                                             report_now: datetime) -> None:
    code = _community(report_demo)
    period = preset("this_month", local_date(report_now))
    states = visit_states(connect(report_demo), code, Window(period.start, period.end, report_now))
    text = pdf_text(visit_pdf)
    due = [s for s in states if s.due]
    missed = [s for s in states if s.missed]
    assert due and missed, "the demo has residents due and some not visited yet"
    assert f"应走访{len(due)}人，按期走访{len(due) - len(missed)}人，未按期走访{len(missed)}人" in text
    assert f"走访完成率{pct(len(due) - len(missed), len(due))}" in text
    with sqlite3.connect(report_demo) as conn:
        tags = conn.execute("SELECT t.code, t.name, r.interval_days FROM special_group_tag t "
                            "JOIN visit_rule r ON r.tag_code = t.code WHERE r.active = 1").fetchall()
    checked = 0
    for tag, name, days in tags:
        tag_due = sum(1 for s in due if tag in s.tags)
        tag_missed = sum(1 for s in missed if tag in s.tags)
        if tag_due:
            row = f"{name}每{days}天{tag_due}{tag_due - tag_missed}{tag_missed}{pct(tag_due - tag_missed, tag_due)}"
            assert row in text, row
            checked += 1
    assert checked >= 2
    assert f"未按期走访对象（{len(missed)}人）" in text


def test_follow_ups_counted_as_in_the_database(visit_pdf: Path, report_demo: Path, report_now: datetime) -> None:
    period = preset("this_month", local_date(report_now))
    last = min(period.end, local_date(report_now))
    with sqlite3.connect(report_demo) as conn:
        count = conn.execute(
            "SELECT count(*) FROM visit v JOIN resident r ON r.id = v.resident_id "
            "JOIN service_request s ON s.id = v.followup_request_id "
            "WHERE v.deleted_at IS NULL AND s.deleted_at IS NULL AND r.community_code = ? "
            "AND v.visited_at >= ? AND v.visited_at < ?",
            (_community(report_demo), day_start_text(period.start), day_start_text(last + timedelta(days=1)))
        ).fetchone()[0]
        visits = conn.execute(
            "SELECT count(*) FROM visit v JOIN resident r ON r.id = v.resident_id WHERE v.deleted_at IS NULL "
            "AND r.community_code = ? AND v.visited_at >= ? AND v.visited_at < ?",
            (_community(report_demo), day_start_text(period.start), day_start_text(last + timedelta(days=1)))
        ).fetchone()[0]
    text = pdf_text(visit_pdf)
    assert f"走访转办诉求（{count}件）" in text
    assert f"期内共记录走访{visits}次" in text


def test_names_shown_but_id_numbers_and_phones_masked(visit_pdf: Path, report_demo: Path) -> None:
    text = pdf_text(visit_pdf)
    with sqlite3.connect(report_demo) as conn:
        people = conn.execute("SELECT name, id_number, phone FROM resident WHERE community_code = ?",
                              (_community(report_demo),)).fetchall()
    shown = [(n, i, p) for n, i, p in people if n in text and i and _mask_id(i) in text]
    assert len(shown) >= 3, "overdue residents are listed by name with the masked ID"
    for _name, id_number, phone in people:
        if id_number:
            assert id_number not in text
        if phone and len(phone) >= 7:
            assert phone not in text
    assert any(p and len(p) == 11 and f"{p[:3]}****{p[-4:]}" in text for _n, _i, p in shown)


def test_rare_characters_in_names_print_with_the_fallback_font(report_demo_copy: Path, report_now: datetime,
                                                                 tmp_path: Path) -> None:
    """Two residents overdue for a visit are renamed 吉𠮷 (Extension B) and 李䶮 (Extension A)."""
    code = _community(report_demo_copy)
    period = preset("this_month", local_date(report_now))
    missed = [s for s in visit_states(connect(report_demo_copy), code, Window(period.start, period.end, report_now))
              if s.missed]
    with sqlite3.connect(report_demo_copy) as conn:
        conn.execute("UPDATE resident SET name = '吉𠮷' WHERE id = ?", (missed[0].resident_id,))
        conn.execute("UPDATE resident SET name = '李䶮' WHERE id = ?", (missed[1].resident_id,))
    pdf = _build(report_demo_copy, report_now, tmp_path / "rare.pdf")
    text = pdf_text(pdf)
    assert "吉𠮷" in text  # comes back from text extraction: the ToUnicode entry is right
    assert "李䶮" in text
    fonts = pdf_fonts(pdf)
    assert fonts.get("HanaMinB") == "yes"
    assert fonts.get("DroidSansFallback") == "yes"


def test_visit_report_without_rare_names_does_not_embed_the_fallback(visit_pdf: Path) -> None:
    assert "HanaMinB" not in pdf_fonts(visit_pdf)
