"""What openpyxl's read-only mode reads from a workbook: the reference our sheet reader is
held to (test_reading, test_sheet_fast_paths)."""

from __future__ import annotations

import warnings
from pathlib import Path

from openpyxl import load_workbook


def openpyxl_rows(path: Path) -> list[tuple[object, ...]]:
    """The active sheet's rows as values, as openpyxl gives them (its warnings about styles
    it does not know are not ours)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.active
        ws.reset_dimensions()  # type: ignore[union-attr]
        return [tuple(r) for r in ws.iter_rows(values_only=True)]  # type: ignore[union-attr]
    finally:
        wb.close()
