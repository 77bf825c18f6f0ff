"""What the import wizard says: names of the register's fields, the file's description,
the preview's and the result's summaries. Plain functions over core's frozen results, so
the wizard's widgets stay about widgets and threads.

Messages about single rows come from core in Chinese with the row's values in them; they
are shown as they are (core_message translates the ones that have a translation)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from community_app.core.importing import Analysis, ImportReport, Preview
from community_app.core.importing.cells import FIX_DATE_SERIAL, FIX_FULLWIDTH, FIX_NUMBER, FIX_SPACES
from community_app.ui.i18n import QT_TRANSLATE_NOOP
from community_app.ui.place_texts import number

CONTEXT = "ImportWizard"

# the register's fields, in the order the mapping lists them (codes from core.importing.FIELDS)
FIELD_NAMES: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("ImportWizard", "姓名"),
    "sex": QT_TRANSLATE_NOOP("ImportWizard", "性别"),
    "id_number": QT_TRANSLATE_NOOP("ImportWizard", "身份证号"),
    "phone": QT_TRANSLATE_NOOP("ImportWizard", "联系电话"),
    "birth_date": QT_TRANSLATE_NOOP("ImportWizard", "出生日期"),
    "ethnicity": QT_TRANSLATE_NOOP("ImportWizard", "民族"),
    "address": QT_TRANSLATE_NOOP("ImportWizard", "住址"),
    "building": QT_TRANSLATE_NOOP("ImportWizard", "楼栋"),
    "unit": QT_TRANSLATE_NOOP("ImportWizard", "单元"),
    "room": QT_TRANSLATE_NOOP("ImportWizard", "房号"),
    "relation_to_head": QT_TRANSLATE_NOOP("ImportWizard", "与户主关系"),
    "residence_type": QT_TRANSLATE_NOOP("ImportWizard", "人员类别"),
    "tags": QT_TRANSLATE_NOOP("ImportWizard", "标签（特殊人群）"),
    "notes": QT_TRANSLATE_NOOP("ImportWizard", "备注"),
}
FIX_NAMES: dict[int, str] = {
    FIX_FULLWIDTH: QT_TRANSLATE_NOOP("ImportWizard", "全角字符改为半角：%1 处"),
    FIX_SPACES: QT_TRANSLATE_NOOP("ImportWizard", "去掉多余的空格、换行：%1 处"),
    FIX_DATE_SERIAL: QT_TRANSLATE_NOOP("ImportWizard", "数字形式的日期转换为日期：%1 处"),
    FIX_NUMBER: QT_TRANSLATE_NOOP("ImportWizard", "去掉号码末尾的“.0”：%1 处"),
}


translate = QCoreApplication.translate


def fill(text: str, *values: object) -> str:
    """Qt-style %1 %2 … placeholders, so translators can reorder them."""
    for i, value in enumerate(values, 1):
        text = text.replace(f"%{i}", str(value))
    return text


def field_name(field: str | None) -> str:
    return translate(CONTEXT, FIELD_NAMES[field]) if field else translate("ImportWizard", "（不导入）")


def file_text(analysis: Analysis) -> str:
    """「Excel工作簿，工作表「居民信息」，约 1,234 行数据。」"""
    if analysis.kind == "csv":
        encoding = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GBK", "utf-16": "UTF-16"}.get(
            analysis.encoding or "", analysis.encoding or "")
        text = fill(translate("ImportWizard", "CSV文件（%1 编码）"), encoding)
    else:
        text = fill(translate("ImportWizard", "Excel工作簿，工作表「%1」"), analysis.sheet)
    if analysis.estimated_rows:
        text += fill(translate("ImportWizard", "，约 %1 行数据"), number(analysis.estimated_rows))
    return text + translate("ImportWizard", "。")


def header_text(analysis: Analysis) -> str:
    layout = analysis.layout
    if not any(c.field for c in layout.columns):
        return fill(translate("ImportWizard", "没有认出表头。已把第 %1 行当作表头，请为每一列选择要导入的内容。"),
                    layout.header_first_row)
    if layout.header_first_row == layout.header_last_row:
        rows = fill(translate("ImportWizard", "第 %1 行"), layout.header_first_row)
    else:
        rows = fill(translate("ImportWizard", "第 %1–%2 行"), layout.header_first_row, layout.header_last_row)
    return fill(translate("ImportWizard", "表头在%1，数据从第 %2 行开始。已按表头认出各列，请核对，有误的请改选。"),
                rows, layout.data_first_row)


def preview_text(preview: Preview) -> str:
    shown = len(preview.rows)
    if not shown:
        return translate("ImportWizard", "表头下面没有数据。请确认选对了文件和工作表。")
    bad = len([r for r in preview.rows if not r.ok])
    warned = sum(1 for r in preview.rows for p in r.problems if p.severity != "error")
    text = fill(translate("ImportWizard", "预览前 %1 行："), number(shown))
    if bad:
        text += fill(translate("ImportWizard", "%1 行有错误（红色单元格，鼠标停在上面可看原因）"), number(bad))
    else:
        text += translate("ImportWizard", "没有发现错误")
    if warned:
        text += fill(translate("ImportWizard", "，另有 %1 条提醒"), number(warned))
    return text + translate("ImportWizard", "。其余的行在导入时同样检查。")


def result_text(report: ImportReport) -> str:
    """What the import did, in a sentence or three."""
    if report.cancelled:
        return translate("ImportWizard", "导入已取消，数据库没有任何改动。")
    text = fill(translate("ImportWizard", "共 %1 行数据，%2 行有效，%3 行有错误。"), number(report.rows_total),
                number(report.rows_valid), number(report.rows_invalid))
    if report.empty_rows:
        text += fill(translate("ImportWizard", "另有 %1 个空行已跳过。"), number(report.empty_rows))
    if not report.committed:
        return text + translate("ImportWizard",
                                "按“全部有效才导入”的要求，没有导入任何数据；请按报告改正文件后重新导入。")
    text += fill(translate("ImportWizard", "已新增 %1 人，更新 %2 人，%3 人信息没有变化。"), number(report.created),
                 number(report.updated), number(report.unchanged))
    if report.households_created:
        text += fill(translate("ImportWizard", "新建了 %1 户房屋。"), number(report.households_created))
    if report.rows_invalid:
        text += translate("ImportWizard", "有错误的行没有导入，可保存报告，改正后重新导入这些行。")
    return text


def fixes_text(report: ImportReport) -> str:
    lines = [fill(translate(CONTEXT, FIX_NAMES[flag]), number(count))
             for flag, count in sorted(report.fixes.items()) if count]
    if not lines:
        return ""
    return translate("ImportWizard", "已自动修正：%1。").replace("%1", translate("ImportWizard", "；").join(lines))
