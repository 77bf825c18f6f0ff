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


def test_the_app_starts_with_fusion_without_building_pyside_s_style_wrapper() -> None:
    """Fusion comes through Qt's -style argument: setStyle() from Python would build PySide's
    QStyle wrapper (its enums) at every start."""
    import os
    import subprocess
    import sys

    script = ("import enum\n"
              "made = []\n"
              "real = enum.EnumType._create_\n"
              "def create(cls, name, *a, **k):\n"
              "    made.append(name)\n"
              "    return real(cls, name, *a, **k)\n"
              "enum.EnumType._create_ = create\n"
              "from community_app.ui.application import create_application\n"
              "app = create_application()\n"
              "wrapper_built = bool({'PixelMetric', 'ControlElement', 'SubElement'} & set(made))\n"
              "app.setStyleSheet('')  # the style under the sheet\n"
              "print(app.style().name(), wrapper_built)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120,
                         check=True).stdout.split()
    assert out == ["fusion", "False"]
