"""Photos of requests, visits and patrols: stored once by content (sha256) in a folder beside
the database, with a small JPEG thumbnail for lists and timelines.

Layout: `<db dir>/attachments/ab/cdef…` (the original bytes, named by their sha256, two
characters of fan-out so no folder grows huge) and `<db dir>/attachments/thumbs/ab/cdef….jpg`.
The same photo attached twice is one file; attaching it twice to the same record is one row.

A file is accepted only if Pillow decodes it completely as one of the usual photo formats —
the extension says nothing (a text file renamed .jpg is refused) — and it is at most 20 MB.
Files are written before the database transaction commits: if the caller rolls back, an
unreferenced file may stay behind, which costs disk space but never shows anything wrong.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import changes
from community_app.core.auth import CurrentUser
from community_app.core.problems import ValidationFailed, error
from db.models import Attachment

MAX_BYTES: Final = 20 * 1024 * 1024
THUMB_MAX: Final = 320  # pixels, the longer side
THUMB_QUALITY: Final = 82
# format name (Pillow) → MIME type; MPO is how Pillow names the JPEGs many phones write
FORMATS: Final = {"JPEG": "image/jpeg", "MPO": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp",
                  "GIF": "image/gif", "BMP": "image/bmp", "TIFF": "image/tiff"}
FORMAT_NAMES: Final = "JPEG、PNG、WebP、GIF、BMP、TIFF"
FOLDER: Final = "attachments"


@dataclass(frozen=True)
class CheckedPhoto:
    """A photo that passed the checks, ready to be stored (its bytes are kept: ≤ 20 MB)."""

    filename: str
    sha256: str
    size_bytes: int
    mime_type: str
    width: int
    height: int
    data: bytes


@dataclass(frozen=True)
class PhotoInfo:
    attachment_id: str
    owner_type: str
    owner_id: str
    sha256: str
    filename: str
    mime_type: str
    size_bytes: int
    caption: str | None
    path: Path  # the original
    thumbnail: Path  # a JPEG of at most THUMB_MAX pixels a side


def _refuse(code: str, message: str, **params: object) -> ValidationFailed:
    return ValidationFailed([error(code, message, "photos", **params)])


class PhotoStore:
    """The attachment folder of one database."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def for_database(cls, db_path: Path) -> PhotoStore:
        return cls(Path(db_path).resolve().parent / FOLDER)

    @classmethod
    def for_session(cls, session: Session) -> PhotoStore:
        database = session.get_bind().url.database
        if not database or database == ":memory:":
            raise ValueError("photos need a database file to be stored beside; pass a PhotoStore")
        return cls.for_database(Path(database))

    def original_path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:]

    def thumbnail_path(self, sha256: str) -> Path:
        return self.root / "thumbs" / sha256[:2] / f"{sha256[2:]}.jpg"

    def check(self, path: str | Path) -> CheckedPhoto:
        """Read and fully decode the file; ValidationFailed (code photo.*) if it is no photo we take."""
        from PIL import Image

        path = Path(path)
        name = path.name
        try:
            size = path.stat().st_size
        except OSError:
            raise _refuse("photo.missing", f"找不到文件“{name}”；请重新选择。", filename=name) from None
        if size > MAX_BYTES:
            raise _refuse("photo.too_large", f"照片“{name}”有 {size / 1024 / 1024:.1f} MB，超过 20 MB 的上限；"
                          "请压缩后或换一张再上传。", filename=name, size=size)
        if size == 0:
            raise _not_image(name)
        try:
            data = path.read_bytes()
        except OSError:
            raise _refuse("photo.unreadable", f"无法读取文件“{name}”；请确认文件没有被其他程序占用后重试。",
                          filename=name) from None
        try:
            with warnings.catch_warnings():
                # a huge pixel count in a small file is a decompression bomb, not a photo
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as image:
                    fmt = image.format or ""
                    image.load()  # decode every pixel: a truncated or fake file fails here
                    width, height = image.size
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _refuse("photo.too_many_pixels", f"照片“{name}”的像素尺寸过大，无法处理；请缩小后再上传。",
                          filename=name) from None
        except Exception:  # Pillow raises many kinds of error for a file that is no image
            raise _not_image(name) from None
        if fmt not in FORMATS:
            raise _not_image(name)
        return CheckedPhoto(name, hashlib.sha256(data).hexdigest(), size, FORMATS[fmt], width, height, data)

    def save(self, photo: CheckedPhoto) -> None:
        """Write the original and its thumbnail unless they are there already."""
        original = self.original_path(photo.sha256)
        if not original.exists():
            _write_atomically(original, photo.data)
        thumb = self.thumbnail_path(photo.sha256)
        if not thumb.exists():
            _write_atomically(thumb, _thumbnail(photo.data))


def _not_image(name: str) -> ValidationFailed:
    return _refuse("photo.not_image", f"文件“{name}”不是可以识别的图片；请选择 {FORMAT_NAMES} 格式的照片。",
                   filename=name)


def _thumbnail(data: bytes) -> bytes:
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        image.seek(0)  # the first frame of a GIF or MPO
        small = ImageOps.exif_transpose(image.copy())  # phones store portraits turned, with a tag
        small.thumbnail((THUMB_MAX, THUMB_MAX))
        if small.mode not in ("RGB", "L"):
            rgba = small.convert("RGBA")
            small = Image.new("RGB", rgba.size, (255, 255, 255))
            small.paste(rgba, mask=rgba.getchannel("A"))
        out = io.BytesIO()
        small.save(out, "JPEG", quality=THUMB_QUALITY)
        return out.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: a crash never leaves half a photo."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def attach_checked(session: Session, store: PhotoStore, photo: CheckedPhoto, *, owner_type: str, owner_id: str,
                   caption: str | None = None) -> str:
    """Store a checked photo and link it to its owner; returns the attachment id (the
    existing one when the owner already has this photo). Flushes; the caller commits."""
    store.save(photo)
    existing = session.scalar(select(Attachment.id).where(
        Attachment.owner_type == owner_type, Attachment.owner_id == owner_id, Attachment.sha256 == photo.sha256,
        Attachment.deleted_at.is_(None)))
    if existing is not None:
        return existing
    row = changes.insert(session, Attachment(
        owner_type=owner_type, owner_id=owner_id, sha256=photo.sha256, filename=photo.filename[:255],
        mime_type=photo.mime_type, size_bytes=photo.size_bytes, caption=caption))
    return row.id


def store_photo(session: Session, user: CurrentUser | None, path: str | Path, *, owner_type: str, owner_id: str,
                caption: str | None = None, store: PhotoStore | None = None) -> str:
    """Check, store and attach one photo file to a record (request_event / visit /
    patrol_round_item …); returns the attachment id. ValidationFailed when it is refused.
    Permission is the caller's business: whoever may write the owner may add its photos."""
    store = store or PhotoStore.for_session(session)
    return attach_checked(session, store, store.check(path), owner_type=owner_type, owner_id=owner_id,
                          caption=caption)


def photos_for(session: Session, owner_type: str, owner_ids: Iterable[str],
               store: PhotoStore | None = None) -> dict[str, list[PhotoInfo]]:
    """Live photos of many owners of one type, oldest first per owner."""
    ids = list(dict.fromkeys(owner_ids))
    if not ids:
        return {}
    root = store
    out: dict[str, list[PhotoInfo]] = {}
    for start in range(0, len(ids), 500):
        rows = session.scalars(select(Attachment).where(
            Attachment.owner_type == owner_type, Attachment.owner_id.in_(ids[start:start + 500]),
            Attachment.deleted_at.is_(None)).order_by(Attachment.created_at, Attachment.id)).all()
        if rows and root is None:  # only a database with photos needs to know where they are
            root = PhotoStore.for_session(session)
        for a in rows:
            assert root is not None
            out.setdefault(a.owner_id, []).append(PhotoInfo(
                a.id, a.owner_type, a.owner_id, a.sha256, a.filename, a.mime_type, a.size_bytes, a.caption,
                root.original_path(a.sha256), root.thumbnail_path(a.sha256)))
    return out
