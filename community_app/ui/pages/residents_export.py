"""Exporting the residents page's current list to .xlsx in the background, with progress
after half a second and Cancel (core.exporting masks, writes and audits)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.core.exporting import ExportResult, export_residents
from community_app.core.resident_query import resident_ids
from community_app.ui.workers import PROGRESS_DELAY_MS, Job, JobContext, run_in_background


def start_export(parent: QWidget, session_factory: sessionmaker[Session], user: CurrentUser,
                 rowids: Sequence[int], path: Path, description: str) -> Job:
    """Start the export of these residents (in this order) to path; the job's result is an
    ExportResult."""
    rows = list(rowids)

    def export(ctx: JobContext) -> ExportResult:
        with session_factory() as session:
            return export_residents(session, user, resident_ids(session, rows), path,
                                    filter_description=description,
                                    progress=lambda done, total: ctx.progress(done, total),
                                    cancelled=lambda: ctx.cancelled)

    job = run_in_background(export, name="export_residents", parent=parent)
    # spelt out: lupdate would read a local alias named tr as tr() with no context
    progress = QProgressDialog(QCoreApplication.translate("ResidentsPage", "正在导出居民名册…"),
                               QCoreApplication.translate("ResidentsPage", "取消"), 0, 0, parent)
    progress.setWindowTitle(QCoreApplication.translate("ResidentsPage", "导出"))
    progress.setMinimumDuration(PROGRESS_DELAY_MS)
    progress.canceled.connect(job.cancel)
    job.progress.connect(lambda done, total, _text: _advance(progress, done, total))
    job.finished.connect(progress.close)
    job.finished.connect(progress.deleteLater)
    return job


def _advance(progress: QProgressDialog, done: int, total: int) -> None:
    if total:
        progress.setMaximum(total)
        progress.setValue(min(done, total))
