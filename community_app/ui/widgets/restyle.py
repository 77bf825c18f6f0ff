"""Re-apply the style sheet to a widget whose dynamic properties changed (the app's .qss
colours by them: tone, invalid, error …); Qt does not notice a property change by itself."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# a sheet without rules: giving a widget one (or its own again) makes Qt re-polish it and its children
RULELESS_SHEET = "/* re-polish */"


def restyle(widget: QWidget) -> None:
    """Re-polish widget and its children. Done by setting its own style sheet again, in C++:
    style().unpolish/polish would make PySide build its QStyle wrapper (≈10 ms of enum
    creation) the first time, on the dashboard's way to its first numbers."""
    widget.setStyleSheet(widget.styleSheet() or RULELESS_SHEET)
