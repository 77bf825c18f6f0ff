"""「语言 [简体中文 ▾]」 at the bottom of the login and first-run dialogs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from community_app.ui.i18n import LANGUAGES
from community_app.ui.widgets.named import named


class LanguageChooser(QWidget):
    """Emits language_changed(code) when the user picks another language."""

    language_changed = Signal(str)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = named(QLabel(), "languageLabel")
        self.combo = named(QComboBox(), "languageCombo")
        for code, name in LANGUAGES.items():  # each language in its own name, untranslated
            self.combo.addItem(name, code)
        self.combo.setCurrentIndex(max(0, self.combo.findData(language)))
        self.combo.currentIndexChanged.connect(self._on_chosen)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        self._retranslate()

    def _on_chosen(self, _index: int) -> None:
        self.language_changed.emit(self.combo.currentData())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.label.setText(self.tr("语言"))
