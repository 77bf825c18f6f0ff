"""WGS-84 ↔ GCJ-02 against published reference pairs, the iterative inverse, and
point-in-polygon assignment of many points to cells."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import MultiPolygon, Point, Polygon, box

from community_app.core.geo import (
    NO_CELL,
    area_m2,
    assign_points,
    distance_m,
    gcj02_to_wgs84,
    geometry_gcj02_to_wgs84,
    geometry_wgs84_to_gcj02,
    out_of_china,
    wgs84_to_gcj02,
)

# (wgs lat, wgs lng, gcj lat, gcj lng): the test vectors published with eviltransform
REFERENCE = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # Shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # Shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # Beijing
]


@pytest.mark.parametrize(("wlat", "wlng", "glat", "glng"), REFERENCE)
def test_forward_matches_the_published_pairs(wlat: float, wlng: float, glat: float, glng: float) -> None:
    lng, lat = wgs84_to_gcj02(wlng, wlat)
    assert isinstance(lng, float)
    assert lng == pytest.approx(glng, abs=1e-9) and lat == pytest.approx(glat, abs=1e-9)


@pytest.mark.parametrize(("wlat", "wlng", "glat", "glng"), REFERENCE)
def test_inverse_recovers_wgs84_within_a_millionth_of_a_degree(wlat: float, wlng: float, glat: float,
                                                                glng: float) -> None:
    lng, lat = gcj02_to_wgs84(glng, glat)
    assert abs(lng - wlng) < 1e-6 and abs(lat - wlat) < 1e-6
    assert distance_m(lng, lat, wlng, wlat) < 0.01  # a centimetre


def test_the_shift_in_qingdao_is_hundreds_of_metres_and_the_round_trip_is_exact() -> None:
    rng = np.random.default_rng(7)
    lngs, lats = rng.uniform(120.30, 120.45, 2000), rng.uniform(36.04, 36.12, 2000)
    glngs, glats = wgs84_to_gcj02(lngs, lats)
    shifts = [distance_m(a, b, c, d) for a, b, c, d in zip(lngs[:50], lats[:50], glngs[:50], glats[:50],
                                                         strict=True)]
    assert min(shifts) > 200 and max(shifts) < 800
    back_lngs, back_lats = gcj02_to_wgs84(glngs, glats)
    assert np.max(np.abs(back_lngs - lngs)) < 1e-6 and np.max(np.abs(back_lats - lats)) < 1e-6


def test_points_outside_china_are_not_shifted() -> None:
    for lng, lat in [(2.3522, 48.8566), (-74.006, 40.7128), (151.2093, -33.8688)]:
        assert out_of_china(lng, lat)
        assert wgs84_to_gcj02(lng, lat) == (lng, lat)
        assert gcj02_to_wgs84(lng, lat) == (lng, lat)
    lngs, lats = wgs84_to_gcj02(np.array([2.3522, 120.38]), np.array([48.8566, 36.06]))
    assert lngs[0] == 2.3522 and lats[0] == 48.8566
    assert lngs[1] != 120.38


def test_geometries_convert_vertex_by_vertex() -> None:
    cell = box(120.38, 36.06, 120.39, 36.07)
    gcj = geometry_wgs84_to_gcj02(cell)
    assert not gcj.equals(cell)
    back = geometry_gcj02_to_wgs84(gcj)
    assert np.allclose(np.asarray(back.exterior.coords), np.asarray(cell.exterior.coords), atol=1e-9)


def test_area_in_square_metres() -> None:
    # 0.01° × 0.01° at 36°N: about 900 m × 1110 m
    assert area_m2(box(120.38, 36.06, 120.39, 36.07)) == pytest.approx(899.4 * 1109.6, rel=0.003)
    assert area_m2(Polygon()) == 0.0


def test_points_are_assigned_to_the_cell_that_contains_them() -> None:
    west, east = box(0.0, 0.0, 1.0, 1.0), box(1.0, 0.0, 2.0, 1.0)
    islands = MultiPolygon([box(5, 5, 6, 6), box(8, 8, 9, 9)])
    lngs = [0.5, 1.5, 1.0, 8.5, 3.0, 5.5]
    lats = [0.5, 0.5, 0.5, 8.5, 3.0, 5.5]
    found = assign_points([west, east, islands], lngs, lats)
    # on the shared edge x=1 the first cell wins; (3, 3) is in no cell
    assert found.tolist() == [0, 1, 0, 2, NO_CELL, 2]


def test_many_points_in_one_query() -> None:
    cells = [box(c, r, c + 1, r + 1) for r in range(10) for c in range(10)]
    rng = np.random.default_rng(3)
    xs, ys = rng.uniform(-1, 11, 20_000), rng.uniform(-1, 11, 20_000)
    found = assign_points(cells, xs, ys)
    inside = (xs >= 0) & (xs <= 10) & (ys >= 0) & (ys <= 10)
    assert np.all((found == NO_CELL) == ~inside)
    sample = np.flatnonzero(inside)[:500]
    for i in sample:
        assert cells[found[i]].covers(Point(xs[i], ys[i]))


def test_no_cells_or_no_points() -> None:
    assert assign_points([], [1.0], [2.0]).tolist() == [NO_CELL]
    assert assign_points([box(0, 0, 1, 1)], [], []).tolist() == []
