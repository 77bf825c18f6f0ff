"""The resident register over the tiny community: checks, create/edit through the outbox,
duplicates, moving out and death, revealing personal data and the resident's page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core import localtime, roles
from community_app.core.auth import CurrentUser
from community_app.core.problems import ValidationFailed
from community_app.core.residents import (
    ResidentInput,
    ResidentNotFound,
    check_resident,
    create_resident,
    find_by_id_number,
    find_duplicates,
    mark_deceased,
    move_out,
    resident_detail,
    resident_input,
    reveal,
    update_resident,
)
from db.models import AuditEntry, Building, GridCell, Household, OutboxEntry, Resident, ResidentTag, ServiceRequest
from db.models import StaffUser as Staff
from tests.core.conftest import COMMUNITY, NOW


def mod11_2(body: str) -> str:
    p = 0
    for ch in body:
        p = (p + int(ch)) * 2 % 11
    r = (12 - p) % 11
    return "X" if r == 10 else str(r)


def id_number(region: str, birth: str, seq: str) -> str:
    return region + birth + seq + mod11_2(region + birth + seq)


ZHANG_ID = id_number("370202", "19520304", "127")  # a man born 1952-03-04


def user(s: Session, username: str, role: str | None = None) -> CurrentUser:
    staff = s.scalars(select(Staff).where(Staff.username == username)).one()
    code = role or staff.role_code
    name, perms = roles.DEFAULT_ROLES[code]
    return CurrentUser(staff.id, staff.username, staff.display_name, code, name, frozenset(perms), COMMUNITY)


def household(s: Session, room: str) -> Household:
    """A dwelling of the fixture's one building (1号楼, 湛山三路1号)."""
    return s.scalars(select(Household).join(Building, Building.id == Household.building_id)
                     .where(Household.room == room, Building.name == "1号楼")).one()


def cell(s: Session, code: str) -> GridCell:
    return s.scalars(select(GridCell).where(GridCell.code == code)).one()


def resident(s: Session, name: str) -> Resident:
    return s.scalars(select(Resident).where(Resident.name == name)).one()


def zhang(s: Session, **changes: object) -> ResidentInput:
    data = ResidentInput(name=" 张 建国 ", community_code=COMMUNITY, id_number=ZHANG_ID, phone="+86 138 1234 5678",
                         household_id=household(s, "101").id, relation_to_head="父母", tags=("dibao", "elderly_alone"))
    return replace(data, **changes)  # type: ignore[arg-type]


def outbox(s: Session, row_id: str) -> list[OutboxEntry]:
    return list(s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == row_id).order_by(OutboxEntry.seq)))


# ---- checking -------------------------------------------------------------------------------

def test_check_fills_in_what_the_id_number_and_household_tell(community: Session) -> None:
    checked = check_resident(community, zhang(community, id_number=ZHANG_ID.lower()))
    assert checked.ok, checked.problems
    d = checked.data
    assert (d.name, d.id_number, d.sex, d.birth_date) == ("张 建国", ZHANG_ID, "M", date(1952, 3, 4))
    assert d.phone == "13812345678"
    assert d.grid_cell_id == cell(community, "A").id


def test_check_upgrades_a_fifteen_digit_number(community: Session) -> None:
    checked = check_resident(community, zhang(community, id_number="370202520304127"))
    assert checked.ok and checked.data.id_number == ZHANG_ID
    assert [p.code for p in checked.warnings] == ["id.upgraded"]


@pytest.mark.parametrize(("changes", "code", "field"), [
    ({"name": "  "}, "required", "name"),
    ({"community_code": "999"}, "community.unknown", "community_code"),
    ({"id_number": ZHANG_ID[:17] + ("0" if ZHANG_ID[17] != "0" else "1")}, "id.checksum", "id_number"),
    ({"birth_date": date(1952, 3, 5)}, "birth_date.mismatch", "birth_date"),
    ({"sex": "女"}, "sex.mismatch", "sex"),
    ({"phone": "12345"}, "phone.invalid", "phone"),
    ({"residence_type": "tourist"}, "residence_type.invalid", "residence_type"),
    ({"household_id": "no-such-household"}, "household.unknown", "household_id"),
    ({"tags": ("dibao", "vip")}, "tag.unknown", "tags"),
    ({"id_type": "none"}, "id.type_none_with_number", "id_number"),
    ({"id_number": None, "sex": None}, "required", "sex"),
])
def test_check_errors(community: Session, changes: dict[str, object], code: str, field: str) -> None:
    checked = check_resident(community, zhang(community, **changes))
    assert not checked.ok
    assert [(p.code, p.field) for p in checked.errors] == [(code, field)]


def test_check_accepts_chinese_words_for_codes_and_other_documents(community: Session) -> None:
    checked = check_resident(community, zhang(community, sex="男", residence_type="流动"))
    assert checked.ok and (checked.data.sex, checked.data.residence_type) == ("M", "floating")
    passport = check_resident(community, zhang(community, id_type="passport", id_number=" m1234 5678", sex="F",
                                               birth_date=date(1990, 5, 1)))
    assert passport.ok and passport.data.id_number == "M12345678"


def test_missing_id_number_and_retired_region_only_warn(community: Session) -> None:
    no_id = check_resident(community, zhang(community, id_number=None, sex="M"))
    assert no_id.ok and [p.code for p in no_id.warnings] == ["id.missing"]
    jimo = check_resident(community, zhang(community, id_number=id_number("370282", "19520304", "127")))
    assert jimo.ok and [p.code for p in jimo.warnings] == ["id.region_retired"]


# ---- create ---------------------------------------------------------------------------------

def test_create_writes_row_outbox_and_tags_without_committing(community: Session) -> None:
    rid = create_resident(community, user(community, "wang"), zhang(community))
    row = community.get(Resident, rid)
    assert row is not None
    assert (row.name, row.sex, row.birth_date, row.id_number, row.phone, row.status) == (
        "张 建国", "M", date(1952, 3, 4), ZHANG_ID, "13812345678", "active")
    assert row.grid_cell_id == cell(community, "A").id
    assert row.search_names and "zjg" in row.search_names.split()
    assert row.search_numbers and ZHANG_ID[::-1] in row.search_numbers
    [entry] = outbox(community, rid)
    assert entry.op == "insert" and entry.table_name == "resident"
    assert entry.changes["name"] == "张 建国" and entry.changes["birth_date"] == "1952-03-04"
    assert "search_names" not in entry.changes  # derived locally, never synced
    tags = community.scalars(select(ResidentTag).where(ResidentTag.resident_id == rid)).all()
    assert sorted(t.tag_code for t in tags) == ["dibao", "elderly_alone"]
    assert all([e.op for e in outbox(community, t.id)] == ["insert"] for t in tags)
    community.rollback()  # the caller owns the transaction: nothing was committed
    assert community.get(Resident, rid) is None


def test_create_needs_the_edit_permission(community: Session) -> None:
    admin = user(community, "chen", roles.ADMIN)  # admins manage staff, not the register
    with pytest.raises(PermissionError, match="权限"):
        create_resident(community, admin, zhang(community))
    assert community.scalar(select(func.count()).select_from(Resident).where(Resident.name == "张 建国")) == 0


def test_create_refuses_errors_and_writes_nothing(community: Session) -> None:
    before = community.scalar(select(func.count()).select_from(OutboxEntry))
    with pytest.raises(ValidationFailed) as caught:
        create_resident(community, user(community, "wang"), zhang(community, sex="女", phone="abc"))
    assert caught.value.codes == ("sex.mismatch", "phone.invalid")
    assert "性别" in str(caught.value)
    assert community.scalar(select(func.count()).select_from(OutboxEntry)) == before


def test_create_head_of_household_becomes_its_head(community: Session) -> None:
    rid = create_resident(community, user(community, "wang"), zhang(community, relation_to_head="户主"))
    assert household(community, "101").head_resident_id == rid


# ---- duplicates -----------------------------------------------------------------------------

def test_same_id_number_is_found_and_refused(community: Session) -> None:
    wang = user(community, "wang")
    rid = create_resident(community, wang, zhang(community))
    assert find_by_id_number(community, ZHANG_ID.lower()) == rid
    assert find_by_id_number(community, "370202520304127") == rid  # the 15-digit form of the same number
    [hint] = find_duplicates(community, zhang(community, name="张建国", household_id=household(community, "201").id))
    assert (hint.resident_id, hint.reason) == (rid, "same_id_number")
    assert "370***********" + ZHANG_ID[-4:] in hint.message and ZHANG_ID not in hint.message
    assert "湛山三路1号 101室" in hint.message
    assert find_duplicates(community, zhang(community), exclude_id=rid) == []
    with pytest.raises(ValidationFailed) as caught:
        create_resident(community, wang, zhang(community, name="张建国"))
    assert caught.value.codes == ("id.duplicate",)


def test_same_name_and_birth_date_in_the_same_building(community: Session) -> None:
    wang = user(community, "wang")
    rid = create_resident(community, wang, zhang(community, id_number=None, sex="M", birth_date=date(1952, 3, 4)))
    # typed again without an ID number, in another room of the same building
    [hint] = find_duplicates(community, zhang(community, id_number=None, name="张 建国", birth_date=date(1952, 3, 4),
                                              household_id=household(community, "202").id))
    assert (hint.resident_id, hint.reason) == (rid, "same_name_birth_building")
    assert "张 建国" in hint.message
    # with the ID number the birth date comes from it
    assert [h.reason for h in find_duplicates(community, zhang(community))] == ["same_name_birth_building"]
    assert find_duplicates(community, zhang(community, id_number=None, birth_date=date(1952, 3, 5))) == []
    other = Building(community_code=COMMUNITY, name="2号楼", address="湛山三路3号", latitude=36.06, longitude=120.38)
    community.add(other)
    community.flush()
    elsewhere = Household(building_id=other.id, room="101")
    community.add(elsewhere)
    community.flush()
    assert find_duplicates(community, zhang(community, id_number=None, birth_date=date(1952, 3, 4),
                                            household_id=elsewhere.id)) == []


# ---- update ---------------------------------------------------------------------------------

def test_update_sends_only_changed_fields(community: Session) -> None:
    wang = user(community, "wang")
    rid = create_resident(community, wang, zhang(community))
    update_resident(community, wang, rid, zhang(community))  # nothing changed
    assert [e.op for e in outbox(community, rid)] == ["insert"]
    update_resident(community, wang, rid, zhang(community, phone="0532-83871234"))
    last = outbox(community, rid)[-1]
    assert last.op == "update" and last.changes == {"phone": "0532-83871234"}
    row = community.get(Resident, rid)
    assert row is not None and row.search_numbers and "43217838" in row.search_numbers  # search keys followed


def test_update_tags_tombstone_and_revive(community: Session) -> None:
    wang = user(community, "wang")
    rid = create_resident(community, wang, zhang(community, tags=("dibao",)))
    tag = community.scalars(select(ResidentTag).where(ResidentTag.resident_id == rid)).one()
    update_resident(community, wang, rid, zhang(community, tags=()))
    assert tag.deleted_at is not None
    update_resident(community, wang, rid, zhang(community, tags=("dibao",)))
    assert tag.deleted_at is None  # the same row came back: one row per resident and tag
    assert community.scalar(select(func.count()).select_from(ResidentTag).where(ResidentTag.resident_id == rid)) == 1
    assert [e.op for e in outbox(community, tag.id)] == ["insert", "delete", "update"]
    assert [e.op for e in outbox(community, rid)] == ["insert"]  # the resident row itself did not change


def test_moving_house_takes_the_new_grid_cell(community: Session) -> None:
    wang = user(community, "wang")
    rid = create_resident(community, wang, zhang(community))
    form = resident_input(community, wang, rid)
    update_resident(community, wang, rid, replace(form, household_id=household(community, "201").id))
    row = community.get(Resident, rid)
    assert row is not None and row.grid_cell_id == cell(community, "B").id


def test_edit_form_round_trip_changes_nothing(community: Session) -> None:
    wang = user(community, "wang")
    rid = create_resident(community, wang, zhang(community))
    update_resident(community, wang, rid, resident_input(community, wang, rid))
    assert [e.op for e in outbox(community, rid)] == ["insert"]


def test_unknown_resident(community: Session) -> None:
    with pytest.raises(ResidentNotFound, match="找不到"):
        update_resident(community, user(community, "wang"), "no-such-id", zhang(community))


# ---- moving out and death -------------------------------------------------------------------

def test_move_out_and_death_change_status_and_keep_the_row(community: Session) -> None:
    wang = user(community, "wang")
    r2 = resident(community, "李明")
    # days before today by the wall clock, wherever it stands (a later date is refused as date.future)
    moved = localtime.today() - timedelta(days=50)
    move_out(community, wang, r2.id, on=moved, destination="  济南市历下区 ")
    assert (r2.status, r2.deleted_at) == ("moved_out", None)
    assert r2.notes == f"已迁出至济南市历下区（{moved.isoformat()}）"
    assert outbox(community, r2.id)[-1].changes == {"status": "moved_out", "notes": r2.notes}
    with pytest.raises(ValidationFailed) as again:
        move_out(community, wang, r2.id, on=moved + timedelta(days=1), destination="北京")
    assert again.value.codes == ("resident.status",)
    died = moved + timedelta(days=24)
    mark_deceased(community, wang, r2.id, on=died)
    assert r2.status == "deceased" and r2.notes.endswith(f"\n已故（{died.isoformat()}）")
    community.commit()
    assert community.get(Resident, r2.id) is not None


def test_status_changes_refuse_bad_dates_and_missing_destination(community: Session) -> None:
    wang = user(community, "wang")
    r1 = resident(community, "李秀英")
    with pytest.raises(ValidationFailed) as caught:
        move_out(community, wang, r1.id, on=date.today() + timedelta(days=2), destination=" ")
    assert set(caught.value.codes) == {"date.future", "required"}
    assert r1.status == "active"
    with pytest.raises(PermissionError):
        mark_deceased(community, user(community, "chen", roles.ADMIN), r1.id, on=date(2026, 1, 1))


# ---- revealing personal data ----------------------------------------------------------------

def _audit_rows(s: Session) -> list[AuditEntry]:
    return list(s.scalars(select(AuditEntry).where(AuditEntry.action.like("reveal_%"))))


def test_reveal_needs_permission_and_reason_and_is_audited(community: Session) -> None:
    rid = create_resident(community, user(community, "wang"), zhang(community))
    with pytest.raises(PermissionError, match="权限"):
        reveal(community, user(community, "wang"), rid, "id_number", "入户核查")  # grid workers may not
    chen = user(community, "chen")
    for reason in ("", "  ", "查"):
        with pytest.raises(ValidationFailed) as caught:
            reveal(community, chen, rid, "id_number", reason)
        assert caught.value.codes == ("reveal.reason_required",)
    assert _audit_rows(community) == []
    assert reveal(community, chen, rid, "id_number", " 办理低保 复核 ") == ZHANG_ID
    community.commit()
    [entry] = _audit_rows(community)
    assert (entry.action, entry.actor_id, entry.subject_type, entry.subject_id, entry.reason) == (
        "reveal_id_number", chen.id, "resident", rid, "办理低保 复核")
    stored = repr((entry.action, entry.subject_type, entry.subject_id, entry.reason, entry.detail))
    assert ZHANG_ID not in stored and ZHANG_ID[-6:] not in stored
    assert reveal(community, chen, rid, "phone", "联系家属") == "13812345678"
    assert [e.action for e in _audit_rows(community)] == ["reveal_id_number", "reveal_phone"]
    with pytest.raises(ValueError):
        reveal(community, chen, rid, "name", "随便看看")


# ---- the resident's page --------------------------------------------------------------------

def test_detail_masks_everything_and_is_audited(community: Session) -> None:
    wang = user(community, "wang")
    rid = create_resident(community, wang, zhang(community))
    detail = resident_detail(community, wang, rid, today=date(2026, 11, 24))
    assert detail.id_number_masked == "370***********" + ZHANG_ID[-4:]
    assert detail.phone_masked == "138****5678"
    assert (detail.has_id_number, detail.has_phone, detail.can_reveal) == (True, True, False)
    assert (detail.age, detail.sex_name, detail.status_name) == (74, "男", "在册")
    assert detail.address == "湛山三路1号 101室"
    assert (detail.grid_cell_name, detail.community_name) == ("第一网格", "湛山社区")
    assert [(t.code, t.name) for t in detail.tags] == [("dibao", "低保"), ("elderly_alone", "独居老人")]
    assert sorted(m.name for m in detail.members) == sorted(["李秀英", "李明", "张 建国"])
    me = next(m for m in detail.members if m.is_self)
    assert me.id_number_masked == detail.id_number_masked and me.phone_masked == "138****5678"
    assert sorted(e.text for e in detail.timeline) == ["建立档案", "添加标签：低保", "添加标签：独居老人"]
    assert detail.sync_state == "waiting"
    # nothing in the whole value (members and timeline included) carries the full numbers
    assert ZHANG_ID not in repr(detail) and "13812345678" not in repr(detail)
    views = community.scalars(select(AuditEntry).where(AuditEntry.action == "view_resident")).all()
    assert [(v.actor_id, v.subject_id) for v in views] == [(wang.id, rid)]


def test_detail_timeline_has_requests_visits_changes_and_reveals_newest_first(community: Session) -> None:
    chen = user(community, "chen")
    r1 = resident(community, "李秀英")
    request = ServiceRequest(ticket_no="T0100", community_code=COMMUNITY, category_code="C1", channel="phone",
                             title="楼道灯不亮", stage="in_progress", reported_at=NOW - timedelta(days=1),
                             reporter_resident_id=r1.id)
    community.add(request)
    community.flush()
    update_resident(community, chen, r1.id, replace(resident_input(community, chen, r1.id), phone="13912345678"))
    reveal(community, chen, r1.id, "phone", "回访确认")
    timeline = resident_detail(community, chen, r1.id).timeline
    kinds = {e.kind: e.text for e in timeline}
    assert kinds["request"] == "反映诉求 T0100「楼道灯不亮」（处置中）"
    assert kinds["visit"] == "王丽上门走访：情况正常"
    assert "修改了联系电话" in [e.text for e in timeline]
    assert "陈静查看了完整联系电话（理由：回访确认）" in [e.text for e in timeline]
    assert "建立档案" in [e.text for e in timeline]  # a record older than the outbox still shows its start
    assert "13912345678" not in repr(timeline)
    whens = [e.when for e in timeline]
    assert whens == sorted(whens, reverse=True)


def test_detail_needs_view_permission(community: Session) -> None:
    nobody = replace(user(community, "wang"), permissions=frozenset())
    with pytest.raises(PermissionError):
        resident_detail(community, nobody, resident(community, "李明").id)
    assert community.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_staff_of_another_community_can_neither_open_nor_reveal_nor_edit(community: Session) -> None:
    r1 = resident(community, "李秀英")
    outsider = replace(user(community, "chen"), community_code="370202010001")
    with pytest.raises(PermissionError, match="本社区"):
        resident_detail(community, outsider, r1.id)
    with pytest.raises(PermissionError, match="本社区"):
        reveal(community, outsider, r1.id, "phone", "核对电话")
    with pytest.raises(PermissionError, match="本社区"):
        move_out(community, outsider, r1.id, on=date(2026, 1, 1), destination="北京")
    assert community.scalar(select(func.count()).select_from(AuditEntry)) == 0
    assert r1.status == "active"
