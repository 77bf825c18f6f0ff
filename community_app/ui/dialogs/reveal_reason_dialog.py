"""查看完整信息: asks why an ID number or phone is to be shown in full. The reason is required
and goes into the audit log with who, when and whose record; a few everyday reasons are one
click away, anything else is typed.

Opened with open() (window-modal, non-blocking) so the caller continues in `accepted`;
reason() is the cleaned text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from community_app.ui.dialogs.dialog_layout import button_row, dialog_column
from community_app.ui.widgets.named import named

REASON_MIN = 2  # as core.residents.privacy.REASON_MIN: a word, not a stray key
REASON_MAX = 100


def clean_reason(text: str) -> str:
    return " ".join(text.split())


class RevealReasonDialog(QDialog):
    """what: e.g. "身份证号码"; whose: the resident's name (shown, never logged)."""

    def __init__(self, what: str, whose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revealReasonDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._what = what
        self._whose = whose

        self.heading = named(QLabel(), "dialogHeading")
        self.body = named(QLabel(), "dialogBody")
        self.body.setWordWrap(True)
        self.preset_label = named(QLabel(), "dialogHint")
        self.preset_buttons: list[QPushButton] = [named(QPushButton(), "reasonPreset") for _ in range(3)]
        self._presets = QButtonGroup(self)
        self._presets.setExclusive(True)
        for button in self.preset_buttons:
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            self._presets.addButton(button)
            button.clicked.connect(self._preset_chosen)
        self.reason_edit = named(QLineEdit(), "reasonEdit")
        self.reason_edit.setMaxLength(REASON_MAX)
        self.reason_edit.textEdited.connect(self._typed)
        self.message = named(QLabel(), "fieldMessage")
        self.message.setWordWrap(True)
        self.audit_note = named(QLabel(), "auditNote")
        self.audit_note.setWordWrap(True)
        self.ok_button = named(QPushButton(), "primaryButton")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self._build()
        self._retranslate()
        self._update_ok()
        self.reason_edit.setFocus()

    def _build(self) -> None:
        presets = QHBoxLayout()
        presets.setSpacing(8)
        for button in self.preset_buttons:
            presets.addWidget(button)
        presets.addStretch(1)
        dialog_column(self, [self.heading, self.body, 4, self.preset_label, presets, self.reason_edit, self.message,
                             self.audit_note, 6, button_row(self.cancel_button, self.ok_button)])
        self.setMinimumWidth(520)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("查看完整信息"))
        self.heading.setText(self.tr("查看完整%1").replace("%1", self._what))
        self.body.setText(self.tr("将显示居民“%1”的完整%2，仅在本页面显示，离开后重新隐藏。")
                          .replace("%1", self._whose).replace("%2", self._what))
        self.preset_label.setText(self.tr("查看理由（必填）："))
        for button, text in zip(self.preset_buttons, self.preset_reasons(), strict=True):
            button.setText(text)
        self.reason_edit.setPlaceholderText(self.tr("选择上面的常用理由，或在此填写"))
        self.message.setText(self.tr("请填写理由（至少%1个字）。").replace("%1", str(REASON_MIN)))
        self.audit_note.setText(self.tr("查看操作将记入审计日志：查看人、时间、查看了谁的哪项信息以及理由。"))
        self.ok_button.setText(self.tr("显示"))
        self.cancel_button.setText(self.tr("取消"))

    def preset_reasons(self) -> list[str]:
        return [self.tr("入户走访核实"), self.tr("办理业务需要"), self.tr("联系本人")]

    def _preset_chosen(self) -> None:
        button = self._presets.checkedButton()
        if button is not None:
            self.reason_edit.setText(button.text())
        self._update_ok()

    def _typed(self, _text: str) -> None:
        # typing something else is no longer the preset: un-check it so the chips tell the truth
        checked = self._presets.checkedButton()
        if checked is not None and checked.text() != self.reason_edit.text():
            self._presets.setExclusive(False)
            checked.setChecked(False)
            self._presets.setExclusive(True)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = len(self.reason()) >= REASON_MIN
        self.ok_button.setEnabled(ok)
        self.message.setVisible(not ok)

    def reason(self) -> str:
        return clean_reason(self.reason_edit.text())

    def accept(self) -> None:
        if len(self.reason()) >= REASON_MIN:  # Enter in the line edit also lands here
            super().accept()
