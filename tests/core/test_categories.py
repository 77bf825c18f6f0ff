"""Categories as data: the admin's tree, creating and changing them, and the seeded set."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core.categories import CategoryInput, category_tree, create_category, update_category
from community_app.core.deadlines import due_at_for
from community_app.core.first_run import seed_reference_data
from community_app.core.problems import ValidationFailed
from community_app.core.requests import RequestInput, log_request
from db.models import Category, OutboxEntry, ServiceRequest
from db.reference_data import table
from tests.core.casework_helpers import add_admin, add_categories, as_user, bj


@pytest.fixture
def office(community: Session) -> Session:
    add_categories(community)
    add_admin(community)
    return community


def test_the_tree_lists_majors_with_their_minors_in_order(office: Session) -> None:
    tree = category_tree(office)
    majors = [n.major.code for n in tree]
    assert majors[-2:] == ["E01", "S05"] and "C1" in majors  # the conftest's C1 is a lone 大类
    e01 = next(n for n in tree if n.major.code == "E01")
    assert [m.code for m in e01.minors] == ["E0101", "E0102", "E0199"]
    assert e01.minors[0].time_limit_text == "2 工作小时" and e01.major.group_name == "事件"
    offered = next(n for n in category_tree(office, active_only=True) if n.major.code == "E01")
    assert [m.code for m in offered.minors] == ["E0101", "E0102"]  # the inactive one is not offered


def test_an_admin_creates_a_minor_and_requests_use_its_limit(office: Session) -> None:
    s = office
    root = as_user(s, "root")
    cid = create_category(s, root, CategoryInput(code="e0103", name="道路不洁", parent_code="E01", time_limit=4))
    row = s.get(Category, cid)
    assert row is not None
    assert (row.code, row.parent_code, row.group, row.time_limit, row.time_limit_unit, row.urgency, row.active) == (
        "E0103", "E01", "event", 4, "work_hours", "normal", True)
    assert row.sort_order == 10  # after its siblings (the last had 9)
    assert s.scalar(select(OutboxEntry.op).where(OutboxEntry.row_id == cid)) == "insert"
    rid = log_request(s, as_user(s, "wang"), RequestInput(
        category_code="E0103", description="路面有泥土", channel="patrol", latitude=36.065, longitude=120.385),
        now=bj(2026, 11, 24, 10, 0))
    assert s.get(ServiceRequest, rid).due_at == bj(2026, 11, 24, 15, 30)  # type: ignore[union-attr]


def test_a_major_and_its_rules(office: Session) -> None:
    s = office
    root = as_user(s, "root")
    create_category(s, root, CategoryInput(code="C01", name="公用设施", group="component"))
    # GB/T 30428 has 市容环境 among both events and components: allowed in different groups
    create_category(s, root, CategoryInput(code="C04", name="市容环境", group="component"))
    with pytest.raises(ValidationFailed) as failed:
        create_category(s, root, CategoryInput(code="E09", name="市容环境", group="event", time_limit=3))
    assert set(failed.value.codes) == {"category.name_taken", "category.limit"}
    with pytest.raises(ValidationFailed) as failed:
        create_category(s, root, CategoryInput(code="X", name="", parent_code="NOPE", time_limit=0,
                                               time_limit_unit="weeks", urgency="high"))
    assert set(failed.value.codes) == {"category.code", "category.parent", "category.group", "category.unit",
                                       "category.urgency", "category.name"}
    with pytest.raises(ValidationFailed) as failed:
        create_category(s, root, CategoryInput(code="S0599", name="积存垃圾渣土", parent_code="E01", time_limit=800))
    assert set(failed.value.codes) == {"category.code", "category.limit", "category.name_taken"}
    assert "E01" in str(failed.value) and "1–720 工作小时" in str(failed.value)
    with pytest.raises(ValidationFailed) as failed:
        create_category(s, root, CategoryInput(code="E0101", name="新", parent_code="E01", time_limit=2))
    assert failed.value.codes == ("category.code_taken",)
    with pytest.raises(ValidationFailed) as failed:  # a minor cannot have minors
        create_category(s, root, CategoryInput(code="E010101", name="子类", parent_code="E0101", time_limit=2))
    assert "category.parent" in failed.value.codes


def test_updating_a_category(office: Session) -> None:
    s = office
    root = as_user(s, "root")
    info = update_category(s, root, "E0102", name="积存垃圾", time_limit=2, time_limit_unit="work_days",
                           urgency="urgent")
    assert (info.name, info.time_limit_text, info.urgency) == ("积存垃圾", "2 工作日", "urgent")
    [entry] = s.scalars(select(OutboxEntry).where(OutboxEntry.table_name == "category")).all()
    assert set(entry.changes) == {"name", "time_limit", "time_limit_unit", "urgency"}
    update_category(s, root, "E0102", active=False, sort_order=50)
    assert s.scalar(select(Category.active).where(Category.code == "E0102")) is False
    with pytest.raises(ValidationFailed) as failed:
        log_request(s, as_user(s, "wang"), RequestInput(category_code="E0102", description="x", channel="phone",
                                                         latitude=36.065, longitude=120.385))
    assert failed.value.codes == ("category.inactive",)
    for changes, code in (({"time_limit": 0}, "category.limit"), ({"name": "暴露垃圾"}, "category.name_taken"),
                          ({"urgency": "x"}, "category.urgency"), ({"sort_order": -1}, "category.sort_order")):
        with pytest.raises(ValidationFailed) as failed:
            update_category(s, root, "E0102", **changes)
        assert failed.value.codes == (code,)
    with pytest.raises(ValidationFailed) as failed:
        update_category(s, root, "E01", time_limit=4)
    assert failed.value.codes == ("category.limit",)
    with pytest.raises(TypeError):
        update_category(s, root, "E0102", code="E0999")


def test_only_an_administrator_edits_categories(office: Session) -> None:
    s = office
    for username in ("wang", "chen"):
        with pytest.raises(PermissionError, match="系统管理员"):
            update_category(s, as_user(s, username), "E0101", name="改名")
        with pytest.raises(PermissionError):
            create_category(s, as_user(s, username), CategoryInput(code="E0150", name="新", parent_code="E01",
                                                                   time_limit=2))


def test_the_seeded_set_covers_urban_management_and_community_services() -> None:
    rows = table("categories.csv")
    majors = {(r["group"], r["name"]) for r in rows if not r["parent_code"]}
    for name in ("市容环境", "宣传广告", "施工管理", "突发事件", "街面秩序"):
        assert ("event", name) in majors
    for name in ("公用设施", "道路交通", "市容环境", "园林绿化", "房屋土地"):
        assert ("component", name) in majors
    for name in ("为老服务", "房屋维修", "邻里纠纷", "环境卫生", "证明办理"):
        assert ("service", name) in majors
    codes = {r["code"]: r for r in rows}
    for r in rows:
        if r["parent_code"]:
            parent = codes[r["parent_code"]]
            assert r["code"].startswith(parent["code"]) and r["group"] == parent["group"] and not parent["parent_code"]
            assert int(r["time_limit"]) >= 1 and r["time_limit_unit"] in ("work_hours", "work_days")
            # every limit gives a due time on the calendar
            limit = type("L", (), {"time_limit": int(r["time_limit"]), "time_limit_unit": r["time_limit_unit"]})
            assert due_at_for(limit(), bj(2026, 11, 24, 10, 0)) is not None  # type: ignore[arg-type]
        else:
            assert r["time_limit"] == ""
    assert len(codes) == len(rows)
    names = [(r["parent_code"] or r["group"], r["name"]) for r in rows]  # unique among siblings
    assert len(set(names)) == len(names)


def test_the_seeded_set_is_what_a_new_office_gets(community: Session) -> None:
    seed_reference_data(community)
    seeded = {c.code for c in community.scalars(select(Category))} - {"C1"}
    assert seeded == {r["code"] for r in table("categories.csv")}
