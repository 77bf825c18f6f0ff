"""Icons shipped in resources/icons (SVG, drawn for this project)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from resources import resource_path


def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))
