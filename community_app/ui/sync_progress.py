"""The first sync of a new device downloads the whole community (200k residents on a street):
a progress dialog with Cancel. Cancelling keeps what arrived; the next run continues from
the stored cursor. Shown only when the run lasts longer than half a second."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from community_app.ui.sync_controller import SyncController
from community_app.ui.widgets.named import named
from community_app.ui.workers import PROGRESS_DELAY_MS


class FirstSyncDialog(QDialog):
    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstSyncDialog")
        self.setWindowTitle(self.tr("首次同步"))
        self.setWindowModality(Qt.WindowModality.NonModal)  # the user may keep working meanwhile
        self.controller = controller
        self.title_label = named(QLabel(self.tr("正在从城市平台下载本社区的数据")), "dialogTitle")
        self.hint_label = named(QLabel(self.tr(
            "第一次同步需要下载较多数据，请保持网络连接。可以随时取消，已下载的部分会保存，下次从中断处继续。")),
            "hintText")
        self.hint_label.setWordWrap(True)
        self.bar = named(QProgressBar(), "firstSyncProgress")
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.detail_label = named(QLabel(self.tr("正在连接城市平台…")), "firstSyncDetail")
        self.cancel_button = named(QPushButton(self.tr("取消")), "cancelButton")
        self.cancel_button.clicked.connect(self._cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)
        controller.progress.connect(self._on_progress)
        controller.running_changed.connect(self._on_running)

    def show_if_slow(self) -> None:
        QTimer.singleShot(PROGRESS_DELAY_MS, self, self._show_if_running)

    def _show_if_running(self) -> None:
        if self.controller.running:
            self.show()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if text:
            self.detail_label.setText(text)

    def _cancel(self) -> None:
        self.controller.cancel()
        self.cancel_button.setEnabled(False)
        self.detail_label.setText(self.tr("正在停止，已下载的部分会保存…"))

    def _on_running(self, running: bool) -> None:
        if not running:
            self.close()
            self.deleteLater()
