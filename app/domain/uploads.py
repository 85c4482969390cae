"""Files staff upload: attachments on a customer's history or an email, documents for the portal.

Only the kinds of file a customer relation needs are accepted (PDF, images, office documents,
text), judged by the name's extension *and* by the first bytes of the content, so a program
renamed `invoice.pdf` is refused; and each file stays under ATTACHMENT_MAX_BYTES. A refused file
is never written to disk.

Accepted files are kept in the upload folder under Flask-AppBuilder's naming (`<uuid>_sep_<name>`),
so its file columns and download links work with them as with its own uploads.
"""

from __future__ import annotations

import mimetypes
import os
import uuid
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from flask import current_app
from flask_babel import gettext as _
from werkzeug.utils import secure_filename

from app.domain.checks import Problems, ValueOf

# extension -> what its content starts with (None: text, checked for binary bytes instead)
_PDF = (b"%PDF-",)
_ZIP = (b"PK\x03\x04",)  # docx, xlsx, pptx, odt, ods, odp are zip archives
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # doc, xls, ppt
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "pdf": _PDF,
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
    "txt": None,
    "csv": None,
}
ALLOWED_EXTENSIONS = tuple(SIGNATURES)
_SNIFFED = 512
_SEPARATOR = "_sep_"


class Upload(Protocol):
    """What a form gives for a file (werkzeug's FileStorage): a name and a stream."""

    filename: str | None
    stream: BinaryIO


@dataclass(frozen=True)
class StoredFile:
    """A file kept in the upload folder: its stored name and the name it was sent with."""

    stored_name: str
    original_name: str

    @property
    def content_type(self) -> str:
        return mimetypes.guess_type(self.original_name)[0] or "application/octet-stream"


def max_bytes() -> int:
    return int(current_app.config["ATTACHMENT_MAX_BYTES"])


def is_upload(value) -> bool:
    """A newly sent file (not the stored name a form or the API gives for a kept one)."""
    return bool(getattr(value, "filename", None)) and hasattr(value, "stream")


def upload_problem(upload: Upload) -> str | None:
    """Why the file may not be kept, in the user's language, naming it; None when it may."""
    name = upload.filename or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SIGNATURES:
        return _(
            "%(file)s is refused: files of this type are not accepted "
            "(accepted: PDF, images, office documents and text).",
            file=name,
        )
    size = _size_of(upload.stream)
    if size > max_bytes():
        return _(
            "%(file)s is refused: it is %(size)s, larger than the %(limit)s allowed.",
            file=name,
            size=megabytes(size),
            limit=megabytes(max_bytes()),
        )
    if size == 0:
        return _("%(file)s is refused: it is empty.", file=name)
    head = _head_of(upload.stream)
    signatures = SIGNATURES[extension]
    looks_right = (
        _is_text(head)
        if signatures is None
        else any(head.startswith(signature) for signature in signatures)
    )
    if extension == "webp":
        looks_right = looks_right and head[8:12] == b"WEBP"
    if not looks_right:
        return _(
            "%(file)s is refused: its content is not a %(kind)s file, whatever its name says.",
            file=name,
            kind=extension.upper(),
        )
    return None


def upload_problems(uploads: list[Upload]) -> list[str]:
    """The problem of each refused file among `uploads` (files left empty are ignored)."""
    return [
        problem for upload in uploads if is_upload(upload) if (problem := upload_problem(upload))
    ]


def store_upload(upload: Upload) -> StoredFile:
    """Keep an accepted file in the upload folder; the caller has checked `upload_problem`."""
    original = secure_filename(upload.filename or "") or "file"
    stored = f"{uuid.uuid4()}{_SEPARATOR}{original}"
    folder = current_app.config["UPLOAD_FOLDER"]
    os.makedirs(folder, exist_ok=True)
    upload.stream.seek(0)
    with open(os.path.join(folder, stored), "wb") as target:
        while chunk := upload.stream.read(64 * 1024):
            target.write(chunk)
    return StoredFile(stored, original)


def stored_file(stored_name: str) -> StoredFile:
    """A file of the upload folder by its stored name."""
    original = stored_name.split(_SEPARATOR, 1)[-1]
    return StoredFile(stored_name, original)


def stored_path(stored_name: str) -> str:
    """Where a stored file is on disk; ValueError for a name that would leave the folder."""
    if not stored_name or stored_name != os.path.basename(stored_name) or stored_name[0] == ".":
        raise ValueError(f"not a stored file name: {stored_name!r}")
    return os.path.join(current_app.config["UPLOAD_FOLDER"], stored_name)


def file_field_problems(field: str):
    """A model.yaml `checks` function refusing a bad file sent for `field` on a screen."""

    def problems(value_of: ValueOf) -> Problems:
        value = value_of(field)
        if not is_upload(value):
            return {}
        problem = upload_problem(value)
        return {field: [problem]} if problem else {}

    problems.__name__ = f"{field}_file_problems"
    problems.__doc__ = f"The file sent for `{field}` is of an accepted type and size."
    return problems


document_file_problems = file_field_problems("file")
customer_event_file_problems = file_field_problems("attachment")


def _size_of(stream: BinaryIO) -> int:
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def _head_of(stream: BinaryIO) -> bytes:
    stream.seek(0)
    head = stream.read(_SNIFFED)
    stream.seek(0)
    return head


def _is_text(head: bytes) -> bool:
    # A NUL byte never appears in text a person writes (in UTF-8 or a single-byte encoding).
    return b"\x00" not in head


def megabytes(size: int) -> str:
    """A size as people read it: '2.5 MB'."""
    return f"{size / (1024 * 1024):.1f} MB"
