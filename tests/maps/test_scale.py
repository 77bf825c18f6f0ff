"""The colour scale of open requests: every count falls in exactly one class, light to dark."""

from __future__ import annotations

from community_app.maps.scale import OPEN_REQUEST_CLASSES, color_for


def test_classes_cover_every_count_once() -> None:
    for count in range(0, 200):
        assert sum(c.contains(count) for c in OPEN_REQUEST_CLASSES) == 1, count


def test_boundaries_and_labels() -> None:
    assert [c.label for c in OPEN_REQUEST_CLASSES] == ["0", "1–2", "3–5", "6–10", "11–20", "21+"]
    assert [color_for(n) for n in (0, 1, 2, 3, 5, 6, 10, 11, 20, 21, 5000)] == [
        "#fff5f0", "#fcbba1", "#fcbba1", "#fc9272", "#fc9272", "#fb6a4a", "#fb6a4a", "#de2d26", "#de2d26",
        "#a50f15", "#a50f15",
    ]


def _luminance(color: str) -> float:
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_more_open_requests_is_darker() -> None:
    lum = [_luminance(c.color) for c in OPEN_REQUEST_CLASSES]
    assert lum == sorted(lum, reverse=True) and len(set(lum)) == len(lum)
