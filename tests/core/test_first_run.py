"""A new database: reference data seeded, the first administrator created, then only once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core.auth import login
from community_app.core.first_run import (
    SetupError,
    community_choices,
    create_first_admin,
    needs_first_admin,
    reference_id,
    seed_reference_data,
)
from db.migrate import create_database
from db.models import AuditEntry, Category, Division, OutboxEntry, StaffUser, VisitRule

GOOD = {"community_code": "370202010004", "username": "liming", "display_name": "李明",
        "password": "Zhanshan2026", "password_again": "Zhanshan2026"}


@pytest.fixture
def empty(tmp_path: Path) -> Session:
    engine = create_database(tmp_path / "new.sqlite")
    with Session(engine) as s:
        yield s
    engine.dispose()


def test_real_communities_with_their_streets_are_offered() -> None:
    choices = {c.code: c for c in community_choices()}
    assert len(choices) == 50
    assert choices["370202010004"].name == "湛山社区"
    assert choices["370202010004"].street_name == "湛山街道"


def test_first_admin_can_sign_in_and_is_queued_for_the_city(empty: Session) -> None:
    assert needs_first_admin(empty)
    create_first_admin(empty, **GOOD)
    assert not needs_first_admin(empty)
    user = login(empty, "liming", "Zhanshan2026")
    assert user.role_code == "admin" and user.community_code == "370202010004"
    (queued,) = empty.scalars(select(OutboxEntry)).all()
    assert (queued.table_name, queued.row_id, queued.op, queued.base_version) == ("staff_user", user.id, "insert", 0)
    assert queued.changes["username"] == "liming"
    assert empty.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "staff_created")) == 1


def test_reference_data_is_seeded_once_with_code_derived_ids(empty: Session) -> None:
    seed_reference_data(empty)
    seed_reference_data(empty)  # idempotent
    assert empty.scalar(select(func.count()).select_from(Division)) == 1 + 1 + 11 + 50
    car = empty.scalars(select(Category).where(Category.code == "E0101")).one()
    assert car.id == reference_id("category", "E0101") and car.parent_code == "E01"
    assert empty.scalars(select(VisitRule.interval_days).where(VisitRule.tag_code == "elderly_alone")).one() == 7


@pytest.mark.parametrize(("field", "changes"), [
    ("username", {"username": "李明"}),
    ("username", {"username": "ab"}),
    ("display_name", {"display_name": "  "}),
    ("password", {"password": "short1", "password_again": "short1"}),
    ("password", {"password": "onlyletters", "password_again": "onlyletters"}),
    ("password_again", {"password_again": "Zhanshan2027"}),
    ("community", {"community_code": "999999999999"}),
])
def test_bad_input_is_refused_with_a_message_and_nothing_written(
        empty: Session, field: str, changes: dict[str, str]) -> None:
    with pytest.raises(SetupError) as err:
        create_first_admin(empty, **{**GOOD, **changes})
    assert err.value.field == field and str(err.value)
    empty.rollback()
    assert empty.scalar(select(func.count()).select_from(StaffUser)) == 0


def test_second_first_admin_is_refused(empty: Session) -> None:
    create_first_admin(empty, **GOOD)
    with pytest.raises(SetupError, match="已有可用账号"):
        create_first_admin(empty, **{**GOOD, "username": "other"})
