"""A synthetic street for the map benchmark: N grid cells tiling a ~4 × 3 km area of 市南区
with jittered shared corners (so neighbours meet exactly, as real cells do), M buildings
inside them, a grid worker per five cells, and open and finished service requests.

The demo generator makes ~2,000 buildings for a street; the map's target is stated for
20,000, so the buildings here are synthetic (reproducible for a seed).
"""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.stages import FINISHED_STAGES, OPEN_STAGES
from db.ids import uuid7
from db.migrate import create_database
from db.models import Building, Category, Division, GridCell, Role, ServiceRequest, StaffUser

COMMUNITY = "370202010004"
WEST, SOUTH = 120.355, 36.050
WIDTH, HEIGHT = 0.045, 0.027  # degrees: ≈ 4.0 × 3.0 km at this latitude
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("丽", "强", "静", "敏", "伟", "芳", "军", "洋", "艳", "勇", "杰", "娟", "涛", "明", "超", "秀英", "桂兰",
         "建华")
NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def _grid_shape(cells: int) -> tuple[int, int]:
    """Columns and rows for about `cells` cells in the area's aspect ratio."""
    rows = max(1, round(math.sqrt(cells * HEIGHT / WIDTH)))
    cols = math.ceil(cells / rows)
    return cols, rows


def build_street(path: Path, *, cells: int = 300, buildings: int = 20_000, seed: int = 7) -> Path:
    rng = random.Random(seed)
    engine = create_database(path)
    cols, rows = _grid_shape(cells)
    dx, dy = WIDTH / cols, HEIGHT / rows
    # shared corners, jittered inside the grid (the outline stays straight)
    corners = [[(WEST + i * dx + (rng.uniform(-0.28, 0.28) * dx if 0 < i < cols else 0),
                 SOUTH + j * dy + (rng.uniform(-0.28, 0.28) * dy if 0 < j < rows else 0))
                for j in range(rows + 1)] for i in range(cols + 1)]
    with Session(engine) as s:
        s.add_all([Division(code="370202", name="市南区", level="district"),
                   Division(code="370202010", name="湛山街道", level="street", parent_code="370202")])
        s.flush()
        s.add(Division(code=COMMUNITY, name="湛山社区", level="community", parent_code="370202010"))
        s.add_all([Role(code=code, name=name, permissions=perms)
                   for code, (name, perms) in roles.DEFAULT_ROLES.items()])
        s.add(Category(code="C1", name="环境卫生", time_limit=24))
        s.flush()
        workers = [{"id": uuid7(), "username": f"w{k:03d}", "display_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                    "password_hash": "-", "role_code": roles.GRID_WORKER, "community_code": COMMUNITY}
                   for k in range(math.ceil(cells / 5))]
        s.execute(insert(StaffUser), workers)
        cell_rows, quads = [], []
        for n in range(cells):
            i, j = n % cols, n // cols
            quad = [corners[i][j], corners[i + 1][j], corners[i + 1][j + 1], corners[i][j + 1]]
            ring = [[round(x, 6), round(y, 6)] for x, y in [*quad, quad[0]]]
            quads.append(quad)
            cell_rows.append({
                "id": uuid7(), "code": f"{COMMUNITY}{n + 1:03d}", "name": f"湛山社区第{n + 1}网格",
                "community_code": COMMUNITY, "kind": "basic",
                "geometry_geojson": json.dumps({"type": "Polygon", "coordinates": [ring]}, separators=(",", ":")),
                # one cell in 25 has nobody assigned: the map must say so
                "responsible_staff_id": None if n % 25 == 24 else workers[n // 5]["id"],
            })
        s.execute(insert(GridCell), cell_rows)
        building_rows = []
        for b in range(buildings):
            n = rng.randrange(cells)
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quads[n]
            u, v = rng.uniform(0.08, 0.92), rng.uniform(0.08, 0.92)  # bilinear: inside a convex quad
            lng = (1 - u) * (1 - v) * x0 + u * (1 - v) * x1 + u * v * x2 + (1 - u) * v * x3
            lat = (1 - u) * (1 - v) * y0 + u * (1 - v) * y1 + u * v * y2 + (1 - u) * v * y3
            building_rows.append({
                "id": uuid7(), "community_code": COMMUNITY, "grid_cell_id": cell_rows[n]["id"],
                "name": f"{b % 40 + 1}号楼", "address": f"湛山{b % 9 + 1}路{b + 1}号",
                "latitude": round(lat, 6), "longitude": round(lng, 6), "kind": "residential",
            })
        s.execute(insert(Building), building_rows)
        request_rows = []
        for n, cell in enumerate(cell_rows):
            # most cells have a few open requests, a few have many (a skewed, realistic spread)
            open_count = min(40, int(rng.expovariate(1 / 4)))
            for k in range(open_count + 3):
                stage = rng.choice(OPEN_STAGES) if k < open_count else rng.choice(FINISHED_STAGES)
                request_rows.append({
                    "id": uuid7(), "ticket_no": f"T{n:03d}{k:03d}", "community_code": COMMUNITY,
                    "category_code": "C1", "channel": "walk_in", "title": "井盖破损", "stage": stage,
                    "grid_cell_id": cell["id"], "reported_at": NOW - timedelta(days=k + 1),
                })
        s.execute(insert(ServiceRequest), request_rows)
        s.commit()
    engine.dispose()
    return path
