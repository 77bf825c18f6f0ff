"""Writing worksheet XML by hand, the way Excel, WPS or other programs write it — shared
strings, rich text, phonetic guides, formulas with cached values — which openpyxl's own
writer never produces. Used to compare our sheet reader with openpyxl's."""

from __future__ import annotations

import zipfile
from pathlib import Path

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# cellXfs: 0 general, 1 a date (yyyy/m/d), 2 text, 3 a time of day, 4 [h]:mm (a duration)
STYLES = (
    f'<styleSheet xmlns="{NS}"><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy/m/d"/>'
    '<numFmt numFmtId="177" formatCode="[h]:mm"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def _si(text: str) -> str:
    """A shared string's XML: as given when it is XML already, else one <t>."""
    return text if text.startswith("<") else f'<t xml:space="preserve">{text}</t>'


def write_raw_xlsx(path: Path, sheet_data: str, shared: list[str], *, date1904: bool = False,
                   tail: str = "", prefix: str = "", sheets: tuple[str, ...] = ("Sheet1",)) -> Path:
    """A workbook whose first sheet has this <sheetData> body (already XML) and these
    shared strings (plain text, or <si> bodies when they start with "<"). `prefix` writes the
    sheet with a namespace prefix (x:row …)."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{NS}"' if prefix else f'xmlns="{NS}"'
    sheet = (f"{HEAD}<{p}worksheet {xmlns}><{p}dimension ref=\"A1\"/><{p}sheetData>{sheet_data}</{p}sheetData>"
             f"{tail}</{p}worksheet>")
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CT}.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1))
    parts = {
        "[Content_Types].xml": (
            f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>{overrides}'
            f'<Override PartName="/xl/styles.xml" ContentType="{CT}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/></Types>'),
        "_rels/.rels": (f'{HEAD}<Relationships xmlns="{PKG}"><Relationship Id="rId1" Target="xl/workbook.xml" '
                        f'Type="{REL}/officeDocument"/></Relationships>'),
        "xl/workbook.xml": (
            f'{HEAD}<workbook xmlns="{NS}" xmlns:r="{REL}"><workbookPr date1904="{1 if date1904 else 0}"/><sheets>'
            + "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(sheets, 1))
            + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            f'{HEAD}<Relationships xmlns="{PKG}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(sheets) + 1))
            + f'<Relationship Id="rS" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        "xl/styles.xml": HEAD + STYLES,
        "xl/sharedStrings.xml": (f'{HEAD}<sst xmlns="{NS}" count="{len(shared)}" uniqueCount="{len(shared)}">'
                                 + "".join(f"<si>{_si(s)}</si>" for s in shared) + "</sst>"),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        for i in range(2, len(sheets) + 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", f'{HEAD}<worksheet xmlns="{NS}"><sheetData>'
                       f'<row r="1"><c r="A1" t="inlineStr"><is><t>第{i}页</t></is></c></row></sheetData></worksheet>')
    return path
