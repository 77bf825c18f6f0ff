"""Photos: content-addressed upload, skipped when the server has the hash; hash and size checked."""

from __future__ import annotations

import hashlib

import requests

from city_api.blob_routes import MAX_BLOB_BYTES
from tests.city_server import CityServer, Enrolled

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40 + b"\xff\xd9"


def test_upload_once_then_skip_and_read_back(api: CityServer, office: Enrolled) -> None:
    digest = hashlib.sha256(JPEG).hexdigest()
    url = api.url(f"/sync/blobs/{digest}")
    assert requests.head(url, headers=office.headers, timeout=10).status_code == 404
    assert requests.get(url, headers=office.headers, timeout=10).status_code == 404
    jpeg = {**office.headers, "Content-Type": "image/jpeg"}
    assert requests.put(url, data=JPEG, headers=jpeg, timeout=10).status_code == 201
    assert requests.head(url, headers=office.headers, timeout=10).status_code == 200
    assert requests.put(url, data=JPEG, headers=jpeg, timeout=10).status_code == 200  # already there
    got = requests.get(url, headers=office.headers, timeout=10)
    assert got.status_code == 200 and got.content == JPEG and got.headers["content-type"] == "image/jpeg"


def test_wrong_hash_wrong_type_too_large_and_no_token_are_refused(api: CityServer, office: Enrolled) -> None:
    other = hashlib.sha256(b"something else").hexdigest()
    jpeg = {**office.headers, "Content-Type": "image/jpeg"}
    r = requests.put(api.url(f"/sync/blobs/{other}"), data=JPEG, headers=jpeg, timeout=10)
    assert r.status_code == 400 and r.json()["error"]["code"] == "hash_mismatch"
    assert requests.head(api.url(f"/sync/blobs/{other}"), headers=office.headers, timeout=10).status_code == 404

    digest = hashlib.sha256(JPEG).hexdigest()
    r = requests.put(api.url(f"/sync/blobs/{digest}"), data=JPEG,
                     headers={**office.headers, "Content-Type": "text/html"}, timeout=10)
    assert r.status_code == 400 and r.json()["error"]["code"] == "unsupported_content_type"

    big = b"\0" * (MAX_BLOB_BYTES + 1)
    r = requests.put(api.url(f"/sync/blobs/{hashlib.sha256(big).hexdigest()}"), data=big, headers=jpeg, timeout=30)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"

    def chunks():  # no Content-Length: the server counts as it reads
        for _ in range(21):
            yield b"\0" * (1024 * 1024)
    r = requests.put(api.url(f"/sync/blobs/{'0' * 64}"), data=chunks(), headers=jpeg, timeout=30)
    assert r.status_code == 413

    r = requests.put(api.url(f"/sync/blobs/{digest}"), data=JPEG, headers={"Content-Type": "image/jpeg"}, timeout=10)
    assert r.status_code == 401
    r = requests.head(api.url("/sync/blobs/NOT-A-HASH"), headers=office.headers, timeout=10)
    assert r.status_code == 400
