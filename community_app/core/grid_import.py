"""Import grid-cell polygons from a GeoJSON file.

Accepted: a FeatureCollection, a single Feature, or a bare Polygon / MultiPolygon. A
feature's code, name and kind come from its properties (code/编码/网格编码,
name/名称/网格名称, kind/类型/网格类型). Coordinates are WGS-84, or GCJ-02 (from 高德 or
腾讯 maps) converted on import with source_crs="gcj02".

preview_grid_import() checks everything and says, per feature, what is wrong: wrong
geometry type, coordinates out of range (projected metres, or latitude and longitude
swapped), a missing code, or an invalid polygon (self-intersecting …, from shapely's
validity check). Invalid polygons can be repaired with shapely.make_valid; the preview
shows what the repair changes (area and number of parts) so the user decides.

import_grid_cells() imports all features or none (one transaction, the caller commits):
a code that exists in the community updates that cell's geometry; then every building
of the community is reassigned by point-in-polygon, and those in no cell are returned
(and stay listable through buildings_outside_cells) — flagged, never dropped.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import changes
from community_app.core import place_rules as rules
from community_app.core.auth import CurrentUser
from community_app.core.cell_assignment import (
    OutsideBuilding,
    Progress,
    buildings_outside_cells,
    reassign_buildings,
)
from community_app.core.geo import (
    NO_CELL,
    area_m2,
    assign_points,
    geometry_gcj02_to_wgs84,
    geometry_wgs84_to_gcj02,
    to_local_metres,
)
from community_app.core.geojson_cells import (
    CODE_KEYS,
    KIND_KEYS,
    KIND_WORDS,
    MESSAGES,
    NAME_KEYS,
    GridImportError,
    SourceCrs,
    check_geometry,
    part_count,
    problem,
    raw_features,
    read_geojson_file,
    text_property,
)
from community_app.core.problems import Problem
from db.models import Building, GridCell

__all__ = ["MESSAGES", "FeaturePreview", "GridImportError", "GridImportPreview", "GridImportResult",
           "RepairPreview", "SourceCrs", "buildings_outside_cells", "import_grid_cells", "preview_grid_import",
           "read_geojson_file"]

OVERLAP_SHARE = 0.01  # overlaps smaller than 1 % of the smaller cell are drawing noise
CRS_HINT_SHARE = 0.10  # the other datum must put this share of the buildings more inside
IOU_HINT_GAIN = 0.2  # … or overlap the cells' old boundaries this much better (intersection over union)

@dataclass(frozen=True)
class RepairPreview:
    """What shapely.make_valid does to an invalid polygon."""

    area_before_m2: float  # as the invalid ring computes it (a bow-tie's halves cancel out)
    area_after_m2: float
    parts_before: int
    parts_after: int
    type_after: str  # Polygon or MultiPolygon


@dataclass(frozen=True)
class FeaturePreview:
    index: int  # 1-based position in the file
    code: str | None
    name: str | None
    kind: str
    geometry_type: str | None
    area_m2: float | None  # of the geometry that would be stored
    parts: int
    exists: bool  # a cell with this code exists in the community: its geometry is replaced
    problems: tuple[Problem, ...]  # block the import
    invalid: tuple[Problem, ...]  # an invalid polygon: blocks it unless repaired
    repair: RepairPreview | None  # set when invalid and make_valid leaves a polygon
    warnings: tuple[Problem, ...]

    def importable(self, repair: bool) -> bool:
        return not self.problems and (not self.invalid or (repair and self.repair is not None))


@dataclass(frozen=True)
class GridImportPreview:
    source_crs: SourceCrs
    features: tuple[FeaturePreview, ...]
    warnings: tuple[Problem, ...]  # about the whole file (e.g. the coordinate system)
    asks_for_code: bool  # one feature without a code: the caller may supply default_code/name

    @property
    def needs_repair(self) -> bool:
        return any(f.invalid for f in self.features)

    def can_import(self, repair: bool = False) -> bool:
        return bool(self.features) and all(f.importable(repair) for f in self.features)

    def blocked(self, repair: bool = False) -> list[FeaturePreview]:
        return [f for f in self.features if not f.importable(repair)]


@dataclass(frozen=True)
class GridImportResult:
    created: tuple[str, ...]  # codes
    updated: tuple[str, ...]
    repaired: tuple[str, ...]
    buildings_checked: int
    buildings_moved: int
    rows_changed: int  # buildings, households and residents whose cell changed
    outside: tuple[OutsideBuilding, ...]  # buildings in no cell: flagged for the user


@dataclass(frozen=True)
class _Prepared:
    preview: FeaturePreview
    geometry: BaseGeometry | None  # WGS-84, valid when no problem and not invalid
    repaired: BaseGeometry | None  # WGS-84 make_valid result
    kind_given: bool


# ---- preview ---------------------------------------------------------------------------------
def _analyse(session: Session, community_code: str, text: str, source_crs: SourceCrs,
             default_code: str | None, default_name: str | None) -> tuple[GridImportPreview, list[_Prepared]]:
    features = raw_features(text)
    asks_for_code = len(features) == 1 and text_property(features[0][1], CODE_KEYS) is None
    codes = [text_property(p, CODE_KEYS) or (default_code.strip() if asks_for_code and default_code else None)
             for _g, p in features]
    known = {c.code: c for c in session.scalars(
        select(GridCell).where(GridCell.code.in_([c for c in codes if c])))}
    first_index: dict[str, int] = {}
    prepared: list[_Prepared] = []
    for index, ((raw, properties), code) in enumerate(zip(features, codes, strict=True), start=1):
        problems, invalid, geometry, repaired, geometry_type = check_geometry(raw, source_crs)
        given_name = default_name.strip() if asks_for_code and default_name else None
        name = text_property(properties, NAME_KEYS) or given_name
        kind_text = text_property(properties, KIND_KEYS)
        kind = KIND_WORDS.get(kind_text or "basic", "")
        existing = known.get(code) if code else None
        problems += _label_problems(code, name, kind_text, kind, existing, community_code, first_index, index)
        shown = repaired if geometry is not None and invalid else geometry
        repair = None
        if invalid and repaired is not None and geometry is not None:
            repair = RepairPreview(area_m2(geometry), area_m2(repaired), part_count(geometry), part_count(repaired),
                                   repaired.geom_type)
        preview = FeaturePreview(
            index, code, name or (existing.name if existing else None), kind or "basic", geometry_type,
            area_m2(shown) if shown is not None else None, part_count(shown) if shown is not None else 0,
            existing is not None and existing.community_code == community_code,
            tuple(problems), tuple(invalid), repair, ())
        prepared.append(_Prepared(preview, geometry, repaired, kind_text is not None))
    prepared = _with_overlap_warnings(session, community_code, prepared)
    preview = GridImportPreview(source_crs, tuple(p.preview for p in prepared),
                                tuple(_crs_hint(session, community_code, prepared, source_crs)), asks_for_code)
    return preview, prepared


def _label_problems(code: str | None, name: str | None, kind_text: str | None, kind: str,
                    existing: GridCell | None, community_code: str, first_index: dict[str, int],
                    index: int) -> list[Problem]:
    problems = []
    if code is None:
        problems.append(problem("missing_code", "code"))
    elif len(code) > rules.CELL_CODE_MAX:
        problems.append(problem("code_too_long", "code", limit=rules.CELL_CODE_MAX))
    elif code in first_index:
        problems.append(problem("duplicate_code_in_file", "code", code=code, first=first_index[code]))
    else:
        first_index[code] = index
        if existing is not None and existing.community_code != community_code:
            problems.append(problem("code_in_other_community", "code", code=code))
    if name is None and existing is None:  # a re-import may leave the name as it is
        problems.append(problem("missing_name", "name"))
    elif name is not None and len(name) > rules.NAME_MAX:
        problems.append(problem("name_too_long", "name", limit=rules.NAME_MAX))
    if not kind:
        problems.append(problem("unknown_kind", "kind", kind=kind_text))
    return problems


def _final(p: _Prepared) -> BaseGeometry | None:
    if p.preview.problems or p.geometry is None:
        return None
    return p.repaired if p.preview.invalid else p.geometry


def _with_overlap_warnings(session: Session, community_code: str, prepared: list[_Prepared]) -> list[_Prepared]:
    """Warn where a cell overlaps another one in the file, or a cell of the community the
    file leaves as it is."""
    shapes = [(p.preview.code or f"#{p.preview.index}", g, i) for i, p in enumerate(prepared)
              if (g := _final(p)) is not None]
    replaced = {p.preview.code for p in prepared}
    for cell in session.scalars(select(GridCell).where(GridCell.community_code == community_code,
                                                       GridCell.deleted_at.is_(None))):
        if cell.code not in replaced:
            geometry = shape(json.loads(cell.geometry_geojson))
            shapes.append((cell.code, geometry if geometry.is_valid else shapely.make_valid(geometry), -1))
    if len(shapes) < 2:
        return prepared
    lat0 = float(np.mean([g.centroid.y for _c, g, _i in shapes]))
    local = [to_local_metres(g, lat0) for _c, g, _i in shapes]
    tree = shapely.STRtree(local)
    left, right = tree.query(local, predicate="intersects")
    warnings: dict[int, list[Problem]] = {}
    for a, b in zip(left, right, strict=True):
        if a == b or shapes[a][2] < 0:
            continue
        overlap = local[a].intersection(local[b]).area
        if overlap > OVERLAP_SHARE * min(local[a].area, local[b].area):
            warnings.setdefault(shapes[a][2], []).append(problem("overlaps", other=shapes[b][0],
                                                                 area=f"{overlap:,.0f}"))
    return [dataclasses.replace(p, preview=dataclasses.replace(p.preview, warnings=tuple(warnings[i])))
            if i in warnings else p for i, p in enumerate(prepared)]


def _iou(a: BaseGeometry, b: BaseGeometry) -> float:
    union = a.union(b).area
    return a.intersection(b).area / union if union else 0.0


def _crs_hint(session: Session, community_code: str, prepared: list[_Prepared],
              source_crs: SourceCrs) -> list[Problem]:
    """Is the checkbox probably wrong? GCJ-02 is ~500 m off, so under the wrong reading
    cells re-imported over their old boundary overlap it much less, and fewer of the
    community's buildings fall inside the cells."""
    # the shapes are stored WGS-84: for GCJ-02 input the other reading undoes the conversion
    other_reading = geometry_wgs84_to_gcj02 if source_crs == "gcj02" else geometry_gcj02_to_wgs84
    suffix = "wgs84" if source_crs == "gcj02" else "gcj02"
    pairs = [(p.preview.code, g) for p in prepared if (g := _final(p)) is not None]
    if not pairs:
        return []
    old = {c.code: shape(json.loads(c.geometry_geojson)) for c in session.scalars(
        select(GridCell).where(GridCell.community_code == community_code, GridCell.deleted_at.is_(None),
                               GridCell.code.in_([code for code, _g in pairs])))}
    matched = [(g, old[code]) for code, g in pairs if code in old and old[code].is_valid]
    if matched:
        as_is = float(np.mean([_iou(g, o) for g, o in matched]))
        other = float(np.mean([_iou(other_reading(g), o) for g, o in matched]))
        if other - as_is >= IOU_HINT_GAIN:
            return [problem(f"crs_hint_{suffix}_shape", as_is=round(100 * as_is), other=round(100 * other))]
    points = session.execute(select(Building.longitude, Building.latitude).where(
        Building.community_code == community_code, Building.deleted_at.is_(None))).all()
    if not points:
        return []
    shapes = [g for _code, g in pairs]
    lngs, lats = [p.longitude for p in points], [p.latitude for p in points]
    inside = int(np.sum(assign_points(shapes, lngs, lats) != NO_CELL))
    inside_other = int(np.sum(assign_points([other_reading(g) for g in shapes], lngs, lats) != NO_CELL))
    if inside_other - inside >= max(2, CRS_HINT_SHARE * len(points)):
        return [problem(f"crs_hint_{suffix}", as_is=inside, other=inside_other)]
    return []


def preview_grid_import(session: Session, community_code: str, text: str, source_crs: SourceCrs = "wgs84", *,
                        default_code: str | None = None, default_name: str | None = None) -> GridImportPreview:
    """Check a GeoJSON text without changing anything. Raises GridImportError when the
    text is not usable GeoJSON at all; problems of single features are in the preview."""
    return _analyse(session, community_code, text, source_crs, default_code, default_name)[0]


# ---- import ----------------------------------------------------------------------------------
def import_grid_cells(session: Session, user: CurrentUser, text: str, *, source_crs: SourceCrs = "wgs84",
                      repair: bool = False, community_code: str | None = None, default_code: str | None = None,
                      default_name: str | None = None, progress: Progress | None = None) -> GridImportResult:
    """Create or update the file's cells (all or none), then reassign the community's
    buildings. Flushes; the caller commits."""
    community = community_code or user.community_code
    if community is None:
        raise ValueError("grid cells need a community")
    rules.require_grid(user, community)
    preview, prepared = _analyse(session, community, text, source_crs, default_code, default_name)
    blocked = preview.blocked(repair)
    if blocked:
        raise GridImportError(problem("import_blocked", count=len(blocked)), preview=preview)
    created, updated, repaired = [], [], []
    for item in prepared:
        feature, geometry = item.preview, _final(item)
        assert feature.code is not None and geometry is not None  # blocked() rules both out
        geojson = shapely.to_geojson(geometry)
        cell = session.scalar(select(GridCell).where(GridCell.code == feature.code))
        if cell is None:
            changes.insert(session, GridCell(code=feature.code, name=feature.name, kind=feature.kind,
                                             community_code=community, geometry_geojson=geojson))
            created.append(feature.code)
        else:
            values: dict[str, object] = {"geometry_geojson": geojson, "name": feature.name, "deleted_at": None}
            if item.kind_given:
                values["kind"] = feature.kind
            changes.update(session, cell, **values)
            updated.append(feature.code)
        if feature.invalid:
            repaired.append(feature.code)
    moved = reassign_buildings(session, community, progress)
    return GridImportResult(tuple(created), tuple(updated), tuple(repaired), moved.checked, moved.moved,
                            moved.rows_changed, moved.outside)
