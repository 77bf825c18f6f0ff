"""Exporting the register: masked unless the user may export personal data, audited
without personal data, in the order given, and importable again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.exporting import EXPORT_ACTION, HEADERS, HIDDEN_TAGS, export_residents
from community_app.core.importing import VALID_ONLY, analyse, run_import
from db.models import AuditEntry, OutboxEntry, Resident
from tests.core.importing.conftest import COMMUNITY, WANG, Places

TODAY = date(2026, 11, 24)


def _read(path: Path) -> list[tuple[object, ...]]:
    wb = load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb.active.iter_rows(values_only=True)]  # type: ignore[union-attr]
    finally:
        wb.close()


@pytest.fixture
def imported(community: Session, places: Places, supervisor: CurrentUser, messy_xlsx: Path) -> list[str]:
    """The messy register imported; the ids of the community's residents, by name."""
    run_import(community, supervisor, messy_xlsx, analyse(messy_xlsx).layout, mode=VALID_ONLY, today=TODAY)
    return list(community.scalars(select(Resident.id).where(Resident.community_code == COMMUNITY)
                                  .order_by(Resident.name)))


def _admin(user: CurrentUser) -> CurrentUser:
    return replace(user, role_code=roles.ADMIN, permissions=frozenset(roles.DEFAULT_ROLES[roles.ADMIN][1]))


def test_export_is_masked_without_the_permission(community: Session, imported: list[str], supervisor: CurrentUser,
                                                 tmp_path: Path) -> None:
    result = export_residents(community, supervisor, imported, tmp_path / "名册.xlsx", filter_description="全部在册")
    assert result.masked and result.count == len(imported)
    rows = _read(result.path)
    assert rows[0] == HEADERS
    wang = next(r for r in rows if r[0] == "王秀兰")
    assert wang[3] == "370***********0224" and wang[4] == "138****5678"
    assert wang[13] == HIDDEN_TAGS  # 独居老人 is a sensitive tag
    assert wang[2] is not None and wang[2].date() == date(1950, 3, 15)  # type: ignore[union-attr]
    text = repr(rows)
    assert WANG not in text and "13812345678" not in text and "独居老人" not in text


def test_export_in_full_with_the_permission(community: Session, imported: list[str], supervisor: CurrentUser,
                                            tmp_path: Path) -> None:
    result = export_residents(community, _admin(supervisor), imported, tmp_path / "full.xlsx")
    assert not result.masked
    wang = next(r for r in _read(result.path) if r[0] == "王秀兰")
    assert wang[3] == WANG and wang[4] == "13812345678" and wang[13] == "独居老人"
    assert wang[7:11] == ("2号楼", "1", "101", "山东省青岛市市南区湛山三路2号 1单元 101室")


def test_export_keeps_the_order_given_and_leaves_out_unknown_ids(community: Session, imported: list[str],
                                                                 supervisor: CurrentUser, tmp_path: Path) -> None:
    chosen = [*reversed(imported[:4]), "no-such-id"]
    result = export_residents(community, supervisor, chosen, tmp_path / "some.xlsx")
    names = dict(community.execute(select(Resident.id, Resident.name)).all())
    assert [r[0] for r in _read(result.path)[1:]] == [names[i] for i in chosen[:4]]
    assert result.count == 4


def test_export_is_audited_without_personal_data(community: Session, imported: list[str], supervisor: CurrentUser,
                                                 tmp_path: Path) -> None:
    export_residents(community, supervisor, imported, tmp_path / "x.xlsx", filter_description="网格：第一网格")
    entry = community.scalars(select(AuditEntry).where(AuditEntry.action == EXPORT_ACTION)).one()
    assert entry.actor_id == supervisor.id
    assert entry.detail == {"count": len(imported), "filter": "网格：第一网格", "masked": True, "format": "xlsx"}


def test_export_needs_the_right_to_view_residents(community: Session, imported: list[str], supervisor: CurrentUser,
                                                  tmp_path: Path) -> None:
    nobody = replace(supervisor, permissions=frozenset())
    with pytest.raises(PermissionError):
        export_residents(community, nobody, imported, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_cancelled_export_leaves_no_file(community: Session, imported: list[str], supervisor: CurrentUser,
                                         tmp_path: Path) -> None:
    result = export_residents(community, supervisor, imported, tmp_path / "x.xlsx", cancelled=lambda: True)
    assert result.cancelled and not any(tmp_path.glob("*x.xlsx*"))
    assert community.scalar(select(func.count()).select_from(AuditEntry)
                            .where(AuditEntry.action == EXPORT_ACTION)) == 0


def test_an_unmasked_export_imports_back_without_changes(community: Session, imported: list[str],
                                                         supervisor: CurrentUser, tmp_path: Path) -> None:
    path = export_residents(community, _admin(supervisor), imported, tmp_path / "round.xlsx").path
    residents = community.scalar(select(func.count()).select_from(Resident))
    queued = community.scalar(select(func.count()).select_from(OutboxEntry))
    analysis = analyse(path)
    assert {c.field for c in analysis.layout.columns} >= {"name", "sex", "id_number", "phone", "building", "unit",
                                                         "room", "address", "tags", "notes", "birth_date"}
    report = run_import(community, supervisor, path, analysis.layout, today=TODAY)
    assert report.created == 0 and report.updated == 0 and report.rows_invalid == 0
    assert report.unchanged == report.rows_total == len(imported)
    assert community.scalar(select(func.count()).select_from(Resident)) == residents
    assert community.scalar(select(func.count()).select_from(OutboxEntry)) == queued


def test_export_of_many_residents_streams(community: Session, places: Places, supervisor: CurrentUser,
                                          tmp_path: Path) -> None:
    from community_app.core.importing.writer import BulkWriter, household_heads
    from community_app.core.residents.inputs import ResidentInput

    writer = BulkWriter(community, household_heads(community, COMMUNITY))
    ids = [writer.add(ResidentInput(name=f"居民{i}", sex="M", community_code=COMMUNITY,
                                    household_id=places.room_1_101)) for i in range(3000)]
    writer.finish()
    community.commit()
    seen: list[tuple[int, int]] = []
    result = export_residents(community, supervisor, ids, tmp_path / "big.xlsx",
                              progress=lambda done, total: seen.append((done, total)))
    assert result.count == 3000 and len(_read(result.path)) == 3001
    assert seen[0] == (500, 3000) and seen[-1] == (3000, 3000)


def test_no_file_appears_when_the_export_cannot_be_audited(community: Session, imported: list[str],
                                                           supervisor: CurrentUser, tmp_path: Path) -> None:
    import sqlite3

    stranger = replace(supervisor, id="no-such-staff")  # the audit entry's actor must exist
    with pytest.raises(sqlite3.IntegrityError):  # core.audit writes in plain SQL
        export_residents(community, stranger, imported, tmp_path / "x.xlsx")
    assert not any(tmp_path.glob("*x.xlsx*"))
