"""Photos reach the city before the attachment rows that name them, are uploaded once (the
server is asked first), and a photo gone from disk quarantines only its own row."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PIL import Image
from sqlalchemy import select

from community_app.core.attachments import PhotoStore, store_photo
from db.models import Attachment, OutboxEntry
from tests.city_server import CityServer
from tests.sync.engine.devices import Device, new_device
from tests.sync.engine.faulty_proxy import FaultyProxy


def _jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def proxy(server: CityServer) -> Iterator[FaultyProxy]:
    p = FaultyProxy(server.base_url, only="/nothing").start()
    yield p
    p.stop()


def _attach(device: Device, owner_id: str, photo: Path) -> str:
    with device.session() as s, s.begin():
        return store_photo(s, None, photo, owner_type="request_event", owner_id=owner_id)


def test_photo_uploaded_once_then_row_pushed(server: CityServer, proxy: FaultyProxy, community: str,
                                             tmp_path: Path) -> None:
    a = new_device(server, community, tmp_path / "a", url=proxy.base_url)
    b = new_device(server, community, tmp_path / "b", url=proxy.base_url)
    photo = _jpeg(tmp_path / "井盖.jpg", (200, 30, 30))
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    _attach(a, "ev-1", photo)
    _attach(b, "ev-2", photo)  # the same photo taken into another record on another device

    assert a.sync().applied == 1
    assert b.sync().applied == 1

    blob_calls = [(s.method, s.path.rsplit("/", 1)[-1]) for s in proxy.seen if s.path.startswith("/sync/blobs/")]
    assert blob_calls == [("HEAD", sha), ("PUT", sha), ("HEAD", sha)]  # b found it there: no second upload
    pushes = [s for s in proxy.seen if s.path == "/sync/push"]
    assert proxy.seen.index(pushes[0]) > next(i for i, s in enumerate(proxy.seen) if s.method == "PUT")
    token = a.tokens.get(a.server_url)
    got = requests.get(f"{server.base_url}/sync/blobs/{sha}", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert got.status_code == 200 and got.content == photo.read_bytes()
    a.engine.dispose()
    b.engine.dispose()


def test_missing_photo_quarantines_only_its_row(office_a: Device, community: str, tmp_path: Path) -> None:
    photo = _jpeg(tmp_path / "门牌.jpg", (30, 30, 200))
    attachment_id = _attach(office_a, "ev-3", photo)
    with office_a.session() as s:
        sha = s.get_one(Attachment, attachment_id).sha256
    PhotoStore.for_database(office_a.path).original_path(sha).unlink()  # deleted from disk by someone
    office_a.add_resident(community, "王秀英")

    report = office_a.sync()

    assert report.finished and (report.applied, report.rejected) == (1, 1)
    with office_a.session() as s:
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == attachment_id)).one()
    assert entry.status == "rejected" and entry.last_error is not None and "门牌.jpg" in entry.last_error
    assert office_a.outbox() == 0


def test_other_devices_photos_arrive_with_their_thumbnails(office_a: Device, office_b: Device,
                                                           tmp_path: Path) -> None:
    photo = _jpeg(tmp_path / "楼道.jpg", (30, 200, 30))
    _attach(office_a, "ev-4", photo)
    office_a.sync()

    office_b.sync()

    with office_b.session() as s:
        sha = s.scalars(select(Attachment.sha256)).one()
    store = PhotoStore.for_database(office_b.path)
    assert store.original_path(sha).read_bytes() == photo.read_bytes()
    assert store.thumbnail_path(sha).exists()


def test_photo_the_server_refuses_quarantines_only_its_row(office_a: Device, community: str,
                                                           tmp_path: Path) -> None:
    gif = tmp_path / "动图.gif"
    Image.new("RGB", (16, 16), (9, 9, 9)).save(gif, "GIF")  # taken locally; the city stores JPEG/PNG/WebP only
    attachment_id = _attach(office_a, "ev-5", gif)
    office_a.add_resident(community, "李明")

    report = office_a.sync()

    assert report.finished and (report.applied, report.rejected) == (1, 1)
    with office_a.session() as s:
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == attachment_id)).one()
    assert entry.status == "rejected" and entry.last_error is not None
    assert entry.last_error.startswith("照片“动图.gif”未能上传：") and "JPEG" in entry.last_error
