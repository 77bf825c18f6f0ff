"""What the import wizard shows before anything is written: the file's layout (sheets,
header, suggested column mapping, sample values) and a checked preview of the first rows.

Both return frozen dataclasses of plain values, safe to hand from a worker thread to the
GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from community_app.core import localtime
from community_app.core.importing.headers import HEAD_ROWS, Layout, detect_layout
from community_app.core.importing.reading import Value, open_table
from community_app.core.importing.report import ERROR, RowProblem, masked_value
from community_app.core.importing.rows import RowChecker

PREVIEW_ROWS: Final = 50
SAMPLES: Final = 3


@dataclass(frozen=True)
class Analysis:
    path: Path
    kind: str  # "xlsx" / "csv"
    encoding: str | None  # of a CSV file
    sheet_names: tuple[str, ...]
    sheet: str
    layout: Layout
    samples: tuple[tuple[str, ...], ...]  # per column: the first few values below the header (masked)
    estimated_rows: int  # data rows the file declares (xlsx) or holds (csv)


@dataclass(frozen=True)
class PreviewRow:
    row: int  # as Excel shows it
    values: tuple[str, ...]  # per column of the layout, as text (ID numbers and phones masked)
    problems: tuple[RowProblem, ...]

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    def error_columns(self, layout: Layout) -> set[int]:
        """Indexes of the columns whose cells have an error (the preview paints them red)."""
        by_field = {c.field: c.index for c in layout.columns if c.field is not None}
        return {by_field[p.field] for p in self.problems if p.severity == ERROR and p.field in by_field}


@dataclass(frozen=True)
class Preview:
    rows: tuple[PreviewRow, ...]
    empty_rows: int  # skipped among the previewed lines


def display(value: Value, field: str | None) -> str:
    """A cell as the preview shows it: as Excel shows it, ID numbers and phones masked."""
    return masked_value(field, value)


def analyse(path: Path | str, sheet: str | None = None) -> Analysis:
    """Open the file, find its header and suggest what each column is (FileReadError if unreadable)."""
    path = Path(path)
    with open_table(path, sheet) as table:
        head = table.head(HEAD_ROWS + SAMPLES)
        layout = detect_layout(head[:HEAD_ROWS], table.merged_ranges())
        fields = {c.index: c.field for c in layout.columns}
        below = [values for number, values in head if number > layout.header_last_row and any(
            v is not None and str(v).strip() for v in values)][:SAMPLES]
        samples = tuple(
            tuple(display(values[c.index] if c.index < len(values) else None, fields[c.index]) for values in below)
            for c in layout.columns
        )
        return Analysis(path, table.kind, table.encoding, tuple(table.sheet_names), table.sheet, layout, samples,
                        max(table.estimated_rows() - layout.header_last_row, 0))


def preview(session: Session, path: Path | str, layout: Layout, community_code: str, *, sheet: str | None = None,
            count: int = PREVIEW_ROWS, today: date | None = None) -> Preview:
    """The first `count` data rows, checked like the import will check them (nothing is written)."""
    with open_table(Path(path), sheet) as table:
        checker = RowChecker(session, community_code, layout, table.epoch, today=today or localtime.today())
        fields = {c.index: c.field for c in layout.columns}
        rows: list[PreviewRow] = []
        empty = 0
        for number, values in table.rows(layout.data_first_row):
            if checker.is_empty(values):
                empty += 1
                continue
            _checked, problems = checker.check(number, values)
            texts = tuple(display(values[c.index] if c.index < len(values) else None, fields[c.index])
                          for c in layout.columns)
            rows.append(PreviewRow(number, texts, tuple(problems)))
            if len(rows) >= count:
                break
    session.rollback()  # only reads happened; end the read transaction
    return Preview(tuple(rows), empty)
