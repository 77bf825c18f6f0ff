"""诉求办理单 from the demo data: the form and every step of the handling record read back
from the PDF equal the database (queried here with plain sqlite3), the reporter's phone stays
masked unless the user may print personal data, photos are embedded, rare name characters
print, and a grid worker cannot print another grid's request."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy.orm import Session

from community_app.core.attachments import store_photo
from community_app.core.auth import CurrentUser
from community_app.core.requests import RequestNotFound
from community_app.reports.dossier import build_dossier, find_request
from community_app.reports.progress import BuildControl, ReportCancelled
from db.engine import make_engine
from db.models import Role, StaffUser
from tests.reports.independent import BEIJING, parse
from tests.reports.pdf_text import page_count, pdf_fonts, pdf_text, squeeze


def user_of(session: Session, username: str) -> CurrentUser:
    """The CurrentUser of a demo account, as login() would make it (without writing an audit row)."""
    staff = session.query(StaffUser).filter_by(username=username).one()
    role = session.query(Role).filter_by(code=staff.role_code).one()
    return CurrentUser(staff.id, staff.username, staff.display_name, role.code, role.name,
                       frozenset(role.permissions), staff.community_code)


def busiest_request(path: Path) -> tuple[str, str]:
    """(id, ticket) of the request with the most handling steps."""
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT r.id, r.ticket_no FROM service_request r JOIN request_event e ON e.request_id = r.id "
            "WHERE r.deleted_at IS NULL AND e.deleted_at IS NULL AND r.reporter_phone IS NOT NULL "
            "GROUP BY r.id ORDER BY count(*) DESC, r.ticket_no LIMIT 1").fetchone()


def build(path: Path, username: str, request_id: str, out: Path, now: datetime) -> tuple[Path, object]:
    engine = make_engine(path)
    try:
        with Session(engine) as session:
            dossier = build_dossier(session, user_of(session, username), request_id, now=now)
    finally:
        engine.dispose()
    dossier.report.save(out)
    return out, dossier.stamp


@pytest.fixture(scope="module")
def dossier_pdf(report_demo: Path, report_now: datetime, tmp_path_factory: pytest.TempPathFactory) -> Path:
    request_id, _ticket = busiest_request(report_demo)
    out, _stamp = build(report_demo, "chenjing", request_id, tmp_path_factory.mktemp("dossier") / "d.pdf", report_now)
    return out


def raw_text(path: Path) -> str:
    """pdftotext -raw: text in the order it is drawn (a table row by row, cell by cell)."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    return squeeze(out.stdout.decode("utf-8"))


def test_form_and_every_step_equal_the_database(dossier_pdf: Path, report_demo: Path) -> None:
    request_id, ticket = busiest_request(report_demo)
    text = raw_text(dossier_pdf)
    with sqlite3.connect(report_demo) as conn:
        title, description, category, _channel = conn.execute(
            "SELECT r.title, r.description, c.name, r.channel FROM service_request r "
            "JOIN category c ON c.code = r.category_code WHERE r.id = ?", (request_id,)).fetchone()
        steps = conn.execute("SELECT actor_name, note, at FROM request_event WHERE request_id = ? "
                             "AND deleted_at IS NULL ORDER BY at, id", (request_id,)).fetchall()
    assert "诉求办理单" in text and f"诉求编号：{ticket}" in text
    for value in (title, description, category):
        assert squeeze(value) in text
    assert f"办理过程（共{len(steps)}个环节）" in text
    # every step in the order it happened: its number and Beijing time, then who and the note
    starts = []
    for number, (_actor, _note, at) in enumerate(steps, 1):
        minute = (parse(at) + BEIJING).strftime("%Y-%m-%d%H:%M")
        found = text.find(f"{number}{minute}", starts[-1] if starts else 0)
        assert found >= 0, f"step {number} at {minute} missing or out of order"
        starts.append(found)
    for i, (actor, note, _at) in enumerate(steps):
        row = text[starts[i]:starts[i + 1] if i + 1 < len(starts) else len(text)]
        assert squeeze(actor) in row, f"step {i + 1}: {actor} not in {row!r}"
        if note:
            assert squeeze(note) in row, f"step {i + 1}: note {note!r} not in {row!r}"
    assert "承办人（签字）" in text and "审核人（签字）" in text and "社区（盖章）" in text


def test_reporter_phone_is_masked_for_a_supervisor(dossier_pdf: Path, report_demo: Path) -> None:
    request_id, _ticket = busiest_request(report_demo)
    with sqlite3.connect(report_demo) as conn:
        phone = conn.execute("SELECT reporter_phone FROM service_request WHERE id = ?", (request_id,)).fetchone()[0]
    text = pdf_text(dossier_pdf)
    assert phone not in text
    if re.fullmatch(r"1\d{10}", phone):
        assert f"{phone[:3]}****{phone[-4:]}" in text
    assert not re.search(r"1[3-9]\d{9}", text), "no full mobile number anywhere"


def test_an_admin_who_may_print_personal_data_gets_the_full_phone(report_demo: Path, report_now: datetime,
                                                                 tmp_path: Path) -> None:
    request_id, _ticket = busiest_request(report_demo)
    with sqlite3.connect(report_demo) as conn:
        phone = conn.execute("SELECT reporter_phone FROM service_request WHERE id = ?", (request_id,)).fetchone()[0]
    out, stamp = build(report_demo, "admin", request_id, tmp_path / "full.pdf", report_now)
    assert phone in pdf_text(out)
    assert stamp.masked is False and stamp.personal is True  # type: ignore[attr-defined]


def test_fonts_are_embedded(dossier_pdf: Path) -> None:
    fonts = pdf_fonts(dossier_pdf)
    assert fonts and all(emb == "yes" for emb in fonts.values()), fonts
    assert "DroidSansFallback" in fonts


def test_photos_rare_characters_and_pages(report_demo_copy: Path, report_now: datetime, tmp_path: Path) -> None:
    request_id, _ticket = busiest_request(report_demo_copy)
    with sqlite3.connect(report_demo_copy) as conn:
        conn.execute("UPDATE service_request SET reporter_name = '王䶮𠮷' WHERE id = ?", (request_id,))
        events = [row[0] for row in conn.execute(
            "SELECT id FROM request_event WHERE request_id = ? ORDER BY at, id", (request_id,))]
    engine = make_engine(report_demo_copy)
    try:
        with Session(engine) as session:
            user = user_of(session, "chenjing")
            for i, size in enumerate(((1600, 1200), (900, 1400))):
                photo = tmp_path / f"p{i}.png"
                Image.new("RGB", size, (30 + 90 * i, 120, 200)).save(photo)
                store_photo(session, user, photo, owner_type="request_event", owner_id=events[i],
                            caption="井盖现场" if i == 0 else None)
            session.commit()
            dossier = build_dossier(session, user, request_id, now=report_now)
    finally:
        engine.dispose()
    out = tmp_path / "photos.pdf"
    dossier.report.save(out)
    text = pdf_text(out)
    assert "王䶮𠮷" in text
    assert "现场照片（共2张）" in text and "图1" in text and "图2" in text and "井盖现场" in text
    images = sum(len(page.images) for page in PdfReader(str(out)).pages)
    assert images == 2
    assert page_count(out) == dossier.report.pages >= 2
    assert all(f"第{n}页共{dossier.report.pages}页" in text for n in range(1, dossier.report.pages + 1))


def test_a_grid_worker_prints_only_requests_of_their_own(report_demo: Path, report_now: datetime,
                                                         tmp_path: Path) -> None:
    with sqlite3.connect(report_demo) as conn:
        worker_id, = conn.execute("SELECT id FROM staff_user WHERE username = 'wangli'").fetchone()
        own = conn.execute(
            "SELECT r.id FROM service_request r JOIN grid_cell g ON g.id = r.grid_cell_id "
            "WHERE g.responsible_staff_id = ? LIMIT 1", (worker_id,)).fetchone()[0]
        other = conn.execute(
            "SELECT r.id FROM service_request r JOIN grid_cell g ON g.id = r.grid_cell_id "
            "WHERE g.responsible_staff_id != ? AND coalesce(r.assignee_id, '') != ? "
            "AND coalesce(r.created_by_id, '') != ? LIMIT 1", (worker_id, worker_id, worker_id)).fetchone()[0]
    out, _stamp = build(report_demo, "wangli", own, tmp_path / "own.pdf", report_now)
    assert "诉求办理单" in pdf_text(out)
    with pytest.raises(PermissionError, match="负责网格"):
        build(report_demo, "wangli", other, tmp_path / "other.pdf", report_now)


def test_tickets_are_found_and_unknown_ones_refused(report_engine: object) -> None:
    with Session(report_engine) as session:  # type: ignore[arg-type]
        request_id, ticket = session.connection().exec_driver_sql(
            "SELECT id, ticket_no FROM service_request LIMIT 1").one()
        assert find_request(session, f"  {ticket} ") == request_id
        with pytest.raises(RequestNotFound):
            find_request(session, "ZS-NO-SUCH")


def test_cancel_stops_the_build(report_engine: object, report_demo: Path, report_now: datetime) -> None:
    request_id, _ticket = busiest_request(report_demo)
    with Session(report_engine) as session, pytest.raises(ReportCancelled):  # type: ignore[arg-type]
        build_dossier(session, user_of(session, "chenjing"), request_id, now=report_now,
                      control=BuildControl(cancelled=lambda: True))
