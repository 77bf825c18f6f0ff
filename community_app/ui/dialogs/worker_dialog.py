"""指定网格员: choose the grid worker responsible for a cell (or nobody for now)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app.core import places
from community_app.core.auth import CurrentUser
from community_app.core.places import GridCellRow, WorkerChoice
from community_app.ui.dialogs.place_form import PlaceFormDialog
from community_app.ui.widgets.named import named


class WorkerDialog(PlaceFormDialog):
    """`result_row` is the cell's new GridCellRow."""

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session], cell: GridCellRow,
                 workers: list[WorkerChoice], parent: QWidget | None = None) -> None:
        super().__init__(user, session_factory, parent)
        self.setObjectName("workerDialog")
        self.cell = cell
        self.worker_combo = named(QComboBox(), "workerCombo")
        self.worker_combo.addItem("", None)
        for worker in workers:
            self.worker_combo.addItem(f"{worker.display_name}（{worker.username}）", worker.id)
        self.worker_combo.setCurrentIndex(max(0, self.worker_combo.findData(cell.responsible_staff_id)))
        self.add_field("staff", self.worker_combo)
        self.finish_layout()
        self.resize(480, 300)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("指定网格员"))
        self.heading.setText(self.tr("指定网格员"))
        self.intro.setText(self.tr("%1（%2）由谁负责？网格员登录后，工作台只统计自己负责的网格。")
                           .replace("%1", self.cell.name).replace("%2", self.cell.code))
        self.labels["staff"].setText(self.tr("网格员"))
        self.worker_combo.setItemText(0, self.tr("（暂不指定）"))
        super().retranslate()

    def hints(self) -> dict[str, str]:
        return {"staff": self.tr("列出本社区在岗的网格员。") if self.worker_combo.count() > 1
                else self.tr("本社区还没有在岗的网格员账号，请先在系统管理中添加。")}

    def collect(self) -> str | None:
        return self.worker_combo.currentData()

    def save(self, session: Session, user: CurrentUser, data: str | None) -> GridCellRow:
        return places.assign_worker(session, user, self.cell.id, data)
