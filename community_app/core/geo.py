"""Coordinates: WGS-84 ↔ GCJ-02 and point-in-polygon assignment to grid cells.

Chinese web maps (高德, 腾讯, 天地图's GCJ layers) publish GCJ-02, an obfuscated datum a
few hundred metres off WGS-84; we store WGS-84 and convert at the edges (DESIGN.md).
The forward transform is the published "eviltransform" formula (Krasovsky ellipsoid);
it has no closed-form inverse, so GCJ-02 → WGS-84 iterates until it moves less than
INVERSE_TOLERANCE degrees (≈1 mm). Points outside China's bounding box are not shifted,
as the obfuscation does not apply there.

Every function takes longitude first (GeoJSON order) and accepts scalars or numpy arrays.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

Floats = npt.NDArray[np.float64]
Number = TypeVar("Number", float, Floats)

# GCJ-02 constants: Krasovsky 1940 semi-major axis and eccentricity squared
_A = 6378245.0
_EE = 0.00669342162296594323
INVERSE_TOLERANCE = 1e-8  # degrees; the brief asks < 1e-6°
_INVERSE_MAX_STEPS = 30
# eviltransform's box: only points inside it are obfuscated
CHINA_LNG = (72.004, 137.8347)
CHINA_LAT = (0.8293, 55.8271)
NO_CELL = -1


def out_of_china(lng: Any, lat: Any) -> Any:
    """True (elementwise) where the point lies outside the box GCJ-02 applies to."""
    lng, lat = np.asarray(lng, dtype=float), np.asarray(lat, dtype=float)
    return (lng < CHINA_LNG[0]) | (lng > CHINA_LNG[1]) | (lat < CHINA_LAT[0]) | (lat > CHINA_LAT[1])


def _offset(lng: Floats, lat: Floats) -> tuple[Floats, Floats]:
    """The GCJ-02 shift (d_lng, d_lat) in degrees at a WGS-84 point (no China check)."""
    x, y = lng - 105.0, lat - 35.0
    x_pi, y_pi = x * np.pi, y * np.pi
    common = 20.0 * np.sin(6.0 * x_pi) + 20.0 * np.sin(2.0 * x_pi)
    d_lat = common + 20.0 * np.sin(y_pi) + 40.0 * np.sin(y_pi / 3.0)
    d_lng = common + 20.0 * np.sin(x_pi) + 40.0 * np.sin(x_pi / 3.0)
    d_lat = d_lat + 160.0 * np.sin(y_pi / 12.0) + 320.0 * np.sin(y_pi / 30.0)
    d_lng = d_lng + 150.0 * np.sin(x_pi / 12.0) + 300.0 * np.sin(x_pi / 30.0)
    d_lat = d_lat * 2.0 / 3.0 - 100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    d_lng = d_lng * 2.0 / 3.0 + 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    rad_lat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    d_lng = (d_lng * 180.0) / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return d_lng, d_lat


def _back(value: Floats, like: Any) -> Any:
    return float(value) if np.ndim(like) == 0 else value


def wgs84_to_gcj02(lng: Number, lat: Number) -> tuple[Number, Number]:
    """WGS-84 → GCJ-02 (what 高德/腾讯 maps show)."""
    x, y = np.asarray(lng, dtype=float), np.asarray(lat, dtype=float)
    d_lng, d_lat = _offset(x, y)
    outside = out_of_china(x, y)
    return _back(np.where(outside, x, x + d_lng), lng), _back(np.where(outside, y, y + d_lat), lat)


def gcj02_to_wgs84(lng: Number, lat: Number) -> tuple[Number, Number]:
    """GCJ-02 → WGS-84 by fixed-point iteration: find w with forward(w) = g.

    The shift varies slowly (its derivative is ~1e-5), so each step gains about five
    digits; three or four steps reach INVERSE_TOLERANCE.
    """
    g_lng, g_lat = np.asarray(lng, dtype=float), np.asarray(lat, dtype=float)
    w_lng, w_lat = g_lng.copy(), g_lat.copy()
    for _ in range(_INVERSE_MAX_STEPS):
        d_lng, d_lat = _offset(w_lng, w_lat)
        new_lng, new_lat = g_lng - d_lng, g_lat - d_lat
        moved = max(float(np.max(np.abs(new_lng - w_lng), initial=0.0)),
                    float(np.max(np.abs(new_lat - w_lat), initial=0.0)))
        w_lng, w_lat = new_lng, new_lat
        if moved < INVERSE_TOLERANCE:
            break
    outside = out_of_china(g_lng, g_lat)
    return _back(np.where(outside, g_lng, w_lng), lng), _back(np.where(outside, g_lat, w_lat), lat)


def _coords_gcj_to_wgs(coords: Floats) -> Floats:
    lng, lat = gcj02_to_wgs84(coords[:, 0], coords[:, 1])
    return np.column_stack([lng, lat])


def _coords_wgs_to_gcj(coords: Floats) -> Floats:
    lng, lat = wgs84_to_gcj02(coords[:, 0], coords[:, 1])
    return np.column_stack([lng, lat])


G = TypeVar("G", bound=BaseGeometry)


def geometry_gcj02_to_wgs84(geometry: G) -> G:
    """Every vertex of a shapely geometry converted GCJ-02 → WGS-84."""
    return shapely.transform(geometry, _coords_gcj_to_wgs)  # type: ignore[no-any-return]


def geometry_wgs84_to_gcj02(geometry: G) -> G:
    return shapely.transform(geometry, _coords_wgs_to_gcj)  # type: ignore[no-any-return]


def distance_m(lng1: float, lat1: float, lng2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine on the mean Earth radius)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lng2 - lng1)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return float(2 * 6371008.8 * np.arcsin(np.sqrt(h)))


# ---- grid cells -------------------------------------------------------------------------
def geometry_from_geojson(text: str) -> BaseGeometry:
    """A stored cell's GeoJSON text as a shapely geometry."""
    return shape(json.loads(text))


def assign_points(polygons: Sequence[BaseGeometry], lngs: Any, lats: Any) -> npt.NDArray[np.intp]:
    """For each point, the index of the polygon containing it, or NO_CELL (-1).

    One vectorized STRtree query for all points. A point on a shared boundary touches two
    cells; it goes to the lowest index, so callers order the polygons (by cell code) to
    make the choice stable. Boundary points count as inside: a building drawn on the line
    belongs to a cell, it is not "outside every cell".
    """
    lngs, lats = np.asarray(lngs, dtype=float).ravel(), np.asarray(lats, dtype=float).ravel()
    result = np.full(len(lngs), NO_CELL, dtype=np.intp)
    if not len(lngs) or not len(polygons):
        return result
    points = shapely.points(lngs, lats)
    tree = shapely.STRtree(list(polygons))
    point_idx, polygon_idx = tree.query(points, predicate="intersects")
    if len(point_idx):
        # keep the lowest polygon index per point: sort by (point, polygon), take firsts
        order = np.lexsort((polygon_idx, point_idx))
        point_idx, polygon_idx = point_idx[order], polygon_idx[order]
        first = np.ones(len(point_idx), dtype=bool)
        first[1:] = point_idx[1:] != point_idx[:-1]
        result[point_idx[first]] = polygon_idx[first]
    return result


# ---- metres ---------------------------------------------------------------------------------
def metres_per_degree(lat: float) -> tuple[float, float]:
    """(metres per degree of longitude, of latitude) at a latitude on the WGS-84 ellipsoid."""
    phi = np.radians(lat)
    per_lng = 111412.84 * np.cos(phi) - 93.5 * np.cos(3 * phi) + 0.118 * np.cos(5 * phi)
    per_lat = 111132.954 - 559.822 * np.cos(2 * phi) + 1.175 * np.cos(4 * phi)
    return float(per_lng), float(per_lat)


def to_local_metres(geometry: G, lat0: float) -> G:
    """The geometry in a flat local frame (metres), good for areas and distances within a
    street: the scale error across a few kilometres is far below a metre."""
    scale = np.array(metres_per_degree(lat0))
    return shapely.transform(geometry, lambda coords: coords * scale)  # type: ignore[no-any-return]


def area_m2(geometry: BaseGeometry) -> float:
    """Area in square metres of a lon/lat geometry (0 for an empty one)."""
    if geometry.is_empty:
        return 0.0
    _minx, miny, _maxx, maxy = geometry.bounds  # not the centroid: an invalid ring may have none
    return float(to_local_metres(geometry, (miny + maxy) / 2).area)
