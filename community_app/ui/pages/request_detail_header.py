"""The head of the request page: ticket number and title, the stage, deadline and urgency
badges with the working time left, what the clock waits for, and one button per action
core allows this user now (core.workflow.allowed_actions) — no other button is drawn."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from community_app.core.requests import RequestDetail
from community_app.core.workflow import ActionInfo
from community_app.ui.i18n import stage_name
from community_app.ui.request_texts import (
    ACTION_NAMES,
    BACKWARD_ACTIONS,
    DEADLINE_NAMES,
    SIDE_ACTIONS,
    URGENCY_NAMES,
    name_of,
    remaining_text,
)
from community_app.ui.sync_badge import SyncBadge
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.field_state import set_flag
from community_app.ui.widgets.named import named
from community_app.ui.widgets.request_badges import (
    DEADLINE_TONES,
    NOTICE_TONE,
    STAGE_TONES,
    URGENCY_TONES,
    Badge,
    tone_sheet,
)


class RequestHeader(QFrame):
    action_clicked = Signal(str)  # the action code
    link_activated = Signal(str)  # a request id (merged into / merged here)
    print_requested = Signal()  # 打印办理单: the dossier of the request shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestHeader")
        self.setProperty("card", True)
        self.ticket_label = named(QLabel(), "detailTicket")
        self.ticket_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = named(QPushButton(), "printDossierButton")
        self.print_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.print_button.clicked.connect(self.print_requested)
        self.title_label = named(QLabel(), "detailName")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stage_badge = Badge(STAGE_TONES, "stageBadge")
        self.deadline_badge = Badge(DEADLINE_TONES, "deadlineBadge")
        self.urgency_badge = Badge(URGENCY_TONES, "urgencyBadge")
        self.escalation_badge = named(QLabel(), "escalationBadge")
        self.rework_badge = named(QLabel(), "reworkBadge")
        self.sync_badge = SyncBadge()
        for badge in (self.escalation_badge, self.rework_badge):
            badge.setStyleSheet(tone_sheet(NOTICE_TONE))
        self.remaining_label = named(QLabel(), "deadlineText")
        self.notice_label = named(QLabel(), "pendingNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextFormat(Qt.TextFormat.RichText)
        self.notice_label.linkActivated.connect(self.link_activated)
        self.actions_title = named(QLabel(), "actionsTitle")
        self.no_actions_label = named(QLabel(), "emptyText")
        self.no_actions_label.setWordWrap(True)
        self.actions_box = named(QWidget(), "actionButtons")
        # a row, not a flow layout (see PhotoStrip): at most five actions are allowed at once
        self._row = QHBoxLayout(self.actions_box)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(10)
        self.action_buttons: dict[str, QPushButton] = {}

        badges = QHBoxLayout()
        badges.setSpacing(8)
        for badge in (self.stage_badge, self.deadline_badge, self.urgency_badge, self.escalation_badge,
                      self.rework_badge, self.sync_badge):
            badges.addWidget(badge)
        badges.addSpacing(6)
        badges.addWidget(self.remaining_label)
        badges.addStretch(1)
        rule = named(QFrame(), "headerRule")
        rule.setFrameShape(QFrame.Shape.HLine)
        actions = QHBoxLayout()
        actions.setSpacing(12)
        actions.addWidget(self.actions_title, 0, Qt.AlignmentFlag.AlignTop)
        actions.addWidget(self.actions_box, 1)
        actions.addWidget(self.no_actions_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(8)
        ticket_row = QHBoxLayout()
        ticket_row.addWidget(self.ticket_label, 1)
        ticket_row.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(ticket_row)
        layout.addWidget(self.title_label)
        layout.addLayout(badges)
        layout.addWidget(self.notice_label)
        layout.addSpacing(4)
        layout.addWidget(rule)
        layout.addSpacing(4)
        layout.addLayout(actions)

    def fill(self, d: RequestDetail) -> None:
        self.ticket_label.setText(self.tr("诉求编号  %1").replace("%1", d.ticket_no))
        self.title_label.setText(d.title)
        self.stage_badge.set_code(d.stage, stage_name(d.stage))
        self.deadline_badge.set_code(d.deadline.state, name_of(DEADLINE_NAMES, d.deadline.state, d.deadline.name))
        self.urgency_badge.set_code(d.urgency, name_of(URGENCY_NAMES, d.urgency, d.urgency_name))
        self.urgency_badge.setVisible(d.urgency == "urgent")
        self.escalation_badge.setText(self.tr("督办 %1 次").replace("%1", str(d.escalation_count)))
        self.escalation_badge.setVisible(d.escalation_count > 0)
        self.rework_badge.setText(self.tr("返工 %1 次").replace("%1", str(d.rework_count)))
        self.rework_badge.setVisible(d.rework_count > 0)
        parts = [remaining_text(d.deadline)]
        if d.due_at is not None and d.deadline.state != "finished":
            parts.append(self.tr("期限 %1").replace("%1", format_minutes(d.due_at)))
        if d.closed_at is not None and d.closed_on_time is not None:
            parts.append(self.tr("按期办结") if d.closed_on_time else self.tr("超期办结"))
        self.remaining_label.setText("　·　".join(p for p in parts if p))
        self.remaining_label.setToolTip(self.tr("剩余和超期时间按工作时间计算（法定节假日和周末不计）"))
        set_flag(self.remaining_label, "state", d.deadline.state)
        notices = self._notices(d)
        self.notice_label.setText("<br>".join(notices))
        self.notice_label.setVisible(bool(notices))

    def _notices(self, d: RequestDetail) -> list[str]:
        lines = []
        if d.pending_action == "extension":
            lines.append(self.tr("延期申请待审批：申请延长 %1 个工作小时，计时已暂停。")
                         .replace("%1", str(d.extension_hours_requested or "?")))
        elif d.pending_action == "send_back":
            lines.append(self.tr("承办人已退回，等待重新派遣，计时已暂停。"))
        if d.merged_into_id and d.merged_into_ticket_no:
            link = f'<a href="{d.merged_into_id}">{d.merged_into_ticket_no}</a>'
            lines.append(self.tr("本诉求已并入 %1，请在该诉求中跟进办理。").replace("%1", link))
        if d.merged_here:
            links = "、".join(f'<a href="{rid}">{ticket}</a>' for rid, ticket in d.merged_here)
            lines.append(self.tr("已并入本诉求的重复诉求：%1").replace("%1", links))
        return lines

    def set_actions(self, actions: tuple[ActionInfo, ...], *, busy: bool) -> None:
        """One button per allowed action: the way forward in blue, turning back in red."""
        while self._row.count():
            item = self._row.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.action_buttons = {}
        forward_done = False
        for action in actions:
            button = QPushButton(name_of(ACTION_NAMES, action.code, action.name))
            if action.code in BACKWARD_ACTIONS:
                button.setObjectName("dangerButton")
            elif action.code not in SIDE_ACTIONS and not forward_done:
                button.setObjectName("primaryButton")
                forward_done = True
            button.setProperty("action", action.code)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setEnabled(not busy)
            if action.to_stage:
                button.setToolTip(self.tr("办理后进入“%1”环节").replace("%1", stage_name(action.to_stage)))
            button.clicked.connect(lambda _checked=False, code=action.code: self.action_clicked.emit(code))
            self._row.addWidget(button)
            self.action_buttons[action.code] = button
        self._row.addStretch(1)
        self.actions_box.setVisible(bool(actions))
        self.no_actions_label.setVisible(not actions)

    def set_busy(self, busy: bool) -> None:
        for button in self.action_buttons.values():
            button.setEnabled(not busy)

    def retranslate(self) -> None:
        self.actions_title.setText(self.tr("办理"))
        self.print_button.setText(self.tr("打印办理单"))
        self.print_button.setToolTip(self.tr("预览并打印本诉求的办理单（含办理过程和现场照片）"))
        self.no_actions_label.setText(self.tr(
            "当前环节没有您可以办理的操作（可能需要承办人或社区负责人办理）。"))
