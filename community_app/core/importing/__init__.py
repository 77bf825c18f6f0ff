"""Importing residents from .xlsx and .csv files (the import wizard's core).

    analysis = analyse(path)                       # sheets, header, suggested mapping
    layout = analysis.layout.with_fields([...])    # the user's mapping
    shown = preview(session, path, layout, community_code)
    report = run_import(session, user, path, layout, mode=VALID_ONLY, progress=..., cancelled=...)
    save_report(report, "报告.xlsx")

Modules: reading (xlsx/csv rows), headers (finding the header, recognising columns), cells
(cleaning cells, recognising Excel damage), places (finding households), rows (checking a
row), stream (checking rows, in a child process for large files), writer (bulk writes equal to
create_resident), bulk_indexes (indexes dropped and built again around a large insert), run
(the transaction), report, analysis (what the wizard shows first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from community_app.core.importing.analysis import Analysis, Preview, PreviewRow, analyse, preview
    from community_app.core.importing.headers import (
        FIELD_LABELS,
        FIELDS,
        Column,
        Layout,
        detect_layout,
        recognise_header,
    )
    from community_app.core.importing.reading import FileReadError, open_table
    from community_app.core.importing.report import ImportReport, RowProblem, save_report
    from community_app.core.importing.run import ALL_OR_NOTHING, MODES, VALID_ONLY, run_import

# loaded on first use, so that importing one module does not load them all
_HOMES = {
    "headers": ("FIELD_LABELS", "FIELDS", "Column", "Layout", "detect_layout", "recognise_header"),
    "analysis": ("Analysis", "Preview", "PreviewRow", "analyse", "preview"),
    "reading": ("FileReadError", "open_table"),
    "report": ("ImportReport", "RowProblem", "save_report"),
    "run": ("ALL_OR_NOTHING", "MODES", "VALID_ONLY", "run_import"),
}


def __getattr__(name: str) -> Any:
    import importlib

    for module, names in _HOMES.items():
        if name in names:
            return getattr(importlib.import_module(f"community_app.core.importing.{module}"), name)
    raise AttributeError(f"module 'community_app.core.importing' has no attribute {name!r}")


__all__ = [
    "ALL_OR_NOTHING",
    "FIELDS",
    "FIELD_LABELS",
    "MODES",
    "VALID_ONLY",
    "Analysis",
    "Column",
    "FileReadError",
    "ImportReport",
    "Layout",
    "Preview",
    "PreviewRow",
    "RowProblem",
    "analyse",
    "detect_layout",
    "open_table",
    "preview",
    "recognise_header",
    "run_import",
    "save_report",
]
