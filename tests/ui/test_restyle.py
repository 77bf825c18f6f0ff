"""Dynamic properties the style sheet colours by take effect at once (restyle), for the
dashboard's cards and for form messages, without losing a widget's own style sheet."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from community_app.ui.widgets.field_state import set_flag, show_message
from community_app.ui.widgets.stat_card import StatCard


def text_colour(label: QLabel) -> str:
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def test_a_cards_number_takes_the_colour_of_its_tone(app: QApplication, qtbot: QtBot) -> None:
    card = StatCard("overdue")
    qtbot.addWidget(card)
    card.set_value(12)
    card.show()
    qtbot.waitExposed(card)
    normal = text_colour(card.value_label)
    card.set_tone("danger")
    assert text_colour(card.value_label) == "#c62828"
    card.set_tone("warning")
    assert text_colour(card.value_label) == "#b86e00"
    card.set_tone("normal")
    assert text_colour(card.value_label) == normal != "#b86e00"


def test_a_form_message_changes_colour_and_keeps_a_widgets_own_sheet(app: QApplication, qtbot: QtBot) -> None:
    label = QLabel()
    label.setObjectName("fieldMessage")
    edit = QLineEdit()
    edit.setStyleSheet("QLineEdit { padding: 3px; }")
    for widget in (label, edit):
        qtbot.addWidget(widget)
        widget.show()
    show_message(label, "号码有误", "error")
    assert text_colour(label) == "#c62828"
    show_message(label, "请核对", "warning")
    assert text_colour(label) == "#b86e00"
    set_flag(edit, "invalid", True)
    assert edit.property("invalid") is True
    assert edit.styleSheet() == "QLineEdit { padding: 3px; }"
