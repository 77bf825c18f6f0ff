"""The blue panel on the left of the login and first-run dialogs: logo, product name,
motto and a note at the bottom. It translates itself on a language change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from community_app.ui.icons import icon
from community_app.ui.widgets.named import named

WIDTH = 300


class BrandPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginBrand")
        self.setFixedWidth(WIDTH)
        self.title = named(QLabel(), "brandTitle")
        self.subtitle = named(QLabel(), "brandSubtitle")
        self.note = named(QLabel(), "brandNote")
        for label in (self.title, self.subtitle, self.note):
            label.setWordWrap(True)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(QSize(72, 72)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 48, 32, 32)
        layout.setSpacing(14)
        layout.addWidget(logo)
        layout.addSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addStretch(1)
        layout.addWidget(self.note)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("智慧社区\n网格化管理平台"))
        self.subtitle.setText(self.tr("一网通管 · 网格服务 · 特殊群体关爱"))
        self.note.setText(self.tr("数据保存在本机，断网时也能正常工作。"))
