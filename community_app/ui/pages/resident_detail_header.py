"""The head of the resident page: a name badge, the name with status, category and sync
badges, the one-line summary (sex, age, birth date, ethnicity), and the actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from community_app.core.residents import ResidentDetail
from community_app.ui.widgets.field_state import set_flag
from community_app.ui.widgets.named import named

SEPARATOR = "  ·  "


class DetailHeader(QFrame):
    def __init__(self, *, can_edit: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailHeader")
        self.setProperty("card", True)
        self.avatar = named(QLabel(), "avatar")
        self.avatar.setFixedSize(64, 64)
        self.avatar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = named(QLabel(), "detailName")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_badge = named(QLabel(), "statusBadge")
        self.type_badge = named(QLabel(), "typeBadge")
        self.sync_badge = named(QLabel(), "syncBadge")
        self.summary_label = named(QLabel(), "detailSummary")
        self.edit_button = named(QPushButton(), "primaryButton")
        self.move_out_button = QPushButton()
        self.move_out_button.setObjectName("moveOutButton")
        self.death_button = named(QPushButton(), "dangerButton")
        self.actions = (self.edit_button, self.move_out_button, self.death_button)
        for button in self.actions:
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setVisible(can_edit)
        self._sync_state = "local"

        name_row = QHBoxLayout()
        name_row.setSpacing(10)
        name_row.addWidget(self.name_label)
        for badge in (self.status_badge, self.type_badge, self.sync_badge):
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            name_row.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        name_row.addStretch(1)
        texts = QVBoxLayout()
        texts.setSpacing(6)
        texts.addLayout(name_row)
        texts.addWidget(self.summary_label)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        for button in self.actions:
            buttons.addWidget(button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(18)
        layout.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(texts, 1)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.edit_button.setText(self.tr("编辑"))
        self.move_out_button.setText(self.tr("迁出"))
        self.death_button.setText(self.tr("死亡注销"))
        self.edit_button.setToolTip(self.tr("修改这位居民的档案"))
        self.move_out_button.setToolTip(self.tr("登记迁出：档案保留，状态改为“已迁出”"))
        self.death_button.setToolTip(self.tr("登记死亡：档案保留，状态改为“已故”"))

    def sync_names(self) -> dict[str, str]:
        return {"synced": self.tr("已同步"), "waiting": self.tr("待同步"), "error": self.tr("同步出错"),
                "conflict": self.tr("同步冲突"), "local": self.tr("未同步")}

    def fill(self, d: ResidentDetail, sex_names: dict[str, str], status_names: dict[str, str],
             residence_names: dict[str, str]) -> None:
        self.avatar.setText(d.name[:1])
        set_flag(self.avatar, "sex", d.sex)
        self.name_label.setText(d.name)
        self.status_badge.setText(status_names.get(d.status, d.status_name))
        set_flag(self.status_badge, "status", d.status)
        self.type_badge.setText(residence_names.get(d.residence_type, d.residence_type_name))
        self.sync_badge.setText(self.sync_names().get(d.sync_state, d.sync_state))
        set_flag(self.sync_badge, "state", d.sync_state)
        parts = [sex_names.get(d.sex, d.sex_name)]
        if d.age is not None:
            parts.append(self.tr("%1岁").replace("%1", str(d.age)))
        if d.birth_date is not None:
            parts.append(self.tr("%1 出生").replace("%1", d.birth_date.isoformat()))
        if d.ethnicity:
            parts.append(d.ethnicity)
        if d.relation_to_head:
            parts.append(self.tr("与户主关系：%1").replace("%1", d.relation_to_head))
        self.summary_label.setText(SEPARATOR.join(parts))

    def set_actions(self, status: str) -> None:
        """迁出 only for someone on the register; 死亡注销 also for someone who moved out."""
        self.move_out_button.setEnabled(status == "active")
        self.death_button.setEnabled(status in ("active", "moved_out"))
