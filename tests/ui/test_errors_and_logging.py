"""Unexpected errors: logged with the traceback, shown in plain words without one.
Logs go to a rotating file in the log folder."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from community_app import logging_setup, paths
from community_app.app import _needs_offscreen, parse_args
from community_app.ui.errors import ErrorReporter


@pytest.fixture
def log_file(app_home: Path) -> Iterator[Path]:
    path = logging_setup.setup_logging()
    yield path
    logging_setup.shutdown_logging()


def test_logs_go_to_a_rotating_file_in_the_log_folder(log_file: Path, app_home: Path) -> None:
    assert log_file == paths.log_dir() / paths.LOG_FILE_NAME
    assert log_file.is_relative_to(app_home)
    rotating = logging.handlers.RotatingFileHandler
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, rotating)]
    assert len(handlers) == 1 and handlers[0].maxBytes > 0 and handlers[0].backupCount > 0
    logging.getLogger("community_app.test").warning("hello log")
    handlers[0].flush()
    assert "hello log" in log_file.read_text(encoding="utf-8")


def test_an_unexpected_error_is_logged_and_explained_without_a_traceback(
    app: QApplication, log_file: Path
) -> None:
    reporter = ErrorReporter(log_file)
    shown: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        shown.append("\n".join([box.windowTitle(), box.text(), box.informativeText(), box.detailedText()]))
        box.accept()

    QTimer.singleShot(0, answer)
    try:
        raise KeyError("secret-internal-detail")
    except KeyError as exc:
        reporter(type(exc), exc, exc.__traceback__)

    assert reporter.count == 1
    text = shown[0]
    assert "刚才的操作没有完成" in text and "请联系系统管理员" in text and str(log_file) in text
    assert "Traceback" not in text and "secret-internal-detail" not in text and "KeyError" not in text
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "KeyError" in logged


def test_headless_errors_are_only_logged(app: QApplication, log_file: Path) -> None:
    reporter = ErrorReporter(log_file, interactive=False)
    try:
        raise RuntimeError("x")
    except RuntimeError as exc:
        reporter(type(exc), exc, exc.__traceback__)  # would block here if it opened a dialog
    assert reporter.count == 1


def test_command_line() -> None:
    args = parse_args(["--demo", "--lang", "en", "--screenshot", "a.png", "--page", "login"])
    assert args.demo and args.lang == "en" and args.screenshot == Path("a.png") and args.page == "login"
    assert parse_args([]).page == "dashboard"
    with pytest.raises(SystemExit):
        parse_args(["--lang", "fr"])


def test_default_databases_live_in_the_data_folder(app_home: Path) -> None:
    assert paths.default_db_path() == paths.data_dir() / "community.sqlite"
    assert paths.default_db_path(demo=True) == paths.data_dir() / "demo.sqlite"
    assert paths.data_dir().is_relative_to(app_home)


def test_offscreen_is_chosen_only_without_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    assert _needs_offscreen()
    monkeypatch.setenv("DISPLAY", ":0")
    assert not _needs_offscreen()
