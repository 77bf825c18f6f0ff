"""The main window: a header with the community's name, navigation to the pages that
exist, and a status bar with the signed-in user and the database file."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from community_app.core.auth import CurrentUser
from community_app.core.dashboard import DashboardCounts
from community_app.ui import settings
from community_app.ui.i18n import role_name
from community_app.ui.icons import icon
from community_app.ui.pages.dashboard_page import DashboardPage, PendingCounts, count_in_background
from community_app.ui.widgets.named import named
from community_app.ui.workers import Job
from db.database import SessionSource

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1440, 900)
PAGE_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class PageSpec:
    key: str
    icon_name: str
    factory: Callable[[MainWindow], QWidget]


def _dashboard(window: MainWindow) -> QWidget:
    counting, window.first_counts = window.first_counts, None
    page = DashboardPage(window.user, window.session_factory, parent=window.stack, counting=counting)
    page.counts_shown.connect(window.show_counts)
    return page


def _residents(window: MainWindow) -> QWidget:
    from community_app.ui.pages.residents_page import ResidentsPage

    return ResidentsPage(window.user, window.session_factory)


def _requests(window: MainWindow) -> QWidget:
    from community_app.ui.pages.requests_page import RequestsPage

    return RequestsPage(window.user, window.session_factory)


def _visits(window: MainWindow) -> QWidget:
    from community_app.ui.pages.visits_page import VisitsPage

    return VisitsPage(window.user, window.session_factory)


def _patrols(window: MainWindow) -> QWidget:
    from community_app.ui.pages.patrols_page import PatrolsPage

    return PatrolsPage(window.user, window.session_factory)


def _places(window: MainWindow) -> QWidget:
    from community_app.ui.pages.places_page import PlacesPage

    return PlacesPage(window.user, window.session_factory)


def _map(window: MainWindow) -> QWidget:
    from community_app.ui.pages.map_page import MapPage

    page = MapPage(window.user, window.session_factory)
    page.cell_chosen.connect(window.show_residents_of_cell)
    return page


def _reports(window: MainWindow) -> QWidget:
    from community_app.ui.pages.reports_page import ReportsPage

    return ReportsPage(window.user, window.session_factory)


def _sync(window: MainWindow) -> QWidget:
    from community_app.ui.pages.sync_page import SyncPage

    return SyncPage(window.user, window.session_factory, getattr(window, "sync_controller", None))


# Only pages that work are listed. Pages other than the first are built on first visit,
# so start-up pays only for the dashboard (the map's QtWebEngine alone takes a second).
PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", "dashboard", _dashboard),
    PageSpec("residents", "residents", _residents),
    PageSpec("requests", "requests", _requests),
    PageSpec("visits", "visits", _visits),
    PageSpec("patrols", "patrols", _patrols),
    PageSpec("places", "places", _places),
    PageSpec("map", "map", _map),
    PageSpec("reports", "reports", _reports),
    PageSpec("sync", "sync", _sync),
)


class MainWindow(QMainWindow):
    logout_requested = Signal()
    closed = Signal()
    page_built = Signal(str, QWidget)  # key, page: a page was built (on its first visit)

    def __init__(self, user: CurrentUser | None, session_factory: SessionSource, db_path: Path,
                 *, notice: str = "", remember_geometry: bool = True, parent: QWidget | None = None) -> None:
        """user None: only the frame (header, navigation, status bar) is built, while the sign-in
        runs; open_for(user) then counts and builds the dashboard."""
        super().__init__(parent)
        # the dashboard's numbers are counted while the window is being built; its page takes
        # the job over
        self.first_counts: Job | None = None
        if user is not None:
            self.first_counts = count_in_background(user, session_factory, parent=self)
        self.setObjectName("mainWindow")
        self._user = user
        self.session_factory = session_factory
        self.db_path = db_path
        self._notice = notice
        self._remember_geometry = remember_geometry
        self._community_name = ""
        self.setWindowIcon(icon("app"))

        self.app_title_label = named(QLabel(), "appTitle")
        self.community_label = named(QLabel(), "communityName")
        self.user_label = named(QLabel(), "headerUser")
        self.logout_button = named(QPushButton(icon("logout"), ""), "logoutButton")
        self.logout_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.logout_button.clicked.connect(self.logout_requested)
        self.nav = named(QListWidget(), "navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack = named(QStackedWidget(), "pageStack")
        self.pages: dict[str, QWidget] = {}
        self.status_user = named(QLabel(), "statusUser")
        self.status_db = named(QLabel(), "statusDatabase")
        self.status_db.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._build()
        for spec in PAGES:
            self._add_page(spec)
        self.nav.currentRowChanged.connect(self._on_nav_changed)
        if user is not None:
            self._open()
        self._restore_geometry()

    @property
    def user(self) -> CurrentUser:
        assert self._user is not None, "the window is not signed in yet (open_for)"
        return self._user

    def open_for(self, user: CurrentUser, *, counting: PendingCounts | None = None) -> None:
        """Sign in a window built without its user: count their numbers of the day (or take
        `counting`, begun at sign-in) and build their dashboard."""
        assert self._user is None, "a window is opened for one user only"
        self._user = user
        self.first_counts = count_in_background(user, self.session_factory, parent=self, counting=counting)
        self._open()

    def _open(self) -> None:
        self.nav.setCurrentRow(0)  # the dashboard, built now
        self._retranslate()

    def _build(self) -> None:
        header = named(QFrame(), "header")
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(20, 0, 16, 0)
        header_layout.setSpacing(12)
        logo = named(QLabel(), "headerLogo")
        logo.setPixmap(icon("app").pixmap(QSize(36, 36)))
        divider = self._header_divider = named(QFrame(), "headerDivider")
        divider.setFixedSize(1, 24)
        header_layout.addWidget(logo)
        header_layout.addWidget(self.app_title_label)
        header_layout.addWidget(divider)
        header_layout.addWidget(self.community_label)
        header_layout.addStretch(1)
        user_icon = QLabel()
        user_icon.setPixmap(icon("user").pixmap(QSize(18, 18)))
        header_layout.addWidget(user_icon)
        header_layout.addWidget(self.user_label)
        header_layout.addSpacing(8)
        header_layout.addWidget(self.logout_button)
        header.setFixedHeight(60)

        self.nav.setFixedWidth(200)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)

        central = named(QWidget(), "central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

        status = self.statusBar()
        status.setSizeGripEnabled(False)
        db_icon = QLabel()
        db_icon.setPixmap(icon("database").pixmap(QSize(14, 14)))
        status.addPermanentWidget(self.status_user)
        status.addPermanentWidget(db_icon)
        status.addPermanentWidget(self.status_db)

    def _add_page(self, spec: PageSpec) -> None:
        if not self.pages and self._user is not None:  # the first page is shown at once
            self._build_page(spec)
        else:
            self.stack.addWidget(named(QWidget(), f"{spec.key}Placeholder"))
        item = QListWidgetItem(icon(spec.icon_name), "")
        item.setData(PAGE_ROLE, spec.key)
        item.setSizeHint(QSize(0, 46))
        self.nav.addItem(item)

    # navigation -----------------------------------------------------------------------------
    def nav_keys(self) -> list[str]:
        return [self.nav.item(i).data(PAGE_ROLE) for i in range(self.nav.count())]

    def show_page(self, key: str) -> QWidget:
        row = self.nav_keys().index(key)
        self.nav.setCurrentRow(row)
        return self.page(key)

    def page(self, key: str) -> QWidget:
        """The page for key, built now if it was not visited yet."""
        if key not in self.pages:
            self._build_page(next(spec for spec in PAGES if spec.key == key))
        return self.pages[key]

    def _build_page(self, spec: PageSpec) -> None:
        page = spec.factory(self)
        page.setProperty("pageKey", spec.key)
        self.pages[spec.key] = page
        index = [s.key for s in PAGES].index(spec.key)
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if placeholder is not None and placeholder is not page:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self.page_built.emit(spec.key, page)

    def _on_nav_changed(self, row: int) -> None:
        if row < 0:
            return
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            spec = PAGES[i]
            item.setIcon(icon(f"{spec.icon_name}-active") if i == row else icon(spec.icon_name))
        page = self.page(self.nav.item(row).data(PAGE_ROLE))
        self.stack.setCurrentWidget(page)
        if isinstance(page, DashboardPage) and page.counts is None:
            page.refresh()

    def show_residents_of_cell(self, cell_id: str) -> None:
        """A grid cell clicked on the map: its residents."""
        page = self.show_page("residents")
        page.show_grid_cell(cell_id)  # type: ignore[attr-defined]

    @property
    def dashboard(self) -> DashboardPage:
        page = self.pages["dashboard"]
        assert isinstance(page, DashboardPage)
        return page

    # texts ----------------------------------------------------------------------------------
    def show_counts(self, counts: DashboardCounts) -> None:
        self._community_name = counts.community_name
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        title = self.tr("智慧社区网格化管理平台")
        self.setWindowTitle(f"{self._community_name} — {title}" if self._community_name else title)
        self.app_title_label.setText(title)
        self.community_label.setText(self._community_name)
        self._header_divider.setVisible(bool(self._community_name))  # the name arrives with the counts
        titles = {"dashboard": self.tr("工作台"), "residents": self.tr("居民档案"), "requests": self.tr("诉求办理"),
                  "visits": self.tr("特殊群体走访"),
                  "patrols": self.tr("网格巡查"), "places": self.tr("网格楼栋"), "map": self.tr("网格地图"),
                  "reports": self.tr("报表打印"),
                  "sync": self.tr("数据同步")}
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            item.setText(titles[item.data(PAGE_ROLE)])
        if self._user is None:  # the frame, before open_for()
            return
        role = role_name(self.user.role_code, self.user.role_name)
        self.user_label.setText(self.tr("%1（%2）").replace("%1", self.user.display_name).replace("%2", role))
        self.logout_button.setText(self.tr("退出登录"))
        self.status_user.setText(self.tr("当前用户：%1（%2）").replace("%1", self.user.display_name)
                                 .replace("%2", role))
        self.status_db.setText(self.tr("数据库：%1").replace("%1", str(self.db_path)))
        self.status_db.setToolTip(str(self.db_path))
        if self._notice:
            self.statusBar().showMessage(self._notice)

    # geometry -------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = settings.saved_bytes(settings.GEOMETRY_KEY) if self._remember_geometry else None
        if saved is None or not self.restoreGeometry(saved):
            self.resize(DEFAULT_SIZE)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._remember_geometry:
            settings.save_bytes(settings.GEOMETRY_KEY, self.saveGeometry())
        super().closeEvent(event)
        self.closed.emit()
