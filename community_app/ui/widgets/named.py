"""Give a widget an object name inline: the style sheet and the tests find widgets by it."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

T = TypeVar("T", bound=QObject)


def named(obj: T, name: str) -> T:
    obj.setObjectName(name)
    return obj
