"""The import itself: every row checked, the valid ones written, in ONE transaction.

    report = run_import(session, user, path, layout, mode=VALID_ONLY,
                        progress=lambda done, total: ..., cancelled=lambda: job.cancelled)

New residents are written while the file is still being read (a large workbook is read
and checked by a child process meanwhile, see stream.py), changed ones after it; the
commit comes last. All-or-nothing stops writing at the first row with an error and rolls
back at the end. Cancel (checked every CANCEL_EVERY rows) or any exception rolls back
everything: the database is as before.

A resident already in the register is updated, not duplicated: found by the normalized ID
number, or, for a row without one, by name within the same household. Only the fields
the file fills are changed, and an unchanged resident writes nothing (no outbox entry).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import changes, localtime
from community_app.core.auth import CurrentUser
from community_app.core.importing.headers import FIELD_LABELS, Layout
from community_app.core.importing.places import NewHousehold
from community_app.core.importing.report import ERROR, WARNING, ImportReport, RowProblem, make_problem
from community_app.core.importing.rows import CheckedRow
from community_app.core.importing.stream import checked_rows
from community_app.core.importing.writer import BulkWriter, household_heads
from community_app.core.problems import ValidationFailed
from community_app.core.residents import require_edit, update_resident
from community_app.core.residents.inputs import STATUS_NAMES, ResidentInput
from db.models import Division, Household, Resident, ResidentTag

ALL_OR_NOTHING: Final = "all_or_nothing"
VALID_ONLY: Final = "valid_only"
MODES: Final = (ALL_OR_NOTHING, VALID_ONLY)
CANCEL_EVERY: Final = 200
WRITE_BATCH: Final = 5000
_INPUT_FIELDS: Final = tuple(f.name for f in fields(ResidentInput) if f.name not in ("community_code",))
_COLUMNS: Final = ("name", "sex", "id_number", "id_type", "birth_date", "phone", "ethnicity", "residence_type",
                   "household_id", "relation_to_head", "grid_cell_id", "notes")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class _Update:
    checked: CheckedRow
    resident_id: str
    data: ResidentInput  # the stored record with the file's fields


class _Register:
    """The residents the file may name: by ID number (anywhere) and by name and household
    (in the community), with their stored records. Two queries, whatever the file's size."""

    def __init__(self, session: Session, community_code: str) -> None:
        self.community_code = community_code
        self.by_id_number: dict[str, tuple[str, str]] = {}  # number -> (resident id, community)
        for number, rid, community in session.execute(
            select(Resident.id_number, Resident.id, Resident.community_code)
            .where(Resident.id_number.is_not(None), Resident.deleted_at.is_(None)).order_by(Resident.created_at)
        ):
            self.by_id_number.setdefault(number, (rid, community))
        self.records: dict[str, tuple[object, ...]] = {}
        self.by_name: dict[tuple[str, str], list[str]] = {}
        columns = [getattr(Resident, c) for c in _COLUMNS]
        for rid, status, *values in session.execute(
            select(Resident.id, Resident.status, *columns)
            .where(Resident.community_code == community_code, Resident.deleted_at.is_(None))
        ):
            self.records[rid] = (status, *values)
            household = values[_COLUMNS.index("household_id")]
            if household:
                self.by_name.setdefault((values[0], household), []).append(rid)
        self.tags: dict[str, list[str]] = {}
        for rid, code in session.execute(
            select(ResidentTag.resident_id, ResidentTag.tag_code)
            .join(Resident, Resident.id == ResidentTag.resident_id)
            .where(Resident.community_code == community_code, ResidentTag.deleted_at.is_(None))
            .order_by(ResidentTag.created_at)
        ):
            self.tags.setdefault(rid, []).append(code)

    def stored(self, resident_id: str) -> tuple[str, ResidentInput]:
        status, *values = self.records[resident_id]
        data = ResidentInput(community_code=self.community_code, tags=tuple(self.tags.get(resident_id, ())),
                             **dict(zip(_COLUMNS, values, strict=True)))  # type: ignore[arg-type]
        return str(status), data


def _given_fields(checked: CheckedRow) -> set[str]:
    given = set(checked.given)
    if "id_number" in given:  # the ID number tells these
        given |= {"sex", "birth_date"}
    if "household_id" in given:
        given.add("grid_cell_id")
    return given


def _same(a: ResidentInput, b: ResidentInput) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in _INPUT_FIELDS if f != "tags") and set(a.tags) == set(b.tags)


class _Importer:
    """Plans each checked row against the register and writes it (new residents at once,
    changed ones at the end)."""

    def __init__(self, session: Session, user: CurrentUser, community_code: str, report: ImportReport,
                 headers: dict[str, str], progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.session = session
        self.headers = headers
        self.user = user
        self.community_code = community_code
        self.report = report
        self._progress = progress
        self._cancelled = cancelled
        self.updates: list[_Update] = []
        self.expected_rows = 0  # the file's rows, as far as known before reading them
        self.writing = True  # all-or-nothing stops at the first row with an error
        self._writer: BulkWriter | None = None
        self._households: dict[NewHousehold, str] = {}

    def _problem(self, row: int, field: str | None, raw: object, code: str, message: str,
                 severity: str = ERROR) -> RowProblem:
        return make_problem(self.headers, row, field, raw, code, message, severity)

    def tick(self, done: int, total: int) -> bool:
        """Report progress; True when the user cancelled."""
        if self._progress is not None:
            self._progress(done, total)
        return self._cancelled is not None and self._cancelled()

    @property
    def wrote(self) -> bool:
        return self._writer is not None or bool(self.updates)

    def plan(self, checked: CheckedRow, register: _Register, community_names: dict[str, str]) -> RowProblem | None:
        """Create, update or leave alone the resident of a valid row; a problem when it cannot be imported."""
        place = checked.place
        data = checked.data
        resident_id: str | None = None
        if data.id_number:
            found = register.by_id_number.get(data.id_number)
            if found is not None:
                resident_id, community = found
                if community != self.community_code:
                    where = community_names.get(community, community)
                    return self._problem(checked.row, "id_number", data.id_number, "resident_other_community",
                                         f"持该身份证号的居民已登记在{where}；请由该社区办理迁出后再导入")
        elif place.household_id is not None:
            same = register.by_name.get((data.name, place.household_id), [])
            if len(same) > 1:
                return self._problem(checked.row, "name", data.name, "resident_ambiguous",
                                     "这一户已登记了两位同名居民，无法确定是哪一位；请填写身份证号")
            resident_id = same[0] if same else None
        if resident_id is None:
            self.report.created += 1
            if self.writing:
                self._create(checked)
            return None
        status, stored = register.stored(resident_id)
        given = _given_fields(checked)
        placed = {"household_id": place.household_id, "grid_cell_id": place.grid_cell_id}
        merged = replace(stored, **{f: placed[f] if f in placed else getattr(data, f)
                                    for f in _INPUT_FIELDS if f in given})
        if place.new is None and _same(merged, stored):
            self.report.unchanged += 1
            return None
        self.updates.append(_Update(checked, resident_id, merged))
        if status != "active":
            return self._problem(
                checked.row, None, None, "resident_not_active",
                f"该居民在系统中为“{STATUS_NAMES.get(status, status)}”状态；本次只更新信息，状态不变", WARNING)
        return None

    def _household(self, new: NewHousehold) -> str:
        """The id of a household the import creates (created when first needed)."""
        hid = self._households.get(new)
        if hid is None:
            if self._writer is not None:
                self._writer.sync()  # the session's connection is the writing thread's meanwhile
            household = changes.insert(self.session, Household(
                building_id=new.building_id, unit_id=new.unit_id, room=new.room, grid_cell_id=new.grid_cell_id))
            hid = self._households[new] = household.id
            if self._writer is not None:
                self._writer.known_household(hid)
        return hid

    def _create(self, checked: CheckedRow) -> None:
        place = checked.place
        household = self._household(place.new) if place.new is not None else place.household_id
        if self._writer is None:
            self._writer = BulkWriter(self.session, household_heads(self.session, self.community_code),
                                      expected_rows=self.expected_rows)
        self._writer.add(checked.data, household, place.grid_cell_id)
        if self._writer.pending >= WRITE_BATCH:
            self._writer.flush()

    def finish(self, done: int) -> bool:
        """Finish the new residents, then write the changed ones; False when cancelled."""
        if self._writer is not None:
            try:
                self._writer.finish()
            finally:
                self._writer.restore()
            self.session.expire_all()  # households changed under the ORM's feet
        self.report.households_created = len(self._households)
        total = done + len(self.updates)
        for i, update in enumerate(self.updates):
            data = update.data
            if update.checked.place.new is not None:
                data = replace(data, household_id=self._household(update.checked.place.new))
            try:
                update_resident(self.session, self.user, update.resident_id, data)
            except ValidationFailed as refused:  # the record changed since it was read
                for problem in refused.problems:
                    field = problem.field if problem.field in FIELD_LABELS else None
                    self.report.problems.append(self._problem(
                        update.checked.row, field, None, problem.code, problem.message, ERROR))
                self.report.rows_valid -= 1
                self.report.rows_invalid += 1
                continue
            self.report.updated += 1
            if i % CANCEL_EVERY == 0 and self.tick(done + i, total):
                return False
        self.report.households_created = len(self._households)
        return True

    def abandon(self) -> None:
        if self._writer is not None:
            self._writer.restore()


def run_import(session: Session, user: CurrentUser, path: Path | str, layout: Layout, *, mode: str = VALID_ONLY,
               sheet: str | None = None, community_code: str | None = None, progress: Progress | None = None,
               cancelled: Cancelled | None = None, today: date | None = None) -> ImportReport:
    """Import the residents of the file into the community (the user's unless given).

    Commits when something was written; on cancel or error rolls back. Give it a session
    with nothing pending. Raises PermissionError without the right to edit residents,
    FileReadError when the file cannot be read, ValueError for a mapping that cannot run."""
    if mode not in MODES:
        raise ValueError(f"unknown import mode {mode!r}")
    community = community_code or user.community_code
    if not community:
        raise ValueError("no community to import into")
    require_edit(user, community)
    if layout.problems():
        raise ValueError(layout.problems()[0])
    path = Path(path)
    collecting = gc.isenabled()
    gc.disable()  # 100k rows make millions of objects that live to the end; collecting them is wasted time
    try:
        return _run(session, user, path, layout, mode, sheet, community, progress, cancelled,
                    today or localtime.today())
    except BaseException:
        session.rollback()
        raise
    finally:
        if collecting:
            gc.enable()


def _run(session: Session, user: CurrentUser, path: Path, layout: Layout, mode: str, sheet: str | None,
         community: str, progress: Progress | None, cancelled: Cancelled | None, today: date) -> ImportReport:
    # a large workbook is read and checked by a child process while this one plans and writes
    with checked_rows(session, path, layout, community, sheet=sheet, today=today) as outcomes:
        register = _Register(session, community)
        names = dict(session.execute(select(Division.code, Division.name).where(Division.level == "community"))
                     .all())
        report = ImportReport(path.name, outcomes.sheet, mode)
        headers = {c.field: c.header for c in layout.columns if c.field is not None}
        importer = _Importer(session, user, community, report, headers, progress, cancelled)
        try:
            estimate = max(outcomes.estimated_rows(), 1)
            importer.expected_rows = estimate
            problems = report.problems
            for outcome in outcomes:
                report.rows_total += 1
                report.empty_rows += outcome.empty_before  # empty lines at the end are not counted
                if report.rows_total % CANCEL_EVERY == 0 and importer.tick(min(report.rows_total, estimate),
                                                                          estimate + 1):
                    importer.abandon()
                    return _cancelled(session, report)
                if outcome.problems:
                    problems.extend(outcome.problems)
                checked = outcome.checked
                refused = importer.plan(checked, register, names) if checked is not None else None
                if refused is not None:
                    problems.append(refused)
                if checked is None or (refused is not None and refused.severity == ERROR):
                    report.rows_invalid += 1
                    if mode == ALL_OR_NOTHING:
                        importer.writing = False  # nothing will be kept; keep checking for the report
                else:
                    report.rows_valid += 1
            report.fixes = outcomes.fixes
        except BaseException:
            importer.abandon()
            raise
    problems.sort(key=lambda p: p.row)
    if mode == ALL_OR_NOTHING and report.rows_invalid:
        importer.abandon()
        return _nothing_kept(session, report)
    if not importer.finish(report.rows_total):
        return _cancelled(session, report)
    if mode == ALL_OR_NOTHING and report.rows_invalid:  # an update refused at the last moment
        return _nothing_kept(session, report)
    if importer.wrote:
        session.commit()
    else:
        session.rollback()  # only reads happened; ends the read transaction
    report.committed = True
    importer.tick(report.rows_total + len(importer.updates), report.rows_total + len(importer.updates))
    return report


def _nothing_kept(session: Session, report: ImportReport) -> ImportReport:
    session.rollback()
    report.committed = False
    report.created = report.updated = report.households_created = 0
    return report


def _cancelled(session: Session, report: ImportReport) -> ImportReport:
    session.rollback()
    report.cancelled = True
    report.committed = False
    report.created = report.updated = report.unchanged = report.households_created = 0
    return report
