"""An .xlsx sheet as a TableFile.

The workbook's parts that are small (manifest, workbook, relationships, styles) are read
with openpyxl's own readers; the shared strings and the sheet's rows, which are large,
are read by sheetxml.py, several times faster than openpyxl's read-only mode. Where
sheetxml meets XML it does not handle, openpyxl's read-only mode reads on from that row.

Read-only reading does not report merged cells, and they sit at the *end* of the sheet's
XML, so merged_ranges() scans the decompressed XML for them; only the header analysis
needs them.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final
from xml.etree import ElementTree as ET

from openpyxl.utils.cell import range_boundaries

from community_app.core.importing.reading import FileReadError, MergedRange, RowValues, TableFile
from community_app.core.importing.sheetxml import SheetRows, UnsupportedXml, shared_strings

_MERGE_REF: Final = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+[0-9]+:[A-Za-z]+[0-9]+)"')
_DIMENSION: Final = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="[A-Za-z]*\d*:?[A-Za-z]*(\d+)"')
_SCAN_CHUNK: Final = 1 << 20
_READ_ERRORS: Final = (zipfile.BadZipFile, ET.ParseError, ValueError, KeyError, EOFError, zlib.error, OSError)


def damaged(path: Path, row: int | None = None) -> FileReadError:
    where = f"第{row}行附近" if row else ""
    return FileReadError("xlsx_damaged", f"「{path.name}」{where}的内容无法读取：它不是有效的Excel工作簿，"
                         "或文件已损坏。请用Excel打开确认，再“另存为”.xlsx后导入。")


class XlsxFile(TableFile):
    kind = "xlsx"
    encoding = None

    def __init__(self, path: Path, sheet: str | None) -> None:
        from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet

        self.path = path
        self._fallback: Any = None
        self._fallback_handle: Any = None
        self._handle = path.open("rb")  # a file object: openpyxl would refuse names not ending in .xlsx
        try:
            with warnings.catch_warnings():
                # openpyxl warns about parts it drops (default styles, extensions); none matter here
                warnings.simplefilter("ignore")
                reader = ExcelReader(self._handle, read_only=True, data_only=True)
                reader.read_manifest()
                reader.read_workbook()
                apply_stylesheet(reader.archive, reader.wb)
                found = [(info.name, rel.target, info.state) for info, rel in reader.parser.find_sheets()
                         if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
        except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
            self._handle.close()
            raise damaged(path) from exc
        self._archive: zipfile.ZipFile = reader.archive
        workbook = reader.wb
        self.sheet_names = [name for name, _target, state in found if state == "visible"]
        if not self.sheet_names:
            self.close()
            raise FileReadError("no_sheet", f"「{path.name}」里没有可见的工作表。")
        if sheet is None:
            index = workbook._active_sheet_index
            active = found[index][0] if 0 <= index < len(found) else None
            sheet = active if active in self.sheet_names else self.sheet_names[0]
        if sheet not in self.sheet_names:
            self.close()
            raise FileReadError("no_such_sheet", f"「{path.name}」里没有名为「{sheet}」的工作表。")
        self.sheet = sheet
        self._sheet_path = next(target for name, target, _state in found if name == sheet)
        self.epoch = workbook.epoch
        self._dates: set[int] = set(workbook._date_formats)
        self._durations: set[int] = set(workbook._timedelta_formats)
        part = reader.package.find(SHARED_STRINGS)
        self._strings_path: str | None = part.PartName[1:] if part is not None else None
        self._shared: list[str] | None = None

    def estimated_rows(self) -> int:
        """The last row the sheet's <dimension> names (0 when it has none)."""
        with self._archive.open(self._sheet_path) as src:
            head = src.read(4096)
        found = _DIMENSION.search(head)
        return int(found.group(1)) if found else 0

    def _shared_strings(self) -> list[str]:
        if self._shared is None:
            if self._strings_path is None:
                self._shared = []
            else:
                xml = self._archive.read(self._strings_path)
                try:
                    self._shared = shared_strings(xml.decode("utf-8"))
                except (UnsupportedXml, UnicodeDecodeError):
                    from openpyxl.reader.strings import read_string_table

                    with self._archive.open(self._strings_path) as src:
                        self._shared = read_string_table(src)
        return self._shared

    def rows(self, first: int = 1) -> Iterator[tuple[int, RowValues]]:
        number = first
        try:
            with self._archive.open(self._sheet_path) as src:
                try:
                    for number, values in SheetRows(src, self._shared_strings(), self._dates, self._durations,
                                                    self.epoch):
                        if number >= first:
                            yield number, values  # type: ignore[misc]
                    return
                except UnsupportedXml as unusual:
                    number = max(unusual.row, first)
            yield from self._openpyxl_rows(number)
        except _READ_ERRORS as exc:
            raise damaged(self.path, number) from exc

    def _openpyxl_rows(self, first: int) -> Iterator[tuple[int, RowValues]]:
        """openpyxl's read-only reading from row `first` on."""
        from openpyxl import load_workbook

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self._fallback is None:
                self._fallback_handle = self.path.open("rb")
                self._fallback = load_workbook(self._fallback_handle, read_only=True, data_only=True)
            sheet = self._fallback[self.sheet]
            sheet.reset_dimensions()  # a wrong <dimension> would make openpyxl cut rows short
            number = first
            for values in sheet.iter_rows(min_row=first, values_only=True):
                yield number, values
                number += 1

    def merged_ranges(self) -> list[MergedRange]:
        """Scan the sheet's XML for <mergeCell ref="A1:C1"/> (a few hundred ms at 100k rows)."""
        found: list[MergedRange] = []
        with self._archive.open(self._sheet_path) as src:
            tail = b""
            while chunk := src.read(_SCAN_CHUNK):
                data = tail + chunk
                if b"mergeCell" in data:
                    end = data.rfind(b"<")  # a tag cut by the chunk boundary is matched next time
                    for match in _MERGE_REF.finditer(data, 0, end):
                        min_col, min_row, max_col, max_row = range_boundaries(match.group(1).decode().upper())
                        found.append(MergedRange(min_row, min_col, max_row, max_col))  # type: ignore[arg-type]
                    tail = data[end:]
                else:
                    tail = data[-64:]
        return found

    def close(self) -> None:
        self._archive.close()
        self._handle.close()
        if self._fallback is not None:
            self._fallback.close()
            self._fallback_handle.close()
