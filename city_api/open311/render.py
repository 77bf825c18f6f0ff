"""Open311 responses in the two formats GeoReport v2 speaks: JSON and XML (chosen by the
path suffix), and the Open311 error format — a list of {code, description} — for every
failure, so a client written against the spec never meets FastAPI's own error bodies."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Final
from xml.etree import ElementTree as ET

from fastapi.responses import Response

JSON: Final = "json"
XML: Final = "xml"
FORMATS: Final = (JSON, XML)
JSON_TYPE: Final = "application/json; charset=utf-8"
XML_TYPE: Final = "text/xml; charset=utf-8"

# XML element names of each list: (root, item). Nested lists in an item use the same table.
LIST_TAGS: Final[dict[str, tuple[str, str]]] = {
    "services": ("services", "service"),
    "requests": ("service_requests", "request"),
    "errors": ("errors", "error"),
    "updates": ("service_request_updates", "request_update"),
    "attributes": ("attributes", "attribute"),
    "values": ("values", "value"),
    "endpoints": ("endpoints", "endpoint"),
    "formats": ("formats", "format"),
}


class Open311Error(Exception):
    """Answered as an Open311 error list with this HTTP status."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def timestamp(value: datetime | str | None) -> str | None:
    """W3C date-time in UTC with an explicit offset (the spec requires the offset)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(parent: ET.Element, key: str, value: Any) -> None:
    if isinstance(value, Mapping):
        child = ET.SubElement(parent, key)
        for k, v in value.items():
            _fill(child, k, v)
    elif isinstance(value, list | tuple):
        root, item = LIST_TAGS.get(key, (key, "item"))
        child = ET.SubElement(parent, root)
        for entry in value:
            _fill(child, item, entry)
    else:
        ET.SubElement(parent, key).text = _text(value)


def to_xml(kind: str, body: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> bytes:
    """A list kind ("services", "requests", …) or a single root object (kind = its tag)."""
    if isinstance(body, Mapping):
        root = ET.Element(kind)
        for k, v in body.items():
            _fill(root, k, v)
    else:
        root_tag, item_tag = LIST_TAGS[kind]
        root = ET.Element(root_tag)
        for entry in body:
            _fill(root, item_tag, entry)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def respond(fmt: str, kind: str, body: Sequence[Mapping[str, Any]] | Mapping[str, Any],
            status: int = 200) -> Response:
    if fmt == XML:
        return Response(to_xml(kind, body), status_code=status, media_type=XML_TYPE)
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Response(text.encode("utf-8"), status_code=status, media_type=JSON_TYPE)


def error_response(fmt: str, status: int, description: str) -> Response:
    """The spec's error body: [{"code": <HTTP status>, "description": "..."}]."""
    return respond(fmt if fmt in FORMATS else JSON, "errors", [{"code": status, "description": description}],
                   status=status)


def split_format(last_segment: str) -> tuple[str, str]:
    """"E0101.json" → ("E0101", "json"). An unknown or missing suffix → Open311Error 404."""
    stem, dot, fmt = last_segment.rpartition(".")
    if not dot or fmt.lower() not in FORMATS:
        raise Open311Error(404, "Unknown response format: use .json or .xml at the end of the path.")
    return stem, fmt.lower()
