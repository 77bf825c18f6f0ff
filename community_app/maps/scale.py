"""The colour scale for open service requests per grid cell, shared by the map and its legend.

Fixed classes rather than classes fitted to today's numbers: a supervisor learns that dark
red means "more than 20 open", and the colours of two days or two communities compare.
Colours are ColorBrewer's sequential "Reds" (colour-blind safe, prints in grey scale).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ColorClass:
    low: int
    high: int | None  # None: no upper bound
    color: str  # CSS hex

    def contains(self, count: int) -> bool:
        return count >= self.low and (self.high is None or count <= self.high)

    @property
    def label(self) -> str:
        """"0", "1–2", "21+" — digits only, so the legend needs no translation."""
        if self.high is None:
            return f"{self.low}+"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


OPEN_REQUEST_CLASSES: tuple[ColorClass, ...] = (
    ColorClass(0, 0, "#fff5f0"),
    ColorClass(1, 2, "#fcbba1"),
    ColorClass(3, 5, "#fc9272"),
    ColorClass(6, 10, "#fb6a4a"),
    ColorClass(11, 20, "#de2d26"),
    ColorClass(21, None, "#a50f15"),
)


def color_for(open_requests: int) -> str:
    for color_class in OPEN_REQUEST_CLASSES:
        if color_class.contains(open_requests):
            return color_class.color
    return OPEN_REQUEST_CLASSES[0].color  # negative counts cannot happen; draw them as none

