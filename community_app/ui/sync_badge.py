"""The per-record sync state pill (已同步 / 待同步 / 同步出错 / 同步冲突) for record pages that
use the request badges' palette; the resident page styles its own through app.qss."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from community_app.ui.sync_texts import state_name
from community_app.ui.widgets.request_badges import Badge, Tone

SYNC_TONES: dict[str, Tone] = {
    "synced": Tone("#1E6B3A", "#E8F5EC", "#B7DEC3"),
    "waiting": Tone("#8A5300", "#FFFFFF", "#F0CF95"),
    "local": Tone("#8A5300", "#FFFFFF", "#F0CF95"),
    "error": Tone("#C62828", "#FDECEC", "#F3B8B8"),
    "conflict": Tone("#C62828", "#FDECEC", "#F3B8B8"),
}


class SyncBadge(Badge):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(SYNC_TONES, "syncBadge", parent)
        self.setToolTip(self.tr("与城市平台的同步状态"))

    def set_state(self, state: str) -> None:
        self.set_code(state, state_name(state))
