"""Photo storage: content-addressed files beside the database, thumbnails, refusals."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core.attachments import MAX_BYTES, PhotoStore, photos_for, store_photo
from community_app.core.problems import ValidationFailed
from db.models import Attachment, OutboxEntry


def photo(path: Path, size: tuple[int, int] = (800, 600), fmt: str = "JPEG", mode: str = "RGB",
          colour: object = (200, 30, 30)) -> Path:
    Image.new(mode, size, colour).save(path, fmt)  # type: ignore[arg-type]
    return path


@pytest.fixture
def store(tmp_path: Path) -> PhotoStore:
    return PhotoStore(tmp_path / "attachments")


def files(store: PhotoStore) -> list[Path]:
    return sorted(p for p in store.root.rglob("*") if p.is_file())


def test_a_photo_is_stored_by_its_sha256_with_a_thumbnail(community: Session, tmp_path: Path,
                                                          store: PhotoStore) -> None:
    src = photo(tmp_path / "井盖.jpg")
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    attachment_id = store_photo(community, None, src, owner_type="visit", owner_id="v1", store=store)
    original = store.root / digest[:2] / digest[2:]
    assert original.read_bytes() == src.read_bytes()
    with Image.open(store.thumbnail_path(digest)) as thumb:
        assert thumb.format == "JPEG" and max(thumb.size) == 320 and thumb.size == (320, 240)
    row = community.get(Attachment, attachment_id)
    assert row is not None
    assert (row.sha256, row.filename, row.mime_type, row.size_bytes, row.owner_type, row.owner_id) == (
        digest, "井盖.jpg", "image/jpeg", src.stat().st_size, "visit", "v1")
    assert community.scalar(select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.table_name == "attachment", OutboxEntry.row_id == attachment_id)) == 1


def test_the_same_photo_is_stored_once(community: Session, tmp_path: Path, store: PhotoStore) -> None:
    src = photo(tmp_path / "a.jpg")
    copy = tmp_path / "b-copy.jpg"
    copy.write_bytes(src.read_bytes())
    first = store_photo(community, None, src, owner_type="visit", owner_id="v1", store=store)
    again = store_photo(community, None, copy, owner_type="visit", owner_id="v1", store=store)
    other = store_photo(community, None, copy, owner_type="visit", owner_id="v2", store=store)
    assert again == first  # the same record does not get the same photo twice
    assert other != first
    assert len(files(store)) == 2  # one original and one thumbnail, for three attachments
    assert community.scalar(select(func.count()).select_from(Attachment)) == 2
    listed = photos_for(community, "visit", ["v1", "v2", "v3"], store)
    assert sorted(listed) == ["v1", "v2"]
    assert listed["v2"][0].path == listed["v1"][0].path and listed["v1"][0].path.exists()


def test_a_file_over_20_mb_is_refused_without_reading_it(community: Session, tmp_path: Path,
                                                          store: PhotoStore) -> None:
    big = tmp_path / "big.jpg"
    with big.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    with pytest.raises(ValidationFailed) as refused:
        store_photo(community, None, big, owner_type="visit", owner_id="v1", store=store)
    assert refused.value.codes == ("photo.too_large",)
    assert "21.0 MB" in str(refused.value) and "20 MB" in str(refused.value)
    assert files(store) == [] and community.scalar(select(func.count()).select_from(Attachment)) == 0


def test_the_limit_is_20_mb_exactly(tmp_path: Path, store: PhotoStore) -> None:
    # a JPEG decoder stops at the end-of-image marker, so padding makes a valid photo of any size
    src = photo(tmp_path / "padded.jpg")
    data = src.read_bytes()
    src.write_bytes(data + b"\0" * (MAX_BYTES - len(data)))
    assert store.check(src).size_bytes == MAX_BYTES
    src.write_bytes(data + b"\0" * (MAX_BYTES - len(data) + 1))
    with pytest.raises(ValidationFailed) as refused:
        store.check(src)
    assert refused.value.codes == ("photo.too_large",)


@pytest.mark.parametrize(("name", "content"), [
    ("note.jpg", "这不是照片，是一段文字。\n".encode() * 50),
    ("empty.jpg", b""),
    ("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200),  # a PNG signature and nothing behind it
    ("table.jpg", b"PK\x03\x04" + b"\x00" * 300),  # a spreadsheet renamed
    ("icon.xbm", b"#define x_width 1\n#define x_height 1\nstatic char x_bits[] = {0x00};\n"),  # not a photo format
])
def test_files_that_are_not_photos_are_refused(community: Session, tmp_path: Path, store: PhotoStore,
                                               name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValidationFailed) as refused:
        store_photo(community, None, path, owner_type="visit", owner_id="v1", store=store)
    assert refused.value.codes == ("photo.not_image",)
    assert name in str(refused.value) and "不是可以识别的图片" in str(refused.value)
    assert files(store) == []


def test_a_truncated_jpeg_is_refused(tmp_path: Path, store: PhotoStore) -> None:
    whole = photo(tmp_path / "whole.jpg", size=(1200, 900)).read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ValidationFailed) as refused:
        store.check(cut)
    assert refused.value.codes == ("photo.not_image",)


def test_a_missing_file_says_so(tmp_path: Path, store: PhotoStore) -> None:
    with pytest.raises(ValidationFailed) as refused:
        store.check(tmp_path / "gone.jpg")
    assert refused.value.codes == ("photo.missing",) and "gone.jpg" in str(refused.value)


def test_transparent_png_and_turned_phone_photo_get_proper_thumbnails(tmp_path: Path, store: PhotoStore) -> None:
    png = store.check(photo(tmp_path / "t.png", size=(400, 100), fmt="PNG", mode="RGBA", colour=(0, 0, 0, 0)))
    store.save(png)
    with Image.open(store.thumbnail_path(png.sha256)) as thumb:
        assert thumb.mode == "RGB" and thumb.size == (320, 80)
        assert thumb.getpixel((10, 10)) == (255, 255, 255)  # transparent → white, not black
    # a landscape sensor image tagged "rotate 90°" is a portrait photo
    exif = Image.Exif()
    exif[0x0112] = 6
    turned = tmp_path / "turned.jpg"
    Image.new("RGB", (640, 480), (10, 120, 10)).save(turned, "JPEG", exif=exif)
    checked = store.check(turned)
    store.save(checked)
    with Image.open(store.thumbnail_path(checked.sha256)) as thumb:
        assert thumb.size == (240, 320)


def test_store_for_a_database_is_beside_it(tmp_path: Path) -> None:
    assert PhotoStore.for_database(tmp_path / "office" / "c.sqlite").root == tmp_path / "office" / "attachments"


def test_store_for_a_session_follows_the_database_file(community: Session, tmp_path: Path) -> None:
    assert PhotoStore.for_session(community).root == (tmp_path / "attachments").resolve()
    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "GIF")
    gif = tmp_path / "tiny.gif"
    gif.write_bytes(buf.getvalue())
    attachment_id = store_photo(community, None, gif, owner_type="visit", owner_id="v9")
    [info] = photos_for(community, "visit", ["v9"])["v9"]
    assert info.attachment_id == attachment_id and info.mime_type == "image/gif" and info.thumbnail.exists()
