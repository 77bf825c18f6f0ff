"""诉求办理单: one service request on paper — the form of its facts, the complete handling
record (every workflow step: when, what, who, the note), the site photos and the signature
lines, as a community files it.

The reporter's phone is masked (138****5678) unless the user may print personal data
(PII_EXPORT); then the print or save is audited as unmasked by the page (output_audit).
Supervisors may print any request of their community; a grid worker only those assigned
to them, logged by them or in a grid they answer for (the rule of the "mine" list).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.attachments import PhotoInfo, PhotoStore
from community_app.core.auth import CurrentUser
from community_app.core.dashboard import community_name
from community_app.core.masking import mask_phone
from community_app.core.requests import RequestDetail, RequestNotFound, request_detail
from community_app.core.requests.detail import TimelineEvent
from community_app.core.resident_query import local_address
from community_app.core.stages import STAGE_NAMES
from community_app.reports import formatting as f
from community_app.reports.document import BuiltReport, ReportMeta, build_pdf, heading
from community_app.reports.fonts import FONT, markup
from community_app.reports.output_audit import ReportStamp
from community_app.reports.progress import NO_CONTROL, BuildControl
from community_app.reports.report_scopes import sees_everyone
from community_app.reports.styles import FRAME_WIDTH, GRID_LINE, HEAD_FILL, SLATE, STYLES, TABLE_SIZE
from community_app.reports.tables import Column, data_table, empty_note
from db.models import GridCell, ServiceRequest, utcnow

log = logging.getLogger(__name__)

TITLE: Final = "诉求办理单"
KIND: Final = "dossier"
NOT_YOURS: Final = "您只能打印由您承办、登记或在您负责网格内的诉求办理单；其他诉求请联系社区负责人打印。"
SATISFACTION: Final = {1: "非常不满意", 2: "不满意", 3: "基本满意", 4: "满意", 5: "非常满意"}
RESULT_ACTIONS: Final = ("close", "submit", "reject", "merge")  # whose note says how the case ended
PHOTO_PIXELS: Final = 1400  # longer side of a photo in the PDF: ~430 dpi at 80 mm, sharp on paper
PHOTO_WIDTH: Final = (FRAME_WIDTH - 6 * mm) / 2
PHOTO_HEIGHT: Final = 62 * mm
TIMELINE_COLUMNS: Final = (Column("序号", 5, "centre"), Column("时间", 19, "centre"),
                           Column("办理环节", 16, wrap=True), Column("办理人", 11, wrap=True),  # "12345热线" too
                           Column("办理意见", 38, wrap=True), Column("照片", 5, "centre"))
SIGNATURES: Final = ("承办人（签字）", "审核人（签字）", "社区（盖章）")


@dataclass(frozen=True)
class Dossier:
    report: BuiltReport
    stamp: ReportStamp


def _request(session: Session, request_id: str) -> ServiceRequest:
    row = session.get(ServiceRequest, request_id)
    if row is None or row.deleted_at is not None:
        raise RequestNotFound()
    return row


def check_dossier(session: Session, user: CurrentUser, request_id: str) -> None:
    """PermissionError / RequestNotFound unless this user may print this request's dossier."""
    row = _request(session, request_id)
    if user.community_code not in (None, row.community_code):
        raise PermissionError("只能打印本社区的诉求办理单。")
    if sees_everyone(user):
        return
    mine = select(GridCell.id).where(GridCell.responsible_staff_id == user.id, GridCell.deleted_at.is_(None))
    allowed = session.scalar(select(ServiceRequest.id).where(ServiceRequest.id == request_id, or_(
        ServiceRequest.assignee_id == user.id, ServiceRequest.created_by_id == user.id,
        ServiceRequest.grid_cell_id.in_(mine))))
    if allowed is None:
        raise PermissionError(NOT_YOURS)


def find_request(session: Session, ticket_or_id: str) -> str:
    """The id of a live request by its ticket number (as printed) or id; RequestNotFound."""
    text = ticket_or_id.strip()
    found = session.scalar(select(ServiceRequest.id).where(
        or_(ServiceRequest.ticket_no == text, ServiceRequest.id == text), ServiceRequest.deleted_at.is_(None)))
    if found is None:
        raise RequestNotFound()
    return found


# the form -------------------------------------------------------------------------------------
def _p(text: str, style: object = None) -> Paragraph:
    return Paragraph(markup(text), style or STYLES.table_cell)  # type: ignore[arg-type]


def _closed_text(d: RequestDetail) -> str:
    if d.closed_at is None:
        return ""
    suffix = "" if d.closed_on_time is None else "（按期）" if d.closed_on_time else "（超期）"
    return f.local_minute(d.closed_at) + suffix


def _result_text(d: RequestDetail) -> str:
    for event in reversed(d.timeline):
        if event.action in RESULT_ACTIONS and event.note:
            return f"{event.action_name}：{event.note}"
    return "尚未办结。" if d.closed_at is None else "（未填写办理结果）"


def _place(d: RequestDetail) -> str:
    place = local_address(d.address or "") if d.address else ""
    if d.building_name and d.building_name not in place:
        place = f"{place}（{d.building_name}）" if place else d.building_name
    if d.latitude is not None and d.longitude is not None:
        place += f"　坐标 {d.latitude:.6f}, {d.longitude:.6f}"
    return place.strip() or "—"


def fact_rows(d: RequestDetail, reporter_phone: str, office: str = "") -> list[tuple[str, str, str | None, str | None]]:
    """(label, value, label, value) lines of the form; a None label: the value spans the row.
    office: the community's name, left out of grid names (湛山社区第二网格 → 第二网格)."""
    grid = d.grid_cell_name or "未划入网格"
    if office and grid.startswith(office) and len(grid) > len(office):
        grid = grid[len(office):]
    category = f"{d.major_category_name} / {d.category_name}" if d.major_category_name else d.category_name
    stage = d.stage_name + ("（计时暂停）" if d.paused_since is not None and d.closed_at is None else "")
    satisfaction = f"{d.satisfaction} 分　{SATISFACTION[d.satisfaction]}" if d.satisfaction in SATISFACTION \
        else "未回访"
    due = f.local_minute(d.due_at) if d.due_at else "无办理时限"
    if d.due_at and d.due_at_original and d.due_at_original != d.due_at:
        due += f"（原期限 {f.local_minute(d.due_at_original)}）"
    return [
        ("诉求编号", d.ticket_no, "当前环节", stage),
        ("诉求标题", d.title, None, None),
        ("诉求类别", category, "来源渠道", d.channel_name),
        ("紧急程度", d.urgency_name, "所属网格", grid),
        ("发生地点", _place(d), None, None),
        ("反映人", d.reporter_name or "匿名", "联系电话", reporter_phone or "—"),
        ("登记人", d.created_by_name or d.channel_name, "承办人", d.assignee_name or "尚未派遣"),
        ("上报时间", f.local_minute(d.reported_at), "受理时间", f.local_minute(d.accepted_at) or "—"),
        ("办理期限", due, "结案时间", _closed_text(d) or "—"),
        ("督办 / 返工", f"督办 {d.escalation_count} 次，返工 {d.rework_count} 次", "满意度", satisfaction),
        ("外部工单号", d.external_id or "—", "合并情况", _merge_text(d)),
        ("诉求内容", d.description or "（未填写）", None, None),
        ("办理结果", _result_text(d), None, None),
    ]


def _merge_text(d: RequestDetail) -> str:
    if d.merged_into_ticket_no:
        return f"已并入 {d.merged_into_ticket_no}"
    if d.merged_here:
        return "并入本件：" + "、".join(ticket for _id, ticket in d.merged_here)
    return "—"


def facts_table(rows: list[tuple[str, str, str | None, str | None]]) -> Table:
    """The bordered form of an official 办理单: shaded labels, values beside them."""
    label_w, value_w = 22 * mm, FRAME_WIDTH / 2 - 22 * mm
    label = STYLES.table_head
    data: list[list[object]] = []
    spans: list[tuple[object, ...]] = []
    for i, (l1, v1, l2, v2) in enumerate(rows):
        if l2 is None:
            data.append([_p(l1, label), _p(v1), "", ""])
            spans.append(("SPAN", (1, i), (3, i)))
        else:
            data.append([_p(l1, label), _p(v1), _p(l2, label), _p(v2 or "")])
            spans.append(("BACKGROUND", (2, i), (2, i), HEAD_FILL))
    table = Table(data, colWidths=[label_w, value_w, label_w, value_w], hAlign="CENTER")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_LINE),
        ("BOX", (0, 0), (-1, -1), 1.0, SLATE),
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE),
        ("BACKGROUND", (0, 0), (0, -1), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        *spans,
    ]))
    return table


# the record -----------------------------------------------------------------------------------
def step_text(e: TimelineEvent) -> str:
    """上报 / 派遣（已派遣）: the action and the stage it led to."""
    if e.to_stage and e.to_stage != e.from_stage:
        return f"{e.action_name}（{STAGE_NAMES.get(e.to_stage, e.to_stage)}）"
    return e.action_name


def opinion_text(e: TimelineEvent) -> str:
    """The note, with what the step decided (to whom, how long, into which request)."""
    parts = []
    if e.target_staff_name:
        parts.append(f"派往：{e.target_staff_name}")
    if e.extension_hours:
        parts.append(f"延期 {e.extension_hours} 个工作小时")
    if e.target_ticket_no:
        parts.append(f"并入：{e.target_ticket_no}")
    if e.note:
        parts.append(e.note)
    return "；".join(parts) or "—"


def timeline_rows(d: RequestDetail) -> list[list[str]]:
    return [[str(i), f.local_minute(e.at), step_text(e), e.actor_name or "—", opinion_text(e),
             str(len(e.photos)) if e.photos else ""] for i, e in enumerate(d.timeline, 1)]


# photos ---------------------------------------------------------------------------------------
def _photo_bytes(photo: PhotoInfo) -> bytes | None:
    """The photo turned upright and scaled for print (JPEG), from the original or, when the
    original is not on this device, the thumbnail; None when neither is."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    for source in (photo.path, photo.thumbnail):
        try:
            with PILImage.open(source) as image:
                image.seek(0)
                upright = ImageOps.exif_transpose(image.copy())
        except (OSError, ValueError):
            continue
        upright.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
        if upright.mode != "RGB":
            rgba = upright.convert("RGBA")
            upright = PILImage.new("RGB", rgba.size, (255, 255, 255))
            upright.paste(rgba, mask=rgba.getchannel("A"))
        out = io.BytesIO()
        upright.save(out, "JPEG", quality=85)
        return out.getvalue()
    log.info("photo %s is not on this device", photo.attachment_id)
    return None


def _photo_cell(photo: PhotoInfo, number: int, event: TimelineEvent) -> list[Flowable]:
    data = _photo_bytes(photo)
    caption = f"图{number}　{event.action_name}　{f.local_minute(event.at)}　{event.actor_name}"
    if photo.caption:
        caption += f"　{photo.caption}"
    if data is None:
        picture: Flowable = _p("（照片尚未同步到本机）", STYLES.caption)
    else:
        from PIL import Image as PILImage
        with PILImage.open(io.BytesIO(data)) as image:
            w, h = image.size
        scale = min(PHOTO_WIDTH / w, PHOTO_HEIGHT / h)
        picture = Image(io.BytesIO(data), width=w * scale, height=h * scale)
    return [picture, Paragraph(markup(caption), STYLES.caption)]


def photo_section(d: RequestDetail, control: BuildControl) -> list[Flowable]:
    photos = [(p, e) for e in d.timeline for p in e.photos]
    if not photos:
        return [empty_note("本诉求没有现场照片。")]
    cells: list[list[Flowable]] = []
    for n, (photo, event) in enumerate(photos, 1):
        control.step(n / len(photos), "正在处理现场照片…")
        cells.append(_photo_cell(photo, n, event))
    out: list[Flowable] = []
    for start in range(0, len(cells), 2):
        pair: list[object] = list(cells[start:start + 2])
        if len(pair) == 1:
            pair.append("")
        row = Table([pair], colWidths=[FRAME_WIDTH / 2] * 2, hAlign="CENTER")
        row.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                 ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
        out.append(KeepTogether([row, Spacer(1, 2 * mm)]))
    return out


def _keep_heading(title: Flowable, section: list[Flowable]) -> list[Flowable]:
    """A heading never ends a page alone: it goes with the first row under it."""
    return [KeepTogether([title, section[0]]), *section[1:]] if section else [title]


def signature_table() -> Flowable:
    """The boxes an official dossier is signed and stamped in, with the date under each."""
    label = STYLES.table_head
    data = [[_p(text, label) for text in SIGNATURES], ["", "", ""],
            [Paragraph("年" + "&nbsp;" * 8 + "月" + "&nbsp;" * 8 + "日", STYLES.table_cell_right)] * 3]
    table = Table(data, colWidths=[FRAME_WIDTH / 3] * 3, rowHeights=[None, 24 * mm, None], hAlign="CENTER")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE),
        ("BOX", (0, 0), (-1, -1), 1.0, SLATE),
        ("INNERGRID", (0, 0), (-1, 0), 0.5, GRID_LINE),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.5, GRID_LINE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
    ]))
    return KeepTogether([Spacer(1, 8 * mm), table])


# building -------------------------------------------------------------------------------------
def reporter_phone(session: Session, user: CurrentUser, request_id: str) -> tuple[str, bool]:
    """(the phone as printed, masked?) — in full only for a user who may print personal data."""
    phone = session.scalar(select(ServiceRequest.reporter_phone).where(ServiceRequest.id == request_id))
    if user.can(roles.PII_EXPORT):
        return phone or "", False
    return mask_phone(phone), True


def build_dossier(session: Session, user: CurrentUser, request_id: str, *, now: datetime | None = None,
                  photo_store: PhotoStore | None = None, control: BuildControl = NO_CONTROL) -> Dossier:
    """The dossier of one request. PermissionError / RequestNotFound when it may not be printed;
    ReportCancelled when control says so."""
    now = now or utcnow()
    check_dossier(session, user, request_id)
    read = control.sub(0, 0.15)
    read.step(0, "正在读取诉求…")
    d = request_detail(session, user, request_id, now=now, photo_store=photo_store)
    phone, masked = reporter_phone(session, user, request_id)
    row = _request(session, request_id)
    meta = ReportMeta(title=TITLE, community_name=community_name(session, row.community_code), period_text="",
                      generated_at=now, generated_by=user.display_name, scope_text=f"诉求编号：{d.ticket_no}")
    record = data_table(TIMELINE_COLUMNS, timeline_rows(d)) if d.timeline else empty_note("没有办理记录。")
    story: list[Flowable] = [heading(1, "基本情况"), facts_table(fact_rows(d, phone, meta.community_name)),
                             heading(2, f"办理过程（共 {len(d.timeline)} 个环节）"), record,
                             *_keep_heading(heading(3, f"现场照片（共 {len(d.photos)} 张）"),
                                            photo_section(d, control.sub(0.15, 0.45))),
                             signature_table()]
    built = build_pdf(meta, story, control.sub(0.45, 1.0))
    stamp = ReportStamp(kind=KIND, title=TITLE, scope_text=d.ticket_no, period_text="", pages=built.pages,
                        personal=True, masked=masked, subject_type="service_request", subject_id=d.id)
    return Dossier(built, stamp)
