"""A desktop database with 湛山社区's two grid cells and a building, a tiny outside Open311
server (http.server on 127.0.0.1 serving fixture files), and our own city API's Open311."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from shapely.geometry import box, mapping
from sqlalchemy.orm import Session

from community_app.core.first_run import seed_reference_data
from db.migrate import create_database
from db.models import Building, GridCell
from tests.city_api.open311.conftest import open311_city, open311_server  # noqa: F401 — fixtures: our city API

FIXTURES = Path(__file__).parent / "fixtures"
COMMUNITY = "370202010004"  # 湛山社区, as in the city API tests
CELL_A = box(120.40, 36.05, 120.41, 36.06)  # the city API tests' cell A
CELL_C = box(120.40, 36.06, 120.41, 36.07)  # north of it, also ours


@dataclass
class LocalDb:
    session: Session
    cell_a: str
    cell_c: str
    building: str


@pytest.fixture
def local_db(tmp_path: Path) -> Iterator[LocalDb]:
    engine = create_database(tmp_path / "desk.sqlite")
    session = Session(engine)
    seed_reference_data(session)
    a = GridCell(code="ZS-01", name="第一网格", community_code=COMMUNITY, geometry_geojson=json.dumps(mapping(CELL_A)))
    c = GridCell(code="ZS-02", name="第二网格", community_code=COMMUNITY, geometry_geojson=json.dumps(mapping(CELL_C)))
    session.add_all([a, c])
    session.flush()
    b = Building(community_code=COMMUNITY, grid_cell_id=a.id, name="1号楼", address="湛山三路1号",
                 latitude=36.0551, longitude=120.4052)
    session.add(b)
    session.commit()
    try:
        yield LocalDb(session, a.id, c.id, b.id)
    finally:
        session.close()
        engine.dispose()


@dataclass
class OutsideServer:
    """Answers GET <path> with routes[path] = (status, content type, body); logs every query."""

    url: str = ""
    routes: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    log: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)
    honour_page: bool = True  # False: a server that ignores `page` and repeats itself

    def serve_file(self, path: str, name: str, status: int = 200) -> None:
        kind = "application/json; charset=utf-8" if name.endswith(".json") else "text/xml; charset=utf-8"
        self.routes[path] = (status, kind, (FIXTURES / name).read_bytes())


def _handler(state: OutsideServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = parse_qs(url.query)
            state.log.append((url.path, query))
            status, kind, body = state.routes.get(url.path, (404, "text/plain", b"not found"))
            if state.honour_page and int(query.get("page", ["1"])[0]) > 1 and status == 200:
                body = b"[]" if kind.startswith("application/json") else b"<service_requests/>"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:  # keep the test output clean
            pass
    return Handler


@pytest.fixture
def outside_server() -> Iterator[OutsideServer]:
    state = OutsideServer()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}/open311/v2"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join(5)
