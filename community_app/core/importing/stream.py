"""The checked rows of a file, one RowOutcome per non-empty row — read and checked here,
or, for a large workbook, in a child process while this process writes.

openpyxl parses in pure Python, and checking a row costs about as much again, so on one
core an import costs reading + checking + writing. A child process reads and checks the
rows on the other core (it opens the database itself, read-only use, for the places and
tags), and this process only plans and writes what it receives. Both run the same
RowChecker, so the outcome is the same either way (tests compare them).

The child is `python -m community_app.core.importing.stream`, not a multiprocessing
Process: "spawn" re-runs the host program's main module, and forking a process that runs
Qt threads is unsafe. If it cannot start (say, a frozen build without an interpreter), the
rows are checked here instead.

The child reads its job (a pickle) from stdin and answers on stdout with pickles:
("meta", sheet, estimated_rows), lists of outcomes, ("done", fixes, trailing_empty) —
or ("error", code, message).
"""

from __future__ import annotations

import contextlib
import gc
import operator
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import IO, Any, Final, TypeVar

from sqlalchemy.orm import Session

from community_app.core.importing.headers import Layout
from community_app.core.importing.places import NewHousehold, PlaceMatch
from community_app.core.importing.reading import FileReadError, open_table
from community_app.core.importing.report import RowProblem
from community_app.core.importing.rows import CheckedRow, RowChecker
from community_app.core.residents.inputs import ResidentInput

T = TypeVar("T")
BATCH: Final = 250
MIN_BYTES: Final = 256 * 1024  # smaller workbooks are done before a process would have started
_PACKAGE_ROOT: Final = str(Path(__file__).resolve().parents[3])


@dataclass(frozen=True)  # not slotted: sent between processes, and slotted dataclasses unpickle slowly
class RowOutcome:
    row: int  # as Excel shows it
    checked: CheckedRow | None  # None: the row has an error
    problems: tuple[RowProblem, ...]
    empty_before: int  # empty lines skipped since the previous outcome


class CheckedRows:
    """Iterate for the outcomes; afterwards `fixes` and `trailing_empty` are known."""

    sheet: str
    fixes: Counter[int]
    trailing_empty: int

    def estimated_rows(self) -> int:
        raise NotImplementedError

    def __iter__(self) -> Iterator[RowOutcome]:
        raise NotImplementedError

    def close(self) -> None:
        """Stop reading (cancel) and release the file."""

    def __enter__(self) -> CheckedRows:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


# Outcomes cross the pipe as plain tuples: pickling dataclasses costs ~50 µs a row, tuples ~6.
_INPUT_FIELDS: Final = tuple(f.name for f in fields(ResidentInput))
_PROBLEM_FIELDS: Final = tuple(f.name for f in fields(RowProblem))
_input_values: Final = operator.attrgetter(*_INPUT_FIELDS)  # a tuple of them, in one call
_problem_values: Final = operator.attrgetter(*_PROBLEM_FIELDS)
# the few sets of fields rows fill, packed and unpacked once each (one object: pickle sends it once a batch)
_given_tuples: dict[frozenset[str], tuple[str, ...]] = {}
_given_sets: dict[tuple[str, ...], frozenset[str]] = {}


def _made(cls: type[T], names: tuple[str, ...], values: tuple[Any, ...]) -> T:
    """An instance of a (frozen) dataclass from its field values, the way pickle builds one."""
    obj = cls.__new__(cls)
    obj.__dict__.update(zip(names, values, strict=True))
    return obj


def encode(outcome: RowOutcome) -> tuple[Any, ...]:
    checked = outcome.checked
    packed = None
    if checked is not None:
        data, place = checked.data, checked.place
        new = place.new
        packed = (_input_values(data), place.building_id, place.household_id,
                  (new.building_id, new.unit_id, new.room, new.grid_cell_id) if new is not None else None,
                  place.grid_cell_id, _given_tuples.get(checked.given) or _given_tuple(checked.given))
    problems = tuple(map(_problem_values, outcome.problems)) if outcome.problems else ()
    return (outcome.row, packed, problems, outcome.empty_before)


def _given_tuple(given: frozenset[str]) -> tuple[str, ...]:
    packed = _given_tuples[given] = tuple(sorted(given))
    return packed


def decode(packed: tuple[Any, ...]) -> RowOutcome:
    row, checked, problems, empty = packed
    if checked is not None:
        values, building, household, new, cell, given = checked
        place = PlaceMatch(building, household, NewHousehold(*new) if new is not None else None, cell)
        fields_given = _given_sets.get(given)
        if fields_given is None:
            fields_given = _given_sets[given] = frozenset(given)
        checked = CheckedRow(row, _made(ResidentInput, _INPUT_FIELDS, values), place, fields_given)
    if problems:
        problems = tuple(_made(RowProblem, _PROBLEM_FIELDS, p) for p in problems)
    return RowOutcome(row, checked, problems, empty)


def _outcomes(checker: RowChecker, rows: Iterator[tuple[int, Any]], counts: list[int]) -> Iterator[RowOutcome]:
    """The checking loop both sides run; counts[0] ends as the empty lines after the last row."""
    empty = 0
    for number, values in rows:
        if checker.is_empty(values):
            empty += 1
            continue
        checked, problems = checker.check(number, values)
        yield RowOutcome(number, checked, tuple(problems), empty)
        empty = 0
    counts[0] = empty


class _HereRows(CheckedRows):
    def __init__(self, session: Session, path: Path, layout: Layout, community_code: str, sheet: str | None,
                 today: date) -> None:
        self._table = open_table(path, sheet)
        self.sheet = self._table.sheet
        self._layout = layout
        self._checker = RowChecker(session, community_code, layout, self._table.epoch, today=today)
        self.fixes = self._checker.fixes
        self.trailing_empty = 0

    def estimated_rows(self) -> int:
        return max(self._table.estimated_rows() - self._layout.header_last_row, 0)

    def __iter__(self) -> Iterator[RowOutcome]:
        counts = [0]
        yield from _outcomes(self._checker, self._table.rows(self._layout.data_first_row), counts)
        self.trailing_empty = counts[0]

    def close(self) -> None:
        self._table.close()


class _ChildGoneError(Exception):
    """The child ended without a word: it could not run at all."""


class _ChildRows(CheckedRows):
    def __init__(self, job: dict[str, Any]) -> None:
        self._path = Path(job["path"])
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH")) if p))
        self._process = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        assert self._process.stdin is not None and self._process.stdout is not None
        self._pipe: IO[bytes] = self._process.stdout
        with contextlib.suppress(BrokenPipeError):
            pickle.dump(job, self._process.stdin)
            self._process.stdin.close()
        self.fixes = Counter()
        self.trailing_empty = 0
        self._meta: tuple[Any, ...] | None = None
        self._inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._drain: threading.Thread | None = None

    def _receive(self) -> Any:
        try:
            message = pickle.load(self._pipe)
        except (EOFError, pickle.UnpicklingError, OSError) as exc:
            raise _ChildGoneError() from exc
        if isinstance(message, tuple) and message[0] == "error":
            raise FileReadError(message[1], message[2])
        return message

    def start(self) -> None:
        """Waits for the child's first word: the file is open. Raises _ChildGoneError.
        Then a thread keeps the pipe drained, so the child never waits for this process
        (which spends seconds at a time writing to the database)."""
        self._meta = self._receive()
        self.sheet = self._meta[1]
        self._drain = threading.Thread(target=self._keep_receiving, name="import-rows", daemon=True)
        self._drain.start()

    def _keep_receiving(self) -> None:
        while True:
            try:
                message = self._receive()
            except (_ChildGoneError, FileReadError) as stopped:
                self._inbox.put(stopped)
                return
            self._inbox.put(message)
            if isinstance(message, tuple):  # ("done", …)
                return

    def estimated_rows(self) -> int:
        assert self._meta is not None
        return int(self._meta[2])

    def __iter__(self) -> Iterator[RowOutcome]:
        while True:
            message = self._inbox.get()
            if isinstance(message, FileReadError):
                raise message
            if isinstance(message, _ChildGoneError):
                raise FileReadError("reader_failed", f"读取「{self._path.name}」时读取程序意外退出。"
                                    "请确认文件完整，或另存为新的.xlsx文件后重试。") from message
            if isinstance(message, tuple):  # ("done", fixes, trailing_empty)
                self.fixes = Counter(message[1])
                self.trailing_empty = message[2]
                return
            for packed in message:
                yield decode(packed)

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()  # cancelled, or failed here: the rest of the file is not needed
        if self._drain is not None:
            self._drain.join(timeout=30)  # it stops at the end of the pipe
        self._pipe.close()
        self._process.wait(timeout=30)


def checked_rows(session: Session, path: Path | str, layout: Layout, community_code: str, *,
                 sheet: str | None = None, today: date) -> CheckedRows:
    """The outcomes of the file's data rows, from a child process when that pays off."""
    path = Path(path)
    database = _database_file(session)
    if database is not None and _worth_a_process(path):
        job = {"path": str(path), "sheet": sheet, "layout": layout, "community": community_code, "today": today,
               "database": str(database)}
        try:
            child = _ChildRows(job)
        except OSError:  # no interpreter to start
            return _HereRows(session, path, layout, community_code, sheet, today)
        try:
            child.start()
            return child
        except _ChildGoneError:
            child.close()
        except BaseException:
            child.close()
            raise
    return _HereRows(session, path, layout, community_code, sheet, today)


def _database_file(session: Session) -> Path | None:
    url = session.get_bind().url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _worth_a_process(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            is_zip = f.read(4) == b"PK\x03\x04"
        return is_zip and path.stat().st_size >= MIN_BYTES
    except OSError:
        return False  # open_table says what is wrong


def _serve(job: dict[str, Any], out: IO[bytes]) -> None:
    """The child's work: check the rows of the file and send the outcomes to `out`."""
    from db.engine import make_engine

    def send(message: object) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)

    gc.disable()  # a short-lived process making millions of objects: collecting them is wasted time
    engine = make_engine(job["database"])
    try:
        with Session(engine) as session:
            rows = _HereRows(session, Path(job["path"]), job["layout"], job["community"], job["sheet"], job["today"])
            with rows:
                send(("meta", rows.sheet, rows.estimated_rows()))
                batch: list[tuple[Any, ...]] = []
                for outcome in rows:
                    batch.append(encode(outcome))
                    if len(batch) >= BATCH:
                        send(batch)
                        batch = []
                send(batch)
                send(("done", dict(rows.fixes), rows.trailing_empty))
    except FileReadError as refused:
        send(("error", refused.code, refused.message))
    finally:
        engine.dispose()
        out.flush()


if __name__ == "__main__":
    # the outcomes must be pickled as the importer knows them, not as __main__'s classes
    from community_app.core.importing import stream

    # pickles go to the real stdout; a stray print goes to stderr instead
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=1 << 16)
    sys.stdout = sys.stderr
    try:
        stream._serve(pickle.load(sys.stdin.buffer), channel)
    except BrokenPipeError:
        pass  # the importer stopped listening (cancelled)
    finally:
        with contextlib.suppress(BrokenPipeError):
            channel.close()
