"""The audit row for a report that left the application: printed or saved as a PDF.

One row per print or save: who, when, which report, its scope and period, how many pages,
whether personal data in it was masked — never the personal data itself (a roster's search
words are left out too: they may be a name). Building a preview is not audited: nothing has
left the program yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from sqlalchemy.orm import Session

from community_app.core import audit
from community_app.core.auth import CurrentUser

PRINT_ACTION: Final = "print_report"
SAVE_ACTION: Final = "save_report"
OutputKind = Literal["print", "save"]
ACTIONS: Final[dict[str, str]] = {"print": PRINT_ACTION, "save": SAVE_ACTION}


@dataclass(frozen=True)
class ReportStamp:
    """What a built report is, as the audit log names it."""

    kind: str  # monthly / visits / dossier / roster
    title: str  # 居民花名册
    scope_text: str  # 全社区 / 第三网格 / 诉求 2026-000123
    period_text: str  # 2026年11月; "" when the report has no period
    pages: int
    personal: bool  # contains personal data (names, addresses, masked or not)
    masked: bool  # ID numbers and phones masked
    subject_type: str | None = None  # "service_request" for a dossier
    subject_id: str | None = None
    rows: int | None = None  # residents in a roster


def record_output(session: Session, user: CurrentUser, stamp: ReportStamp, output: OutputKind, *,
                  copies: int = 1) -> None:
    """Add the audit row to the session and commit."""
    detail: dict[str, object] = {"report": stamp.kind, "title": stamp.title, "scope": stamp.scope_text,
                                 "period": stamp.period_text, "pages": stamp.pages, "personal": stamp.personal,
                                 "masked": stamp.masked}
    if stamp.rows is not None:
        detail["rows"] = stamp.rows
    if output == "print":
        detail["copies"] = copies
    audit.record(session, ACTIONS[output], actor_id=user.id, subject_type=stamp.subject_type or "report",
                 subject_id=stamp.subject_id, detail=detail)
    session.commit()
