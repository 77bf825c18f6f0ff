"""Unexpected errors: log the traceback, tell the user in plain words (no traceback dialog)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("community_app.unexpected")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class ErrorReporter:
    """sys.excepthook replacement. interactive=False (headless screenshot) only logs."""

    def __init__(self, log_file: Path, *, interactive: bool = True) -> None:
        self.log_file = log_file
        self.interactive = interactive
        self.count = 0
        self._showing = False
        self._previous: ExceptHook | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        self.count += 1
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        if not self.interactive or self._showing or QApplication.instance() is None:
            return
        self._showing = True  # an error inside the message box must not open another one
        try:
            self.message_box().exec()
        finally:
            self._showing = False

    def message_box(self) -> QMessageBox:
        box = QMessageBox()
        box.setObjectName("unexpectedErrorDialog")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("ErrorReporter", "出现意外问题"))
        box.setText(QCoreApplication.translate("ErrorReporter", "刚才的操作没有完成，程序遇到了意外的问题。"))
        box.setInformativeText(QCoreApplication.translate(
            "ErrorReporter",
            "已经保存的数据不受影响。您可以重试刚才的操作；如果问题反复出现，"
            "请联系系统管理员，并把下面这个日志文件交给他：\n%1",
        ).replace("%1", str(self.log_file)))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return box


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_qt_log = logging.getLogger("qt")


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    _qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def route_qt_messages_to_log() -> None:
    """Qt's own warnings go to the log file instead of a console the user never sees."""
    qInstallMessageHandler(_qt_message)
