"""The application style sheet (resources/styles/app.qss) on top of the Fusion style,
which looks the same on every platform."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from resources import resource_path

ICONS_PLACEHOLDER = "@icons/"  # url(@icons/x.svg) in the .qss: style sheets resolve paths from the CWD


def style_sheet() -> str:
    text = resource_path("styles", "app.qss").read_text(encoding="utf-8")
    return text.replace(ICONS_PLACEHOLDER, resource_path("icons").as_posix() + "/")


def apply_style(app: QApplication, *, set_style: bool = True) -> None:
    """set_style=False when the QApplication was made with `-style fusion` already."""
    if set_style:
        app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
