"""Application resources (fonts, styles, icons, translations) shipped inside the package."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Absolute path of a file below resources/, e.g. resource_path("styles", "app.qss")."""
    return ROOT.joinpath(*parts)
