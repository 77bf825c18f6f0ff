"""What the grid-import dialog says: the preview table's columns, the summary line, a
feature's details, what a repair changes and what the import did. Plain functions over
core's frozen preview and result, so the dialog stays about widgets and threads."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from community_app.core.grid_import import FeaturePreview, GridImportPreview, GridImportResult
from community_app.core.place_rules import PlaceError
from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.models.place_models import CENTER, RIGHT, Column
from community_app.ui.place_texts import GRID_KIND_NAMES, code_name, number, problem_text

translate = QCoreApplication.translate

READY = QT_TRANSLATE_NOOP("GridImport", "可以导入")
HAS_PROBLEMS = QT_TRANSLATE_NOOP("GridImport", "有问题，不能导入")
REPAIRABLE = QT_TRANSLATE_NOOP("GridImport", "边界不合法，可修复")
REPAIRED = QT_TRANSLATE_NOOP("GridImport", "修复后导入")
WITH_WARNINGS = QT_TRANSLATE_NOOP("GridImport", "可以导入（有提醒）")
NEW_CELL = QT_TRANSLATE_NOOP("GridImport", "新增")
UPDATE_CELL = QT_TRANSLATE_NOOP("GridImport", "更新边界")
DANGER, WARNING = "#C62828", "#B86E00"


def _tr(text: str) -> str:
    return translate("GridImport", text)


def feature_state(f: FeaturePreview, repair: bool) -> str:
    if f.problems:
        return _tr(HAS_PROBLEMS)
    if f.invalid:
        return _tr(REPAIRED) if repair and f.repair else _tr(REPAIRABLE)
    return _tr(WITH_WARNINGS) if f.warnings else _tr(READY)


def preview_columns(repair: bool) -> tuple[Column, ...]:
    """The preview table; the state column reads differently once the repair is accepted."""
    return (
        Column("index", QT_TRANSLATE_NOOP("PlaceTable", "序号"), lambda f: str(f.index), sort=lambda f: f.index,
               align=CENTER),
        Column("code", QT_TRANSLATE_NOOP("PlaceTable", "编码"), lambda f: f.code or "—", muted=lambda f: not f.code),
        Column("name", QT_TRANSLATE_NOOP("PlaceTable", "网格名称"), lambda f: f.name or "—",
               muted=lambda f: not f.name),
        Column("kind", QT_TRANSLATE_NOOP("PlaceTable", "类型"), lambda f: code_name(GRID_KIND_NAMES, f.kind)),
        Column("area", QT_TRANSLATE_NOOP("PlaceTable", "面积（㎡）"),
               lambda f: "—" if f.area_m2 is None else number(f.area_m2), sort=lambda f: f.area_m2 or 0.0,
               align=RIGHT),
        Column("action", QT_TRANSLATE_NOOP("PlaceTable", "导入后"),
               lambda f: _tr(UPDATE_CELL) if f.exists else _tr(NEW_CELL)),
        Column("state", QT_TRANSLATE_NOOP("PlaceTable", "检查结果"), lambda f: feature_state(f, repair),
               alert=lambda f: bool(f.problems) or (bool(f.invalid) and not repair),
               warn=lambda f: bool(f.warnings) or bool(f.invalid)),
    )


def status_text(*, chosen: bool, checking: bool, file_error: PlaceError | None,
                preview: GridImportPreview | None) -> str:
    """The line under the options: what the check found, in one sentence or two."""
    if not chosen:
        return translate("GridImport", "请先选择文件。")
    if checking:
        return translate("GridImport", "正在检查文件…")
    if file_error is not None:
        return "\n".join(problem_text(p) for p in file_error.problems)
    if preview is None:
        return ""
    bad = len([f for f in preview.features if f.problems])
    invalid = len([f for f in preview.features if not f.problems and f.invalid])
    parts = [translate("GridImport", "文件中共有 %1 个网格。").replace("%1", number(len(preview.features)))]
    if bad:
        parts.append(translate("GridImport", "%1 个有问题，需要修改文件后重新选择。").replace("%1", number(bad)))
    if invalid:
        parts.append(translate("GridImport", "%1 个边界不合法，可以自动修复。").replace("%1", number(invalid)))
    if not bad and not invalid:
        parts.append(translate("GridImport", "检查通过，可以导入。"))
    return "".join(parts)


def repair_summary(preview: GridImportPreview) -> str:
    lines = [translate("GridImport",
                       "自动修复会把自相交等不合法的边界拆分、重建为合法的面（可能分成几块），结果如下：")]
    for f in preview.features:
        if f.repair is None:
            continue
        lines.append(translate("GridImport", "第 %1 个（%2）：修复前 %3 块、面积约 %4 ㎡；修复后 %5 块、面积约 %6 ㎡。")
                     .replace("%1", str(f.index)).replace("%2", f.code or "—")
                     .replace("%3", number(f.repair.parts_before)).replace("%4", number(f.repair.area_before_m2))
                     .replace("%5", number(f.repair.parts_after)).replace("%6", number(f.repair.area_after_m2)))
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _line(text: str, colour: str | None = None, mark: str = "") -> str:
    body = _escape(f"{mark} {text}" if mark else text)
    return f"<span style='color:{colour}'>{body}</span>" if colour else body


def feature_details(f: FeaturePreview | None) -> str:
    """Rich text: everything the check found about one feature."""
    if f is None:
        return _escape(translate("GridImport", "选中一行可查看详细的检查结果。"))
    title = translate("GridImport", "第 %1 个网格").replace("%1", str(f.index))
    if f.code:
        title += f"（{f.code}{' ' + f.name if f.name else ''}）"
    lines = [f"<b>{_escape(title)}</b>"]
    lines += [_line(problem_text(p), DANGER, "✖") for p in f.problems]
    lines += [_line(problem_text(p), WARNING, "⚠") for p in f.invalid]
    if f.repair is not None:
        shape = (translate("GridImport", "多个面") if f.repair.type_after == "MultiPolygon"
                 else translate("GridImport", "一个面"))
        lines.append(_line(translate("GridImport",
                                     "自动修复后：%1 块（%2），面积约 %3 ㎡；修复前 %4 块，面积约 %5 ㎡。")
                           .replace("%1", number(f.repair.parts_after)).replace("%2", shape)
                           .replace("%3", number(f.repair.area_after_m2))
                           .replace("%4", number(f.repair.parts_before))
                           .replace("%5", number(f.repair.area_before_m2))))
    lines += [_line(problem_text(p), WARNING, "⚠") for p in f.warnings]
    if len(lines) == 1:
        lines.append(_escape(translate("GridImport", "没有发现问题。")))
    return "<br>".join(lines)


def result_text(r: GridImportResult) -> str:
    lines = [translate("GridImport", "导入完成：新增 %1 个网格，更新 %2 个网格。")
             .replace("%1", number(len(r.created))).replace("%2", number(len(r.updated)))]
    if r.repaired:
        lines.append(translate("GridImport", "其中 %1 个网格的边界已自动修复。").replace("%1", number(len(r.repaired))))
    lines.append(translate("GridImport", "已按坐标重新划分 %1 栋楼，其中 %2 栋换了网格。")
                 .replace("%1", number(r.buildings_checked)).replace("%2", number(r.buildings_moved)))
    if r.outside:
        lines.append(translate("GridImport",
                               "有 %1 栋楼不在任何网格内，已标记出来，请在“网格外楼栋”中核对坐标或网格边界。")
                     .replace("%1", number(len(r.outside))))
    return "\n".join(lines)
