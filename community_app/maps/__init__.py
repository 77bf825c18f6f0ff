"""The offline grid map: folium HTML with local Leaflet assets. No Qt here; the UI shows
the page in community_app.ui.map_view.

Importing the package is cheap: build_map and render_map_html (folium, shapely) load on
first use, so the app's start-up does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from community_app.maps.model import (
    BRIDGE_OBJECT,
    DATA_ID,
    HTML_NAME,
    QWEBCHANNEL_URL,
    MapBuild,
    MapSettings,
    MapTexts,
)
from community_app.maps.scale import OPEN_REQUEST_CLASSES, ColorClass, color_for

if TYPE_CHECKING:
    from community_app.maps.builder import build_map, render_map_html

_LAZY = ("build_map", "render_map_html")

__all__ = [
    "BRIDGE_OBJECT",
    "DATA_ID",
    "HTML_NAME",
    "OPEN_REQUEST_CLASSES",
    "QWEBCHANNEL_URL",
    "ColorClass",
    "MapBuild",
    "MapSettings",
    "MapTexts",
    "build_map",
    "color_for",
    "render_map_html",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from community_app.maps import builder

        return getattr(builder, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
