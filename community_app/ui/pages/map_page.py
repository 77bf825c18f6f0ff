"""网格地图: the community's grid cells coloured by open requests, and its buildings.

The snapshot is read and the HTML written on a background thread (core.map_data and
community_app.maps); this page only shows the result in a MapView. The web view starts
Chromium, which costs time and memory, so it is created the first time the page is shown,
not when the main window builds its pages.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from community_app import paths
from community_app.core.auth import CurrentUser
from community_app.maps.model import MapBuild, MapSettings, MapTexts
from community_app.ui.icons import icon
from community_app.ui.map_view import MapView
from community_app.ui.settings import app_settings
from community_app.ui.timefmt import format_minutes
from community_app.ui.widgets.map_legend import MapLegend
from community_app.ui.widgets.named import named
from community_app.ui.widgets.page_column import banner_label, page_column
from community_app.ui.widgets.page_header import page_header
from community_app.ui.workers import Job, JobContext, run_in_background

log = logging.getLogger(__name__)

MAP_FOLDER = "map"  # below the data folder: the generated page and its copied assets
TILE_URL_KEY = "map/tile_url"  # optional intranet tile server, e.g. http://tiles.local/{z}/{x}/{y}.png
TILE_ATTRIBUTION_KEY = "map/tile_attribution"
SKIPPED_SHOWN = 5  # cell codes listed in the warning before "…"

PAGE_STYLE = """
QFrame#mapLegend { background: #FFFFFF; border: 1px solid #DCE3EC; border-radius: 6px; }
QFrame#mapLegend QLabel { background: transparent; border: none; }
QLabel#legendTitle { font-weight: bold; color: #13315C; padding-right: 6px; }
QLabel#legendText, QLabel#mapHint { color: #4A5B70; }
QFrame#legendDivider { color: #DCE3EC; }
QLabel#mapNotice { background: #FFF7E6; border: 1px solid #F2D29B; border-radius: 4px; color: #8A5A00;
                   padding: 8px 12px; }
QWidget#mapFrame { background: #EEF1F5; border: 1px solid #DCE3EC; border-radius: 6px; }
"""


class MapPage(QWidget):
    """cell_chosen(cell id) when the user clicks a grid cell. loaded(MapBuild) once the
    page has drawn every cell and building; load_failed() when it cannot."""

    cell_chosen = Signal(str)
    loaded = Signal(object)
    load_failed = Signal()

    def __init__(self, user: CurrentUser, session_factory: sessionmaker[Session],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapPage")
        self.setStyleSheet(PAGE_STYLE)
        self._user = user
        self._session_factory = session_factory
        self._job: Job | None = None
        self._drawing = False
        self.build: MapBuild | None = None  # the map on screen
        self._tile_url: str | None = None  # the tile server of the map being built
        self.is_loaded = False
        self.view: MapView | None = None

        self.title_label = named(QLabel(), "pageTitle")
        self.subtitle_label = named(QLabel(), "pageSubtitle")
        self.status_label = named(QLabel(), "pageStatus")
        self.refresh_button = named(QPushButton(icon("refresh"), ""), "refreshButton")
        self.refresh_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.refresh_button.clicked.connect(self.refresh)
        self.legend = MapLegend()
        self.hint_label = named(QLabel(), "mapHint")
        self.error_label = banner_label("errorBanner")
        self.notice_label = banner_label("mapNotice")
        self.map_frame = named(QWidget(), "mapFrame")
        self.map_frame.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._build_layout()
        self._retranslate()

    # layout ---------------------------------------------------------------------------
    def _build_layout(self) -> None:
        header = page_header(self.title_label, self.subtitle_label, (self.status_label, self.refresh_button),
                             spacing=12)

        legend_row = QHBoxLayout()
        legend_row.addWidget(self.legend, 1)

        frame_layout = QVBoxLayout(self.map_frame)
        frame_layout.setContentsMargins(1, 1, 1, 1)

        page_column(self, [header, self.error_label, self.notice_label, legend_row, (self.map_frame, 1),
                           self.hint_label])

    def _ensure_view(self) -> MapView:
        if self.view is None:
            self.view = MapView(self.map_frame)
            self.view.cell_clicked.connect(self.cell_chosen)
            self.view.map_ready.connect(self._on_map_ready)
            self.view.loadFinished.connect(self._on_load_finished)
            # never hidden while drawing: Chromium slows the timers of hidden pages to 1 Hz,
            # and the markers are added in timed chunks
            self.map_frame.layout().addWidget(self.view)
        return self.view

    # texts ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if self.build is not None:
                self.refresh()  # the words inside the map are written into its page
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title_label.setText(self.tr("网格地图"))
        self.refresh_button.setText(self.tr("刷新"))
        self.refresh_button.setToolTip(self.tr("重新读取网格、楼栋和在办诉求，重画地图"))
        self.legend.set_texts(self.tr("在办诉求（件）"), self.tr("楼栋"), self.tr("未划入网格的楼栋"),
                              self.tr("楼栋聚合（数字为栋数）"))
        self.hint_label.setText(self.tr(
            "提示：滚动鼠标滚轮缩放，放大后显示网格编码和网格员；点击网格可查看该网格的居民，点击楼栋查看地址。"))
        self._update_texts()

    def map_texts(self) -> MapTexts:
        return MapTexts(
            title=self.tr("网格地图"), code=self.tr("网格编码"), worker=self.tr("网格员"),
            open=self.tr("在办诉求"), pieces=self.tr("件"), unassigned=self.tr("未指定网格员"),
            hint=self.tr("点击网格，查看本网格居民"), cell=self.tr("所属网格"),
            outside=self.tr("不在任何网格内"),
        )

    def _update_texts(self) -> None:
        build = self.build
        if build is None:
            self.subtitle_label.setText(self.tr("本社区的网格、楼栋和在办诉求分布"))
        else:
            parts = [
                self.tr("网格 %1 个").replace("%1", f"{build.cell_count:,}"),
                self.tr("楼栋 %1 栋").replace("%1", f"{build.building_count:,}"),
                self.tr("在办诉求 %1 件").replace("%1", f"{build.open_requests:,}"),
                self.tr("数据截至 %1（北京时间）").replace("%1", format_minutes(build.as_of)),
            ]
            if build.community_name:
                parts.insert(0, build.community_name)
            self.subtitle_label.setText("　·　".join(parts))
        if self.loading:
            self.status_label.setText(self.tr("正在生成地图…"))
        elif self._drawing:
            self.status_label.setText(self.tr("正在绘制…"))
        else:
            self.status_label.setText("")
        if build is not None and build.skipped_cells:
            codes = "、".join(build.skipped_cells[:SKIPPED_SHOWN])
            if len(build.skipped_cells) > SKIPPED_SHOWN:
                codes += "…"
            self.notice_label.setText(self.tr(
                "有 %1 个网格的边界数据有误，地图上没有画出（网格编码：%2）。请重新导入这些网格的边界。"
            ).replace("%1", str(len(build.skipped_cells))).replace("%2", codes))
            self.notice_label.show()
        elif build is not None and build.cell_count == 0 and build.building_count == 0:
            self.notice_label.setText(self.tr("本社区还没有网格边界和楼栋数据。导入网格边界和楼栋后，地图会显示在这里。"))
            self.notice_label.show()
        else:
            self.notice_label.hide()

    # data -------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._job is not None and not self._job.done

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._job is None:  # the first time the page is opened
            self.refresh()

    def refresh(self) -> None:
        if self.loading:
            return
        self._ensure_view()  # Chromium starts while the page is built
        user, factory = self._user, self._session_factory
        settings = self._map_settings()
        self._tile_url = settings.tile_url
        out_dir = paths.data_dir() / MAP_FOLDER

        def build(_ctx: JobContext) -> MapBuild:
            # imported here, on the worker thread: folium and shapely take ~0.5 s to import
            from community_app.core.map_data import map_snapshot
            from community_app.maps.builder import build_map

            with factory() as session:
                snapshot = map_snapshot(session, user.community_code)
            return build_map(snapshot, out_dir, settings)

        self.refresh_button.setEnabled(False)
        self._job = run_in_background(build, name="grid_map", parent=self)
        self._job.result.connect(self._show_build)
        self._job.error.connect(self._show_error)
        self._update_texts()

    def _map_settings(self) -> MapSettings:
        store = app_settings()
        tile_url = str(store.value(TILE_URL_KEY, "") or "").strip() or None
        attribution = str(store.value(TILE_ATTRIBUTION_KEY, "") or "")
        return MapSettings(tile_url=tile_url, tile_attribution=attribution, texts=self.map_texts())

    def _show_build(self, build: MapBuild) -> None:
        self.build = build
        self.error_label.hide()
        self._drawing = True
        self._ensure_view().show_map(build.html_path, self._tile_url)
        self._update_texts()

    def _on_map_ready(self, polygons: int, markers: int) -> None:
        log.info("grid map drawn: %d cells, %d buildings", polygons, markers)
        self._drawing = False
        self.is_loaded = True
        self.refresh_button.setEnabled(True)
        self._update_texts()
        self.loaded.emit(self.build)

    def _on_load_finished(self, ok: bool) -> None:
        if not ok and self._drawing:
            self._fail()
        elif ok:
            self.refresh_button.setEnabled(True)  # even if a script error keeps map_ready from coming

    def _show_error(self, _exc: object) -> None:
        self._fail()

    def _fail(self) -> None:
        self._drawing = False
        self.refresh_button.setEnabled(True)
        self.error_label.setText(self.tr(
            "地图没有生成出来。请稍后点击“刷新”重试；如果问题反复出现，请联系系统管理员。"))
        self.error_label.show()
        self._update_texts()
        self.load_failed.emit()
