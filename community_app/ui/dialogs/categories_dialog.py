"""分类与时限: the administrator's view of the request categories — 大类 with their 小类 in a
tree, and a form beside it to change the selected one or add a new one (name, group, handling
time limit in working hours or working days, urgency, active, sort order).

Core (community_app.core.categories) checks and writes; the dialog only reads the widgets.
Reads run on a pool thread, saves on the database-writing thread (the job commits); core's
refusal comes back as a value and its problems appear under the fields they name.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from community_app.core.auth import CurrentUser
from community_app.core.categories import (
    CategoryInfo,
    CategoryNode,
    category_tree,
    create_category,
    update_category,
)
from community_app.core.problems import ValidationFailed
from community_app.ui.dialogs.category_form import FORM_QSS, CategoryForm
from community_app.ui.fieldwork_style import DIALOG_QSS
from community_app.ui.i18n import core_message
from community_app.ui.icons import icon
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job, JobContext, run_in_background

CODE, NAME, GROUP, LIMIT, URGENCY, ACTIVE = range(6)

QSS = DIALOG_QSS + FORM_QSS + """
QTreeWidget#categoryTree { font-size: 10.5pt; }
QTreeWidget#categoryTree::item { padding: 3px 0; }
"""


@dataclass(frozen=True)
class _Saved:
    code: str
    tree: list[CategoryNode]


class CategoriesDialog(QDialog):
    """Emits changed() after a category was added or changed (and committed)."""

    changed = Signal()

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoriesDialog")
        self.setWindowIcon(icon("app"))
        self.setStyleSheet(QSS)
        self._user, self._factory = user, session_factory
        self._jobs: list[Job] = []
        self._save_job: Job | None = None
        self.nodes: list[CategoryNode] = []
        self.by_code: dict[str, CategoryInfo] = {}
        self.current: CategoryInfo | None = None  # the category in the form (None: a new one)
        self.new_parent: str | None = None  # a new 小类's 大类
        self.loaded_once = False
        self._select_after_load: str | None = None

        self.heading = named(QLabel(), "dialogHeading")
        self.intro = named(QLabel(), "dialogHint")
        self.intro.setWordWrap(True)
        self.tree = named(QTreeWidget(), "categoryTree")
        self.tree.setColumnCount(6)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((CODE, 104), (GROUP, 76), (LIMIT, 100), (URGENCY, 76), (ACTIVE, 60)):
            self.tree.setColumnWidth(column, width)
        self.add_major_button = named(QPushButton(), "addMajorButton")
        self.add_minor_button = named(QPushButton(), "addMinorButton")
        self.close_button = named(QPushButton(), "formCancelButton")
        self.form = CategoryForm()
        self.save_button, self.saved_note = self.form.save_button, self.form.saved_note
        self._build()
        self._retranslate()
        self._connect()
        self.show_form(None, None)
        self.resize(1100, 660)
        self.reload()

    # layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.tree.setMinimumWidth(560)
        tree_buttons = QHBoxLayout()
        tree_buttons.setSpacing(8)
        tree_buttons.addWidget(self.add_major_button)
        tree_buttons.addWidget(self.add_minor_button)
        tree_buttons.addStretch(1)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(tree_buttons)
        left.addWidget(self.tree, 1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 1)
        columns.addWidget(self.form)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.tree.currentItemChanged.connect(self._item_chosen)
        self.add_major_button.clicked.connect(self.new_major)
        self.add_minor_button.clicked.connect(self.new_minor)
        self.save_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.reject)

    # texts --------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("分类与时限"))
        self.heading.setText(self.tr("诉求分类与办理时限"))
        self.intro.setText(self.tr(
            "诉求登记在小类下，按小类的时限计算办理期限（只计工作时间）。修改时限只影响之后登记的诉求，"
            "已登记的诉求保持原期限。不再使用的类别请停用，停用后登记时不再显示。"))
        self.tree.setHeaderLabels([self.tr("代码"), self.tr("名称"), self.tr("性质"), self.tr("办理时限"),
                                   self.tr("紧急程度"), self.tr("状态")])
        self.add_major_button.setText(self.tr("新增大类"))
        self.add_minor_button.setText(self.tr("新增小类"))
        self.add_minor_button.setToolTip(self.tr("在选中的大类下新增小类"))
        self.close_button.setText(self.tr("关闭"))
        self._set_busy_ui()
        self._update_title()
        if self.nodes:
            self._fill_tree(self.current.code if self.current else None)

    # the tree -----------------------------------------------------------------------------
    def reload(self, select_code: str | None = None) -> None:
        factory = self._factory

        def load(_ctx: JobContext) -> list[CategoryNode]:
            with factory() as session:
                return category_tree(session)

        self._jobs = [j for j in self._jobs if not j.done]
        job = run_in_background(load, name="category_tree", parent=self)
        self._jobs.append(job)
        self._select_after_load = select_code
        job.result.connect(self._tree_read)
        job.error.connect(self._load_failed)

    def _tree_read(self, nodes: list[CategoryNode]) -> None:
        self._loaded(nodes, self._select_after_load)

    def _loaded(self, nodes: list[CategoryNode], select_code: str | None) -> None:
        self.nodes = nodes
        self.by_code = {c.code: c for n in nodes for c in (n.major, *n.minors)}
        self._fill_tree(select_code)
        self.loaded_once = True

    def _load_failed(self, _exc: object) -> None:
        self.form.show_problems([(None, self.tr(
            "读取类别时出现问题。请关闭后重新打开；如果问题反复出现，请联系系统管理员。"))])

    def _fill_tree(self, select_code: str | None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen: QTreeWidgetItem | None = None
        for node in self.nodes:
            major = self._item(node.major)
            self.tree.addTopLevelItem(major)
            for minor in node.minors:
                item = self._item(minor)
                major.addChild(item)
                if minor.code == select_code:
                    chosen = item
            if node.major.code == select_code:
                chosen = major
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
            self.tree.scrollToItem(chosen)
        elif not self.loaded_once:  # first load: the first 大类
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _item(self, c: CategoryInfo) -> QTreeWidgetItem:
        item = QTreeWidgetItem([c.code, c.name, self.form.group_name(c.group), self.form.limit_text(c),
                                "" if c.is_major else self.form.urgency_name(c.urgency),
                                self.tr("启用") if c.active else self.tr("停用")])
        item.setData(CODE, Qt.ItemDataRole.UserRole, c.code)
        item.setToolTip(NAME, c.name)
        if c.is_major:
            font = item.font(NAME)
            font.setBold(True)
            for column in range(6):
                item.setFont(column, font)
        if not c.active:
            for column in range(6):
                item.setForeground(column, Qt.GlobalColor.gray)
        return item

    def item_for(self, code: str) -> QTreeWidgetItem | None:
        """The tree row of a category (tests and a caller that wants to select one)."""
        for item in self._all_items():
            if item.data(CODE, Qt.ItemDataRole.UserRole) == code:
                return item
        return None

    def _all_items(self) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            items.append(top)
            items.extend(top.child(j) for j in range(top.childCount()))
        return items

    def tree_codes(self) -> list[str]:
        return [item.data(CODE, Qt.ItemDataRole.UserRole) for item in self._all_items()]

    def _item_chosen(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.show_form(self.by_code.get(item.data(CODE, Qt.ItemDataRole.UserRole)), None)

    # the form -----------------------------------------------------------------------------
    def show_form(self, category: CategoryInfo | None, new_parent: str | None) -> None:
        """Fill the form with a category, or empty it for a new one (under new_parent, or a 大类)."""
        self.current, self.new_parent = category, new_parent
        self.form.fill(category, self.by_code.get(new_parent) if new_parent else None)

    def _update_title(self) -> None:
        self.form.set_title(self.current, self.by_code.get(self.new_parent) if self.new_parent else None)

    def new_major(self) -> None:
        self.tree.clearSelection()
        self.show_form(None, None)
        self.form.code_edit.setFocus()

    def new_minor(self) -> None:
        """A new 小类 under the selected 大类 (or the selected 小类's 大类)."""
        c = self.current or (self.by_code.get(self.new_parent) if self.new_parent else None)
        if c is None and self.nodes:
            c = self.nodes[0].major
        if c is None:
            return
        self.tree.clearSelection()
        self.show_form(None, c.code if c.is_major else c.parent_code)
        self.form.code_edit.setFocus()
        self.form.code_edit.end(False)

    # saving -------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._save_job is not None and not self._save_job.done

    def submit(self) -> None:
        if self.busy:
            return
        self.form.show_problems([])
        self.saved_note.clear()
        user, factory, current = self._user, self._factory, self.current
        if current is not None:
            changes = self.form.edits(current)
            if not changes:
                self.saved_note.setText(self.tr("没有修改。"))
                return

            def save(session: Session) -> str:
                return update_category(session, user, current.code, **changes).code
        else:
            data = self.form.new_input(self.new_parent)

            def save(session: Session) -> str:
                create_category(session, user, data)
                return data.code.strip().upper()

        def write(_ctx: JobContext) -> object:
            with factory() as session:
                try:
                    code = save(session)
                except (ValidationFailed, PermissionError) as refused:  # the input, not a failure
                    session.rollback()
                    return refused
                session.commit()
                return _Saved(code, category_tree(session))

        self._save_job = run_in_background(write, name="save_category", parent=self, writes=True)
        self._save_job.result.connect(self._done)
        self._save_job.error.connect(self._failed)
        self._save_job.finished.connect(self._set_busy_ui)
        self._set_busy_ui()

    def _set_busy_ui(self) -> None:
        busy = self.busy
        for widget in (self.save_button, self.add_major_button, self.add_minor_button, self.tree):
            widget.setEnabled(not busy)
        self.save_button.setText(self.tr("正在保存…") if busy else self.tr("保存"))

    def _done(self, outcome: object) -> None:
        if isinstance(outcome, ValidationFailed):
            self.form.show_problems([(p.field, core_message(p.message)) for p in outcome.problems])
            return
        if isinstance(outcome, PermissionError):
            self.form.show_problems([(None, core_message(str(outcome)))])
            return
        assert isinstance(outcome, _Saved)
        self.new_parent = None
        self._loaded(outcome.tree, outcome.code)
        self.saved_note.setText(self.tr("已保存。"))
        self.changed.emit()

    def _failed(self, _exc: object) -> None:
        self.form.show_problems([(None, self.tr(
            "保存时出现问题，没有保存任何修改。请稍后重试；如果问题反复出现，请联系系统管理员。"))])

    def reject(self) -> None:
        if not self.busy:  # a save under way would finish anyway
            super().reject()
