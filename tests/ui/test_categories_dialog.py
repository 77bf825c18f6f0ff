"""分类与时限 on the demo database: the tree shows exactly the category table, a changed time
limit is stored (with its outbox entry), refused input shows core's message and stores
nothing, and only an administrator gets the button on the requests page."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from community_app.core.auth import CurrentUser
from community_app.ui.db_startup import OpenedDatabase
from community_app.ui.dialogs.categories_dialog import CODE, LIMIT, NAME, CategoriesDialog
from community_app.ui.pages.requests_page import RequestsPage
from tests.ui.request_helpers import db, sign_in


@pytest.fixture
def admin(demo: OpenedDatabase) -> CurrentUser:
    return sign_in(demo, "admin")


@pytest.fixture
def dialog(app: QApplication, qtbot: QtBot, demo: OpenedDatabase, admin: CurrentUser) -> CategoriesDialog:
    d = CategoriesDialog(admin, demo.session_factory)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.loaded_once, timeout=20_000)
    return d


def outbox_count(demo: OpenedDatabase) -> int:
    return db(demo, "SELECT count(*) FROM sync_outbox WHERE table_name = 'category'")[0][0]


def some_minor(demo: OpenedDatabase) -> tuple[str, int, str]:
    """A 小类 with an hour limit: (code, time_limit, unit)."""
    rows = db(demo, "SELECT code, time_limit, time_limit_unit FROM category WHERE parent_code IS NOT NULL "
                    "AND deleted_at IS NULL AND time_limit_unit = 'work_hours' ORDER BY code")
    return rows[0]


def choose(dialog: CategoriesDialog, code: str) -> None:
    item = dialog.item_for(code)
    assert item is not None, code
    dialog.tree.setCurrentItem(item)
    assert dialog.current is not None and dialog.current.code == code
    assert dialog.form.code_edit.text() == code


def save(dialog: CategoriesDialog, qtbot: QtBot) -> None:
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)


def test_tree_lists_exactly_the_category_table(dialog: CategoriesDialog, demo: OpenedDatabase) -> None:
    rows = db(demo, 'SELECT code, name, parent_code, time_limit, time_limit_unit, active, "group", urgency '
                    'FROM category '
                    'WHERE deleted_at IS NULL ORDER BY sort_order, code')
    assert rows, "the demo has categories"
    majors = [r for r in rows if r[2] is None]
    tree = dialog.tree
    assert tree.topLevelItemCount() == len(majors)
    for i, major in enumerate(majors):
        item = tree.topLevelItem(i)
        assert (item.text(CODE), item.text(NAME), item.text(LIMIT)) == (major[0], major[1], "")
        minors = [r for r in rows if r[2] == major[0]]
        shown = [tuple(item.child(j).text(col) for col in range(6)) for j in range(item.childCount())]
        unit = {"work_hours": "工作小时", "work_days": "工作日"}
        group = {"event": "事件", "component": "部件", "service": "社区服务"}
        urgency = {"normal": "一般", "urgent": "紧急"}
        assert shown == [(m[0], m[1], group[m[6]], f"{m[3]} {unit[m[4]]}", urgency[m[7]], "启用" if m[5] else "停用")
                         for m in minors]
    assert sorted(dialog.tree_codes()) == sorted(r[0] for r in rows)
    assert dialog.tree.currentItem() is tree.topLevelItem(0)  # the form shows the first 大类
    assert dialog.form.code_edit.text() == majors[0][0] and dialog.form.code_edit.isReadOnly()
    assert not dialog.form.limit_spin.isEnabled()  # a 大类 has no limit of its own


def test_changing_a_minor_limit_saves_it(dialog: CategoriesDialog, qtbot: QtBot, demo: OpenedDatabase) -> None:
    code, limit, _unit = some_minor(demo)
    before = outbox_count(demo)
    choose(dialog, code)
    assert dialog.form.limit_spin.value() == limit and dialog.form.limit_spin.isEnabled()
    new_limit = 3 if limit != 3 else 4
    dialog.form.limit_spin.setValue(new_limit)
    dialog.form.unit_combo.setCurrentIndex(dialog.form.unit_combo.findData("work_days"))
    with qtbot.waitSignal(dialog.changed, timeout=20_000):
        dialog.save_button.click()
    assert db(demo, "SELECT time_limit, time_limit_unit FROM category WHERE code = ?", code) == [
        (new_limit, "work_days")]
    assert outbox_count(demo) == before + 1
    change = db(demo, "SELECT op, changes FROM sync_outbox WHERE table_name = 'category' ORDER BY seq DESC LIMIT 1")
    assert change[0][0] == "update" and '"work_days"' in change[0][1]
    # the tree shows the stored value and keeps the row selected
    assert dialog.item_for(code).text(LIMIT) == f"{new_limit} 工作日"  # type: ignore[union-attr]
    assert dialog.current is not None and dialog.current.code == code
    assert dialog.saved_note.text() == "已保存。"


def test_empty_name_is_refused_at_the_field(dialog: CategoriesDialog, qtbot: QtBot, demo: OpenedDatabase) -> None:
    code, _limit, _unit = some_minor(demo)
    before = db(demo, "SELECT name, time_limit, version FROM category WHERE code = ?", code)
    outbox = outbox_count(demo)
    choose(dialog, code)
    dialog.form.name_edit.setText("  ")
    dialog.form.limit_spin.setValue(dialog.form.limit_spin.value() + 1)
    save(dialog, qtbot)
    message = dialog.form.messages["name"]
    assert message.isVisible() and "请填写类别名称" in message.text()
    assert message.property("error") is True and dialog.form.name_edit.property("invalid") is True
    assert db(demo, "SELECT name, time_limit, version FROM category WHERE code = ?", code) == before
    assert outbox_count(demo) == outbox
    assert dialog.saved_note.text() == ""


def test_too_many_working_days_is_refused(dialog: CategoriesDialog, qtbot: QtBot, demo: OpenedDatabase) -> None:
    code, _limit, _unit = some_minor(demo)
    before = db(demo, "SELECT time_limit, time_limit_unit FROM category WHERE code = ?", code)
    choose(dialog, code)
    dialog.form.limit_spin.setValue(100)
    dialog.form.unit_combo.setCurrentIndex(dialog.form.unit_combo.findData("work_days"))
    save(dialog, qtbot)
    assert "1–90 工作日" in dialog.form.messages["time_limit"].text()
    assert db(demo, "SELECT time_limit, time_limit_unit FROM category WHERE code = ?", code) == before


def test_new_minor_under_the_selected_major(dialog: CategoriesDialog, qtbot: QtBot, demo: OpenedDatabase) -> None:
    major = dialog.tree.topLevelItem(0).text(CODE)
    dialog.add_minor_button.click()
    assert dialog.current is None and dialog.new_parent == major
    assert dialog.form.title.text().startswith("新增小类") and not dialog.form.code_edit.isReadOnly()
    new_code = f"{major}99"
    dialog.form.code_edit.setText(new_code)
    dialog.form.name_edit.setText("测试小类")
    dialog.form.limit_spin.setValue(8)
    with qtbot.waitSignal(dialog.changed, timeout=20_000):
        dialog.save_button.click()
    assert db(demo, "SELECT parent_code, name, time_limit, time_limit_unit, active FROM category WHERE code = ?",
              new_code) == [(major, "测试小类", 8, "work_hours", 1)]
    assert db(demo, "SELECT op FROM sync_outbox WHERE table_name = 'category' ORDER BY seq DESC LIMIT 1") == [
        ("insert",)]
    assert dialog.current is not None and dialog.current.code == new_code
    assert dialog.item_for(new_code).parent() is dialog.tree.topLevelItem(0)  # type: ignore[union-attr]


def test_button_only_for_administrators(app: QApplication, qtbot: QtBot, demo: OpenedDatabase,
                                        admin: CurrentUser) -> None:
    shown = {}
    for name, user in (("admin", admin), ("wangli", sign_in(demo, "wangli"))):
        page = RequestsPage(user, demo.session_factory)
        qtbot.addWidget(page)
        page.resize(1400, 860)
        page.show()
        shown[name] = page.categories_button.isVisible()
        if name == "admin":
            assert page.categories_button.text() == "分类与时限…"
            dialog = page.edit_categories()
            assert dialog is not None and dialog.isVisible()
            qtbot.waitUntil(lambda d=dialog: d.loaded_once, timeout=20_000)  # type: ignore[misc]
            assert dialog.windowTitle() == "分类与时限"
            dialog.reject()
        else:
            assert page.edit_categories() is None
        qtbot.waitUntil(lambda p=page: not p.loading, timeout=20_000)  # type: ignore[misc]
    assert shown == {"admin": True, "wangli": False}
