"""The bulk writer stores exactly what create_resident stores: the same resident rows,
tags, household heads, outbox entries (in the same order) and search index entries."""

from __future__ import annotations

import shutil
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from community_app.core.auth import CurrentUser
from community_app.core.importing.writer import BulkWriter, _Ids, household_heads
from community_app.core.residents import check_resident, create_resident
from community_app.core.residents.inputs import ResidentInput
from db.engine import make_engine
from db.models import Household
from tests.core.importing.conftest import COMMUNITY, Places, db_file, id_number


def _inputs(places: Places) -> list[ResidentInput]:
    common = {"community_code": COMMUNITY}
    return [
        ResidentInput(name="王秀兰", sex="F", id_number=id_number(date(1950, 3, 15), 22), birth_date=date(1950, 3, 15),
                      phone="13812345678", ethnicity="汉族", household_id=places.room_1_101, relation_to_head="户主",
                      tags=("elderly_alone", "dibao"), notes="独居，子女在外地", **common),
        ResidentInput(name="周𠮷", sex="M", id_number=id_number(date(1990, 1, 1), 1), household_id=places.room_1_101,
                      relation_to_head="户主", residence_type="floating", **common),  # a second head: the last wins
        ResidentInput(name="单田芳", sex="M", household_id=places.one_101, relation_to_head="户主", **common),
        ResidentInput(name="John Smith", sex="M", id_type="passport", id_number="E12345678",
                      residence_type="overseas", household_id=places.room_2_201, relation_to_head="其他",
                      phone="0532-83871234", **common),
        ResidentInput(name="刘䶮", sex="F", birth_date=date(2001, 2, 3), household_id=places.room_1_102,
                      relation_to_head="子女", tags=("youfu",), **common),
    ]


def _snapshot(session: Session) -> dict[str, Any]:
    """The rows the two ways wrote, with generated ids and times replaced by what they stand for."""
    conn = session.connection()
    names = dict(conn.exec_driver_sql("SELECT id, name FROM resident").all())
    tags = {tid: f"{names.get(rid, rid)}/{code}"
            for tid, rid, code in conn.exec_driver_sql("SELECT id, resident_id, tag_code FROM resident_tag").all()}

    def label(value: Any) -> Any:
        if isinstance(value, str):
            return names.get(value) or tags.get(value) or value
        if isinstance(value, dict):
            return {k: label(v) for k, v in value.items()}
        return value

    residents = conn.exec_driver_sql("SELECT * FROM resident ORDER BY name, id_number").mappings().all()
    out: dict[str, Any] = {
        "resident": [{k: label(v) for k, v in r.items() if k not in ("id", "created_at", "updated_at")}
                     for r in residents],
        "resident_tag": sorted((tuple(label(v) for k, v in r.items() if k not in ("created_at", "updated_at"))
                                for r in conn.exec_driver_sql("SELECT * FROM resident_tag").mappings().all()),
                               key=repr),
        "household": sorted((tuple(label(v) for k, v in r.items() if k != "updated_at")
                             for r in conn.exec_driver_sql("SELECT * FROM household").mappings().all()), key=repr),
    }
    import json

    out["outbox"] = [(t, label(row_id), op, base, label(json.loads(changes)), status, attempts, error)
                     for t, row_id, op, base, changes, status, attempts, error in conn.exec_driver_sql(
                         "SELECT table_name, row_id, op, base_version, changes, status, attempts, last_error "
                         "FROM sync_outbox ORDER BY seq").all()]
    out["search"] = sorted(map(tuple, conn.exec_driver_sql(
        "SELECT r.name FROM resident_fts JOIN resident r ON r.rowid = resident_fts.rowid "
        "WHERE resident_fts MATCH 'search_names:wang* OR search_names:zhou* OR search_names:shan* OR "
        "search_names:john OR search_names:liu* OR search_numbers:1234*'").all()), key=repr)
    out["stored_text"] = sorted(map(tuple, conn.exec_driver_sql(
        "SELECT name, typeof(created_at), length(created_at), birth_date FROM resident").all()), key=repr)
    return out


def test_bulk_writer_stores_what_create_resident_stores(community: Session, places: Places, supervisor: CurrentUser,
                                                       tmp_path: Path) -> None:
    community.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the file we copy
    community.close()
    source = db_file(community)
    copies = {way: tmp_path / f"{way}.sqlite" for way in ("one_by_one", "bulk")}
    for copy in copies.values():
        shutil.copy(source, copy)
    snapshots = {}
    for way, path in copies.items():
        engine = make_engine(path)
        with Session(engine) as session:
            checked = [check_resident(session, data) for data in _inputs(places)]
            assert all(c.ok for c in checked), [c.problems for c in checked]
            if way == "one_by_one":
                for c in checked:
                    create_resident(session, supervisor, c.data)
            else:
                writer = BulkWriter(session, household_heads(session, COMMUNITY))
                for c in checked:
                    writer.add(c.data)
                writer.finish()
            session.commit()
            snapshots[way] = _snapshot(session)
            head = session.get(Household, places.room_1_101)
            assert head is not None and head.head_resident_id is not None
        engine.dispose()
    one, bulk = snapshots["one_by_one"], snapshots["bulk"]
    assert len(one["resident"]) >= 5 and len(one["outbox"]) > 5
    for key in one:
        assert bulk[key] == one[key], key


def test_bulk_ids_are_uuid7() -> None:
    from db.ids import uuid7

    ids = _Ids()
    made = [ids() for _ in range(600)]
    assert len(set(made)) == 600
    for text in made[:5] + made[-5:]:
        value = uuid.UUID(text)
        assert value.version == 7 and value.variant == uuid.RFC_4122 and str(value) == text
    # the same millisecond clock as db.ids.uuid7: made now, they sort next to one made now
    reference = uuid7()
    assert abs(int(made[-1][:8] + made[-1][9:13], 16) - int(reference[:8] + reference[9:13], 16)) < 60_000


def test_outbox_json_is_the_text_json_dumps_makes() -> None:
    import json

    from community_app.core.importing.writer import _JsonObject

    keys = ["name", "notes", "birth_date", "deleted_at"]
    make = _JsonObject(keys)
    for values in [("王秀兰", "说明：\"引号\" \\ 反斜杠\n换行\t\x00", "1950-03-15", None),
                   ("周𠮷", "", None, None), ("John O'Brien", "100% sure", "2001-02-03", 5)]:
        assert make(values) == json.dumps(dict(zip(keys, values, strict=True)))
    with pytest.raises(ValueError):
        make(("too", "few"))
