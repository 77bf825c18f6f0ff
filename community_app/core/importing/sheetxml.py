"""Rows of a worksheet read straight from its XML, for the usual SpreadsheetML that Excel,
WPS, LibreOffice and openpyxl write.

openpyxl's read-only mode builds an element and several objects per cell; at 100,000 rows
that is most of an import's time. Cells here are found with one regular expression per
row and converted exactly as openpyxl converts them (numbers, shared and inline strings,
booleans, errors, formula results, ISO dates, date-formatted serials with the workbook's
date system). tests/core/importing/test_sheetxml.py compares the two on many workbooks.

Anything outside that subset — a namespace prefix, a cell without an r attribute, CDATA —
raises UnsupportedXml with the row it was met in, and the caller reads on with openpyxl.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import datetime
from html import unescape
from typing import IO, Final

from openpyxl.utils.datetime import from_excel, from_ISO8601

CHUNK: Final = 1 << 20
_ROW_NUMBER: Final = re.compile(r'\br="(\d+)"')
# a cell: column letters, attributes, then a plain <v> value or any other content
# (attributes without "/" are matched greedily, faster than a lazy match up to "/>" or ">";
# a "/" in them would leave the cell unmatched, and the row to openpyxl)
_CELL: Final = re.compile(r'<c r="([A-Z]{1,3})\d+"([^>/]*)(?:/>|>(?:<v>([^<]*)</v>|(.*?))</c>)', re.S)
_VALUE: Final = re.compile(r"<v>(.*?)</v>", re.S)
_TEXT: Final = re.compile(r"<t(?:\s[^>]*)?>(.*?)</t>|<t\s*/>", re.S)
_PHONETIC: Final = re.compile(r"<rPh\b.*?</rPh>|<phoneticPr\b[^>]*/>", re.S)
# an item of plain text first (most are), matched without the lazy scan up to </si>
_SHARED: Final = re.compile(r"<si><t>([^<]*)</t></si>|<si>(.*?)</si>|<si\s*/>", re.S)


class UnsupportedXml(Exception):  # noqa: N818 — reads as what it is
    """The sheet uses XML this reader does not handle; read on with openpyxl from `row`."""

    def __init__(self, row: int) -> None:
        super().__init__(f"unsupported worksheet XML at row {row}")
        self.row = row


def _text(body: str) -> str:
    """The plain text of a <si> or <is>: its <t> parts, phonetic guides left out."""
    if "<rPh" in body or "<phoneticPr" in body:
        body = _PHONETIC.sub("", body)
    parts = _TEXT.findall(body)
    text = parts[0] if len(parts) == 1 else "".join(parts)
    return unescape(text) if "&" in text else text


def shared_strings(xml: str) -> list[str]:
    """The shared-string table, as openpyxl reads it (including its 'x005F_' quirk)."""
    if ":si>" in xml or "<![CDATA[" in xml:
        raise UnsupportedXml(0)
    out: list[str] = []
    for plain, other in _SHARED.findall(xml):
        # other: rich text, phonetic guides, <t xml:space="preserve">; plain: <si><t>…</t></si> (or empty)
        text = _text(other) if other else unescape(plain) if "&" in plain else plain
        out.append(text.replace("x005F_", "") if "x005F_" in text else text)
    return out


_DECLARED: Final = re.compile(r'<\?xml[^>]*encoding="([^"]+)"')


def _foreign_encoding(head: str) -> bool:
    found = _DECLARED.search(head)
    return found is not None and found.group(1).lower().replace("-", "") != "utf8"


_COLUMNS: dict[str, int] = {}


def _column(letters: str) -> int:
    number = _COLUMNS.get(letters)
    if number is None:
        number = 0
        for ch in letters:
            number = number * 26 + ord(ch) - 64
        _COLUMNS[letters] = number
    return number


def _rows_in(text: str, end: int) -> Iterator[tuple[str, str]]:
    """(attributes, content) of each <row …>…</row> or <row …/> in text[:end]. str.find
    is several times faster here than a regular expression's lazy match up to </row>."""
    find = text.find
    at = find("<row", 0, end)
    while at >= 0:
        after = text[at + 4:at + 5]
        if not after or after.isalnum() or after == "_":  # <rowBreaks>, say: not a row
            at = find("<row", at + 4, end)
            continue
        close = find(">", at, end)
        if close < 0:
            return
        if text[close - 1] == "/":
            yield text[at + 4:close - 1], ""
            at = find("<row", close, end)
            continue
        stop = find("</row>", close, end)
        if stop < 0:
            return
        yield text[at + 4:close], text[close + 1:stop]
        at = find("<row", stop, end)


class SheetRows:
    """The rows of one worksheet: (row number, values), with empty rows for gaps, like
    openpyxl's ReadOnlyWorksheet.iter_rows(values_only=True) after reset_dimensions()."""

    def __init__(self, source: IO[bytes], shared: list[str], date_styles: set[int], timedelta_styles: set[int],
                 epoch: datetime) -> None:
        self._source = source
        self._shared = shared
        self._dates = date_styles
        self._durations = timedelta_styles
        self._epoch = epoch
        self._layouts: dict[tuple[str, str], tuple[int, str, int | None]] = {}
        self._date_cache: dict[tuple[int | float, int], object] = {}

    def __iter__(self) -> Iterator[tuple[int, tuple[object, ...]]]:
        previous = 0
        for number, body in self._row_bodies():
            if number <= previous:
                raise UnsupportedXml(previous + 1)  # rows out of order: let openpyxl decide
            for gap in range(previous + 1, number):
                yield gap, ()
            previous = number
            yield number, self._cells(number, body) if body else ()

    def _row_bodies(self) -> Iterator[tuple[int, str]]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        buffer = ""
        started = False
        number = 0
        while True:
            chunk = self._source.read(CHUNK)
            buffer += decoder.decode(chunk, final=not chunk)
            if not started:
                if number == 0 and _foreign_encoding(buffer[:200]):
                    raise UnsupportedXml(1)
                at = buffer.find("<sheetData")
                if at < 0:
                    if ":sheetData" in buffer or (not chunk and "sheetData" in buffer):
                        raise UnsupportedXml(1)
                    if not chunk:
                        return  # a sheet without data
                    buffer = buffer[-64:]
                    continue
                started = True
                buffer = buffer[at:]
            last = buffer.rfind("</row>")
            end = (last + len("</row>") if last >= 0 else 0) if chunk else len(buffer)
            closing = buffer.find("</sheetData>")
            if closing >= 0:
                end = closing
            if "<![CDATA[" in buffer[:end]:
                raise UnsupportedXml(number + 1)
            for attributes, body in _rows_in(buffer, end):
                found = _ROW_NUMBER.search(attributes)
                number = int(found.group(1)) if found else number + 1
                yield number, body
            if closing >= 0 or not chunk:
                return
            buffer = buffer[end:]

    def _layout(self, letters: str, attributes: str) -> tuple[int, str, int | None]:
        """(column, type, date style or None) of a cell with these letters and attributes."""
        kind = "n"
        at = attributes.find(' t="')
        if at >= 0:
            kind = attributes[at + 4:attributes.index('"', at + 4)]
        style = None
        at = attributes.find(' s="')
        if at >= 0 and kind == "n" and self._dates:
            number = int(attributes[at + 4:attributes.index('"', at + 4)])
            style = number if number in self._dates else None
        return _column(letters), kind, style

    def _cells(self, number: int, body: str) -> tuple[object, ...]:
        values: list[object] = []
        shared = self._shared
        layouts = self._layouts  # a column's cells repeat their letters and attributes row after row
        cells = _CELL.findall(body)
        for letters, attributes, plain, inner in cells:
            layout = layouts.get((letters, attributes))
            if layout is None:
                layout = layouts[letters, attributes] = self._layout(letters, attributes)
            column, kind, style = layout
            value: object = None
            if plain:  # <v>…</v> alone, the usual cell
                raw = plain
            elif inner:
                if kind == "inlineStr":
                    start = inner.find("<is>")
                    raw = ""
                    if start >= 0:
                        value = _text(inner[start + 4:inner.rfind("</is>")])
                else:
                    found = _VALUE.search(inner)  # after a formula
                    raw = found.group(1) if found else ""
            else:
                raw = ""
            if raw:  # openpyxl treats an empty <v></v> as no value
                if kind == "s":
                    value = shared[int(raw)]
                elif kind == "n":
                    value = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
                    if style is not None:
                        value = self._date(value, style)  # type: ignore[arg-type]
                elif kind == "b":
                    value = bool(int(raw))
                elif kind in ("str", "e"):
                    value = unescape(raw) if "&" in raw else raw
                elif kind == "d":
                    value = from_ISO8601(raw)
                else:
                    raise UnsupportedXml(number)
            gap = column - 1 - len(values)
            if gap:
                if gap < 0:
                    raise UnsupportedXml(number)  # cells out of order
                values.extend([None] * gap)
            values.append(value)
        if len(cells) != body.count("<c ") + body.count("<c>"):
            raise UnsupportedXml(number)  # a cell the pattern did not understand
        return tuple(values)

    def _date(self, value: int | float, style: int) -> object:
        key = (value, style)
        known = self._date_cache.get(key)  # birth dates repeat: 100,000 people share ~25,000 days
        if known is None:
            try:
                known = from_excel(value, self._epoch, timedelta=style in self._durations)
            except (OverflowError, ValueError):
                known = "#VALUE!"  # what openpyxl makes of a serial outside the dates it knows
            self._date_cache[key] = known
        return known
