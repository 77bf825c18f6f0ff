"""Hand-made map snapshots for the builder tests (no database needed)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from community_app.core.map_data import MapBuilding, MapCell, MapSnapshot

AS_OF = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
# a name a careless page would turn into markup or a template
HOSTILE = "</script><script>alert(1)</script>{{ x }}{% y %}"


def square(west: float, south: float, size: float = 0.004) -> str:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def l_shape(west: float, south: float) -> str:
    """Concave: its centroid lies outside it, so the label must be placed elsewhere."""
    d = 0.004
    ring = [[west, south], [west + 3 * d, south], [west + 3 * d, south + d], [west + d, south + d],
            [west + d, south + 3 * d], [west, south + 3 * d], [west, south]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def cells() -> tuple[MapCell, ...]:
    return (
        MapCell("c1", "370202010004001", "湛山社区第一网格", "王丽", square(120.380, 36.060), 0),
        MapCell("c2", "370202010004002", "湛山社区第二网格", "赵强", square(120.384, 36.060), 4),
        MapCell("c3", "370202010004003", "湛山社区第三网格", None, square(120.388, 36.060), 25),
        MapCell("c4", "370202010004004", "湛山社区第四网格", "刘𠮷", l_shape(120.380, 36.064), 12),
    )


def buildings() -> tuple[MapBuilding, ...]:
    return (
        MapBuilding("b1", "1号楼", "湛山三路1号", 36.061, 120.381, "c1"),
        MapBuilding("b2", HOSTILE, "湛山三路2号 & 3号", 36.062, 120.386, "c2"),
        MapBuilding("b3", "外来楼", "湛山三路99号", 36.070, 120.399, None),
    )


def snapshot(**changes: object) -> MapSnapshot:
    values: dict[str, object] = {
        "community_code": "370202010004", "community_name": "湛山社区", "cells": cells(),
        "buildings": buildings(), "as_of": AS_OF,
    }
    values.update(changes)
    return MapSnapshot(**values)  # type: ignore[arg-type]
