"""Small reads shared by the resident modules: live rows, reference codes that exist, and a
household's address as people write it."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Building, Division, Household, Resident, SpecialGroupTag, SyncedMixin, Unit

Row = TypeVar("Row", bound=SyncedMixin)
_CACHE_KEY = "community_app.core.residents.known"


class ResidentNotFound(LookupError):  # noqa: N818 — reads as what happened
    """No live resident with that id; str() is the message for the user."""

    def __init__(self) -> None:
        super().__init__("找不到这位居民的档案（可能已被删除）；请刷新列表后重试。")


def live(session: Session, model: type[Row], row_id: str | None) -> Row | None:
    """The row unless missing or tombstoned (session.get uses the identity map: cheap in loops)."""
    if not row_id:
        return None
    row = session.get(model, row_id)
    return row if row is not None and row.deleted_at is None else None


def live_resident(session: Session, resident_id: str) -> Resident:
    row = live(session, Resident, resident_id)
    if row is None:
        raise ResidentNotFound()
    return row


def _known(session: Session) -> dict[str, set[str]]:
    # only codes seen to exist are cached (per session): an import checks thousands of rows
    # against the same few communities and tags; a code added later is still found by a query
    cache: dict[str, set[str]] = session.info.setdefault(_CACHE_KEY, {})
    return cache


def community_exists(session: Session, code: str) -> bool:
    known = _known(session).setdefault("community", set())
    if code in known:
        return True
    found = session.scalar(select(Division.code).where(
        Division.code == code, Division.level == "community", Division.deleted_at.is_(None)))
    if found:
        known.add(code)
    return found is not None


def unknown_tags(session: Session, codes: tuple[str, ...]) -> list[str]:
    known = _known(session).setdefault("tag", set())
    missing = [c for c in codes if c not in known]
    if missing:
        known.update(session.scalars(select(SpecialGroupTag.code).where(SpecialGroupTag.deleted_at.is_(None))))
    return [c for c in codes if c not in known]


def tag_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(SpecialGroupTag.code, SpecialGroupTag.name)).all())


def address_text(building_address: str | None, unit_number: str | None, room: str | None) -> str:
    """青岛市市南区湛山三路5号 2单元 301室"""
    parts = [building_address or ""]
    if unit_number:
        parts.append(f"{unit_number}单元")
    if room:
        parts.append(f"{room}室")
    return " ".join(p for p in parts if p)


def household_address(session: Session, household_id: str | None) -> str:
    if not household_id:
        return ""
    row: Any = session.execute(
        select(Building.address, Unit.number, Household.room)
        .select_from(Household).join(Building, Building.id == Household.building_id)
        .outerjoin(Unit, Unit.id == Household.unit_id)
        .where(Household.id == household_id)
    ).first()
    return address_text(*row) if row else ""
