"""Discovery, the service list and service definitions, in JSON and XML, against the schemas."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest
import requests
from jsonschema import ValidationError

from tests.city_api.open311.conftest import Open311Server
from tests.city_api.open311.helpers import XIANGGANG, ZHANSHAN, check_schema


def get(server: Open311Server, path: str, **params: str) -> requests.Response:
    return requests.get(server.url + path, params=params, timeout=10)


def test_services_come_from_the_categories_and_validate(open311_server: Open311Server) -> None:
    r = get(open311_server, "/services.json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    services = r.json()
    check_schema("services", services)
    by_code = {s["service_code"]: s for s in services}
    # every 小类 of the built-in list, none of the 大类
    assert "E0103" in by_code and "E01" not in by_code
    assert by_code["E0103"] == {"service_code": "E0103", "service_name": "道路不洁",
                                "description": "市容环境 › 道路不洁", "metadata": True, "type": "realtime",
                                "keywords": "市容环境", "group": "市容环境"}
    # the community's synced records win: renamed, and a switched-off one is gone
    assert by_code["E0101"]["service_name"] == "暴露垃圾（含楼道）"
    assert "E0201" not in by_code
    assert all(isinstance(s["service_code"], str) for s in services)


def test_services_of_one_jurisdiction_use_only_its_records(open311_server: Open311Server) -> None:
    neighbour = {s["service_code"]: s for s in get(open311_server, "/services.json", jurisdiction_id=XIANGGANG).json()}
    assert neighbour["E0101"]["service_name"] == "暴露垃圾"
    assert "E0201" in neighbour
    own = {s["service_code"] for s in get(open311_server, "/services.json", jurisdiction_id=ZHANSHAN).json()}
    assert "E0201" not in own


def test_services_xml_carries_the_same_list(open311_server: Open311Server) -> None:
    r = get(open311_server, "/services.xml")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/xml")
    root = ET.fromstring(r.content)
    assert root.tag == "services"
    xml_codes = [s.findtext("service_code") for s in root.findall("service")]
    assert xml_codes == [s["service_code"] for s in get(open311_server, "/services.json").json()]
    first = root.find("service")
    assert first is not None and first.findtext("metadata") == "true" and first.findtext("type") == "realtime"


def test_service_definition_offers_the_urgency(open311_server: Open311Server) -> None:
    r = get(open311_server, "/services/E0109.json")
    assert r.status_code == 200
    definition = r.json()
    check_schema("service-definition", definition)
    attribute = definition["attributes"][0]
    assert definition["service_code"] == "E0109"
    assert attribute["code"] == "urgency" and attribute["datatype"] == "singlevaluelist"
    assert attribute["required"] is False
    assert [v["key"] for v in attribute["values"]] == ["normal", "urgent"]
    assert "紧急" in attribute["datatype_description"]  # E0109 楼道堆物 is urgent by default
    xml = ET.fromstring(get(open311_server, "/services/E0109.xml").content)
    assert xml.tag == "service_definition"
    assert [v.findtext("key") for v in xml.iter("value")] == ["normal", "urgent"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_is_an_open311_404(open311_server: Open311Server, fmt: str) -> None:
    r = get(open311_server, f"/services/E9999.{fmt}")
    assert r.status_code == 404
    if fmt == "json":
        assert r.json() == [{"code": 404, "description": "No service with service_code E9999."}]
    else:
        error = ET.fromstring(r.content).find("error")
        assert error is not None and error.findtext("code") == "404"
        assert "E9999" in (error.findtext("description") or "")


def test_an_unknown_format_or_path_answers_in_the_error_format(open311_server: Open311Server) -> None:
    r = get(open311_server, "/services.html")
    assert r.status_code == 404 and "json" in r.json()[0]["description"]
    r = get(open311_server, "/no-such-thing.json")
    assert r.status_code == 404 and r.json()[0]["code"] == 404


def test_discovery_names_this_endpoint(open311_server: Open311Server) -> None:
    body = get(open311_server, "/discovery.json").json()
    endpoint = body["endpoints"][0]
    assert endpoint["url"] == open311_server.url
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert set(endpoint["formats"]) == {"application/json", "text/xml"}
    root = ET.fromstring(get(open311_server, "/discovery.xml").content)
    assert [f.text for f in root.iter("format")] == ["text/xml", "application/json"]


def test_the_schema_check_itself_refuses_a_numeric_code() -> None:
    with pytest.raises(ValidationError):
        check_schema("services", [{"service_code": 101, "service_name": "x", "metadata": False, "type": "realtime"}])
