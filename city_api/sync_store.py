"""Push and pull for devices: apply a batch of mutations (each in its own savepoint, its answer
stored permanently under its mutation id in the same transaction) and serve the changes feed
of the device's community in seq order."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import Text, and_, cast, func, insert, or_, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from city_api import store
from city_api.models import Mutation, Record, utcnow
from city_api.store import DeviceInfo, SeqCounter
from city_api.tables import (
    KIOSK_OWN_TABLES,
    KIOSK_PUSH_TABLES,
    KIOSK_READ_TABLES,
    InvalidValueError,
    check_changes,
)

log = logging.getLogger(__name__)
OPS = ("insert", "update", "delete")
MAX_ID_LENGTH = 64


def _text(value: object, name: str, limit: int = MAX_ID_LENGTH) -> str:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise InvalidValueError("invalid_mutation", f"变更缺少有效的 {name}。请升级程序后重试。")
    return value


def _server_copy(rec: Record) -> dict[str, Any]:
    return {"version": rec.version, "data": dict(rec.data),
            "deleted_at": rec.deleted_at.isoformat() if rec.deleted_at else None}


def _done(status: str, rec: Record) -> dict[str, Any]:
    return {"status": status, "version": rec.version, "seq": rec.seq}


def _conflict(rec: Record, fields: list[str]) -> dict[str, Any]:
    return {"status": "conflict", "record": _server_copy(rec), "conflict_fields": sorted(fields)}


def _apply_on_existing(session: Session, rec: Record, op: str, base: int, changes: dict[str, Any],
                       seqs: SeqCounter, flush: bool) -> dict[str, Any]:
    if base > rec.version:
        raise InvalidValueError("bad_base_version",
                                "本机记录的版本比城市平台还新，可能平台数据被恢复过。请联系管理员。")
    if op == "delete":
        if rec.deleted_at is not None:
            return _done("applied" if base == rec.version else "merged", rec)  # already gone: nothing to do
        if base < rec.version:  # a delete conflicts with any change made since the device's copy
            changed = [f for f, v in rec.field_versions.items() if v > base]
            return _conflict(rec, changed)
        return _done("applied", store.change(session, rec, changes, seqs, flush=flush))
    if base == rec.version:
        return _done("applied", store.change(session, rec, changes, seqs, flush=flush))
    since_base = {f for f, v in rec.field_versions.items() if v > base}
    # an overlapping field is a conflict only if the values differ: two devices that typed the
    # same phone number agree
    clash = [f for f in changes if f in since_base and rec.data.get(f) != changes[f]]
    if rec.deleted_at is not None and "deleted_at" in since_base and "deleted_at" not in changes:
        clash.append("deleted_at")  # editing a row someone deleted meanwhile: ask a person
    if clash:
        return _conflict(rec, clash)
    return _done("merged", store.change(session, rec, changes, seqs, flush=flush))


def _checked(device: DeviceInfo, m: dict[str, Any]) -> tuple[str, str, str, int, dict[str, Any]]:
    """The mutation's table, id, op, base version and changes, or InvalidValueError (before any write)."""
    table = _text(m.get("table"), "table")
    record_id = _text(m.get("id"), "id")
    op = m.get("op")
    if op not in OPS:
        raise InvalidValueError("invalid_mutation", f"不认识的变更类型 {op!r}。请升级程序后重试。")
    base = m.get("base_version", 0)
    if not isinstance(base, int) or isinstance(base, bool) or base < 0:
        raise InvalidValueError("invalid_mutation", "变更的 base_version 无效。请升级程序后重试。")
    changes = m.get("changes")
    if device.role == "kiosk" and (op != "insert" or table not in KIOSK_PUSH_TABLES):
        raise InvalidValueError("forbidden_for_kiosk", "自助终端只能提交诉求、预约和求助，不能修改其他数据。")
    if op == "delete":
        changes = changes if changes else {"deleted_at": utcnow().isoformat()}
        if not isinstance(changes, dict) or set(changes) != {"deleted_at"} or not changes["deleted_at"]:
            raise InvalidValueError("invalid_mutation", "删除操作只能设置 deleted_at。请升级程序后重试。")
    if not isinstance(changes, dict):
        raise InvalidValueError("invalid_changes", "变更内容格式不对。请升级程序后重试。")
    return table, record_id, str(op), base, changes


Records = dict[tuple[str, str], Record]


def _apply_one(session: Session, device: DeviceInfo, m: dict[str, Any], seqs: SeqCounter,
               records: Records, flush: bool) -> dict[str, Any]:
    """Every check comes before the first change to the session: a rejected mutation leaves
    nothing behind even without a savepoint of its own."""
    table, record_id, op, base, changes = _checked(device, m)
    rec = records.get((table, record_id))
    check_changes(table, changes, insert=op == "insert" and rec is None)
    if rec is None:
        if op != "insert":
            raise InvalidValueError("unknown_record", "城市平台上没有这条记录，无法修改。它可能从未上传成功。")
        rec = store.create(session, device.community_code, table, record_id, changes, device.id, seqs, flush=flush)
        records[(table, record_id)] = rec
        return _done("applied", rec)
    if device.role == "kiosk":
        raise InvalidValueError("record_exists", "这条记录已存在，自助终端不能修改它。")
    return _apply_on_existing(session, rec, op, base, changes, seqs, flush)


def _prefetch(session: Session, community_code: str, mutations: list[Any]) -> tuple[dict[str, Mutation], Records]:
    """The batch's earlier answers and its records, in a query or two instead of two per mutation.
    Under the community lock nobody else creates records, so a key missing here is new."""
    ids = [m["mutation_id"] for m in mutations if isinstance(m, dict) and isinstance(m.get("mutation_id"), str)]
    answered = {x.mutation_id: x for x in session.scalars(select(Mutation).where(Mutation.mutation_id.in_(ids)))}
    keys = {(m.get("table"), m.get("id")) for m in mutations if isinstance(m, dict)}
    by_table: dict[str, list[str]] = {}
    for table, rid in keys:
        if isinstance(table, str) and isinstance(rid, str):
            by_table.setdefault(table, []).append(rid)
    records: Records = {}
    for table, rids in by_table.items():
        for rec in session.scalars(select(Record).where(Record.community_code == community_code,
                                                        Record.table_name == table, Record.id.in_(rids))):
            records[(rec.table_name, rec.id)] = rec
    return answered, records


def _invalid_id(mutation_id: object) -> dict[str, Any]:
    reason = {"code": "invalid_mutation", "message": "变更缺少有效的编号。请升级程序后重试。"}
    return {"mutation_id": mutation_id, "status": "rejected", "reason": reason}


def _rejected(exc: InvalidValueError) -> dict[str, Any]:
    return {"status": "rejected", "reason": {"code": exc.code, "message": exc.message}}


def _db_refused(exc: DataError | IntegrityError) -> dict[str, Any]:
    log.warning("mutation refused by the database: %s", type(exc.orig).__name__)
    return {"status": "rejected", "reason": {
        "code": "invalid_value", "message": "数据中有城市平台无法保存的值。请检查后重新提交。"}}


class _Batch:
    """One push batch under the community lock: earlier answers, the records it touches and
    the answers given so far."""

    def __init__(self, session: Session, device: DeviceInfo, mutations: list[Any]) -> None:
        self.session, self.device, self.mutations = session, device, mutations
        self.last_seq = store.lock_community_seq(session, device.community_code)
        self.answered, self.records = _prefetch(session, device.community_code, mutations)

    def run(self, *, each_in_savepoint: bool) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], SeqCounter]:
        session = self.session
        seqs = SeqCounter(self.device.community_code, self.last_seq)
        records = dict(self.records)
        new_answers: dict[str, dict[str, Any]] = {}
        results: list[dict[str, Any]] = []
        for m in self.mutations:
            mutation_id = m.get("mutation_id") if isinstance(m, dict) else None
            if not isinstance(mutation_id, str) or not mutation_id or len(mutation_id) > MAX_ID_LENGTH:
                results.append(_invalid_id(mutation_id))
                continue
            if mutation_id in new_answers:  # the same id twice in one batch
                results.append(new_answers[mutation_id])
                continue
            stored = self.answered.get(mutation_id)
            if stored is not None:
                results.append(dict(stored.result) if stored.community_code == self.device.community_code else {
                    "mutation_id": mutation_id, "status": "rejected", "reason": {
                        "code": "duplicate_mutation_id", "message": "变更编号与其他社区的重复。请升级程序后重试。"}})
                continue  # a replay: the first answer, no second effect
            if each_in_savepoint:
                result = self._in_savepoint(m, seqs, records)
            else:
                try:
                    result = _apply_one(session, self.device, m, seqs, records, flush=False)
                except InvalidValueError as exc:
                    result = _rejected(exc)
            result = {"mutation_id": mutation_id, **result}
            new_answers[mutation_id] = result
            results.append(result)
        return results, new_answers, seqs

    def _in_savepoint(self, m: dict[str, Any], seqs: SeqCounter, records: Records) -> dict[str, Any]:
        savepoint = self.session.begin_nested()
        try:
            result = _apply_one(self.session, self.device, m, seqs, records, flush=True)
            savepoint.commit()
            return result
        except InvalidValueError as exc:
            savepoint.rollback()
            return _rejected(exc)
        except (DataError, IntegrityError) as exc:  # a value the database refuses (e.g. NUL in jsonb)
            savepoint.rollback()
            for key in [k for k, r in records.items() if r not in self.session]:
                del records[key]  # an insert rolled back is gone
            return _db_refused(exc)


def apply_mutations(session: Session, device: DeviceInfo, mutations: list[Any]) -> list[dict[str, Any]]:
    """Apply a push batch in order; the caller commits. The whole batch runs under the
    community lock, so a mutation id is checked and stored without a race, and the answers are
    stored in the same transaction as their effects.

    Fast path: all accepted changes are written in one flush (a few round trips per batch
    instead of three per mutation). The checks reject bad mutations before they touch the
    session, so this equals a savepoint per mutation — unless the database itself refuses a
    value: then the transaction is rolled back and the batch redone with a savepoint per
    mutation, so only the refused one is rejected."""
    try:
        results, new_answers, seqs = _Batch(session, device, mutations).run(each_in_savepoint=False)
        session.flush()
    except (DataError, IntegrityError):
        session.rollback()
        results, new_answers, seqs = _Batch(session, device, mutations).run(each_in_savepoint=True)
    seqs.save(session)
    if new_answers:
        now = utcnow()
        session.execute(insert(Mutation), [
            {"mutation_id": mid, "device_id": device.id, "community_code": device.community_code,
             "received_at": now, "result": result} for mid, result in new_answers.items()])
    return results


def _visible(device: DeviceInfo, tables: list[str] | None) -> list[Any]:
    conditions: list[Any] = [Record.community_code == device.community_code]
    if tables:
        conditions.append(Record.table_name.in_(tables))
    if device.role == "kiosk":
        conditions.append(or_(Record.table_name.in_(sorted(KIOSK_READ_TABLES)),
                              and_(Record.table_name.in_(sorted(KIOSK_OWN_TABLES)),
                                   Record.created_by_device == device.id)))
    return conditions


def changes_page(session: Session, device: DeviceInfo, since: int, limit: int, tables: list[str] | None) -> str:
    """The JSON text of one page of the changes feed. Built from the stored JSON text: decoding
    and re-encoding a 5000-record page would cost more than the query."""
    conditions = _visible(device, tables)
    stmt = (select(Record.seq, Record.table_name, Record.id, Record.version, cast(Record.data, Text),
                   Record.deleted_at, Record.created_at)
            .where(*conditions, Record.seq > since).order_by(Record.seq).limit(limit + 1))
    rows = session.execute(stmt).all()
    more = len(rows) > limit
    rows = rows[:limit]
    dumps = json.dumps
    items = [
        f'{{"seq":{seq},"table":{dumps(table)},"id":{dumps(rid)},"version":{version},"data":{data},'
        f'"deleted_at":{dumps(deleted.isoformat()) if deleted else "null"},"created_at":{dumps(created.isoformat())}}}'
        for seq, table, rid, version, data, deleted, created in rows
    ]
    cursor = rows[-1][0] if rows else since
    tail = ""
    if since == 0:
        total = session.execute(select(func.count()).select_from(Record).where(*conditions)).scalar_one()
        tail = f',"total_estimate":{total}'
    return f'{{"changes":[{",".join(items)}],"next":{cursor},"more":{"true" if more else "false"}{tail}}}'
