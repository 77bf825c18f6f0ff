"""Reading the rows of an .xlsx or .csv file as the user sees them in Excel.

Rows come with their Excel row number (1-based, as shown at the left of the sheet) and the
raw cell values: str, int, float, bool, datetime or None. Cleaning is cells.py's job.

.xlsx is read by xlsx.py (streaming, constant memory). .csv may be UTF-8 (with or without
BOM), UTF-16 with BOM (Excel's "Unicode text") or GBK/GB18030 (Excel's "CSV" on a Chinese
Windows); the encoding is detected.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

Value = str | int | float | bool | datetime | None
RowValues = tuple[Value, ...]

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or an .xlsx with an opening password


class FileReadError(Exception):
    """The file cannot be read as a table; str() is the message for the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class MergedRange:
    """A merged block of cells, 1-based and inclusive."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int


class TableFile:
    """An open .xlsx sheet or .csv file. Not thread-safe: open it in the thread that reads it."""

    kind: str  # "xlsx" / "csv"
    sheet_names: list[str]
    sheet: str
    encoding: str | None
    epoch: datetime  # Excel's date system (1900 or 1904); serial numbers count from it

    def estimated_rows(self) -> int:
        """The number of rows the file says it has (xlsx: its dimension; may be 0 if unknown)."""
        raise NotImplementedError

    def rows(self, first: int = 1) -> Iterator[tuple[int, RowValues]]:
        """(Excel row number, values) for every row from row `first`, empty rows included."""
        raise NotImplementedError

    def head(self, count: int) -> list[tuple[int, RowValues]]:
        out: list[tuple[int, RowValues]] = []
        for item in self.rows():
            out.append(item)
            if len(out) >= count:
                break
        return out

    def merged_ranges(self) -> list[MergedRange]:
        return []

    def close(self) -> None:
        """Release the file."""

    def __enter__(self) -> TableFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_table(path: Path | str, sheet: str | None = None) -> TableFile:
    """Open an .xlsx sheet (the active one unless `sheet` names another) or a .csv file.
    Raises FileReadError with a message that says what to do."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            magic = f.read(8)
    except OSError as exc:
        raise FileReadError("file_unreadable", f"无法打开文件「{path.name}」：{exc.strerror or exc}。"
                            "请确认文件存在，并且没有被其他程序（如Excel）独占打开。") from exc
    suffix = path.suffix.lower()
    if magic.startswith(_OLE_MAGIC) or suffix == ".xls":
        raise FileReadError("xls_not_supported", f"「{path.name}」是旧版Excel文件（.xls）或设置了打开密码。"
                            "请用Excel打开后“另存为”Excel工作簿（.xlsx），取消打开密码，再导入。")
    if magic.startswith(_ZIP_MAGIC) or suffix in XLSX_SUFFIXES:
        from community_app.core.importing.xlsx import XlsxFile

        return XlsxFile(path, sheet)
    if suffix in CSV_SUFFIXES:
        return _CsvFile(path)
    raise FileReadError("unknown_format", f"无法识别文件「{path.name}」的格式，请选择 .xlsx 或 .csv 文件。")


def detect_encoding(raw: bytes) -> str:
    """utf-8-sig / utf-16 (by BOM), utf-8 when it decodes, otherwise gb18030 (a superset of
    GBK and GB2312, what Excel on a Chinese Windows writes)."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


class _CsvFile(TableFile):
    kind = "csv"

    def __init__(self, path: Path) -> None:
        from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900

        self.path = path
        raw = path.read_bytes()
        self.encoding = detect_encoding(raw)
        try:
            text = raw.decode(self.encoding)
        except UnicodeDecodeError as exc:
            raise FileReadError("csv_encoding", f"无法识别「{path.name}」的文字编码。"
                                "请用Excel打开后另存为“CSV UTF-8（逗号分隔）”或.xlsx再导入。") from exc
        if "\x00" in text:
            raise FileReadError("unknown_format", f"「{path.name}」不是文本格式的CSV文件，请选择 .xlsx 或 .csv 文件。")
        self.sheet_names = [path.stem]
        self.sheet = path.stem
        self.epoch = CALENDAR_WINDOWS_1900
        delimiter = _delimiter(text[:65536])
        # a record may span lines (a quoted value with a line break); Excel shows it as one row
        self._records: list[RowValues] = [
            tuple(v if v != "" else None for v in record)
            for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]

    def estimated_rows(self) -> int:
        return len(self._records)

    def rows(self, first: int = 1) -> Iterator[tuple[int, RowValues]]:
        for index in range(first - 1, len(self._records)):
            yield index + 1, self._records[index]


def _delimiter(sample: str) -> str:
    """The delimiter that splits the first lines into the most, equally long, records.
    (csv.Sniffer guesses wrongly on short Chinese files.)"""
    lines = sample.splitlines()[:30]
    if len(lines) > 1:
        lines = lines[:-1]  # the sample may end mid-record
    best, best_score = ",", (0, 0)
    for candidate in ",\t;":
        counts = [len(r) for r in csv.reader(lines, delimiter=candidate) if any(r)]
        if not counts:
            continue
        width = max(set(counts), key=counts.count)
        score = (counts.count(width) if width > 1 else 0, width)
        if score > best_score:
            best, best_score = candidate, score
    return best
