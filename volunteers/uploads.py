"""What an uploaded document really is, judged from its content, never from its name.

A document is accepted when its first bytes are those of a PDF, a JPEG or a PNG, its
name's extension matches that type, it is not empty and at most 5 MB; an image must also
open with Pillow as the same format. Anything else raises `DocumentRejected` with a message
that says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from vsi_portal.formats import format_file_size

from .errors import DocumentRejected

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class DocumentType:
    content_type: str
    extension: str  # the one the stored file gets
    extensions: frozenset[str]  # the ones accepted in the uploaded name
    magic: bytes
    pillow_format: str | None = None


PDF = DocumentType("application/pdf", ".pdf", frozenset({".pdf"}), b"%PDF-")
JPEG = DocumentType("image/jpeg", ".jpg", frozenset({".jpg", ".jpeg"}), b"\xff\xd8\xff", "JPEG")
PNG = DocumentType("image/png", ".png", frozenset({".png"}), b"\x89PNG\r\n\x1a\n", "PNG")
DOCUMENT_TYPES = (PDF, JPEG, PNG)
ACCEPTED_EXTENSIONS = ".pdf,.jpg,.jpeg,.png"
ACCEPTED_CONTENT_TYPES = "application/pdf,image/jpeg,image/png"


def _head_and_tail(upload) -> tuple[bytes, bytes]:
    upload.seek(0)
    head = upload.read(16)
    size = upload.size
    upload.seek(max(0, size - 1024))
    tail = upload.read(1024)
    upload.seek(0)
    return head, tail


def _safe_name(name: str) -> str:
    """The uploaded name without any folder part, kept only to name the download."""
    printable = "".join(char for char in str(name) if char.isprintable())
    base = PurePath(printable.replace("\\", "/")).name.strip() or "document"
    return base[-200:]


def inspect_upload(upload) -> tuple[DocumentType, str]:
    """The detected type of an uploaded file and the name to offer on download.

    Raises `DocumentRejected` for an empty or too large file, an unknown content, an
    extension that does not match the content, or an image Pillow cannot read.
    """
    size = upload.size or 0
    if size == 0:
        raise DocumentRejected(_("The file is empty. Choose the document again."))
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentRejected(
            _("The file weighs %(size)s; the maximum is %(max)s. Reduce its size and try again.")
            % {"size": format_file_size(size), "max": format_file_size(MAX_DOCUMENT_BYTES)}
        )
    head, tail = _head_and_tail(upload)
    detected = next((kind for kind in DOCUMENT_TYPES if head.startswith(kind.magic)), None)
    if detected is None:
        raise DocumentRejected(
            _("Only PDF, JPEG or PNG documents are accepted, and this file is none of them.")
        )
    name = _safe_name(upload.name)
    extension = PurePath(name).suffix.lower()
    if extension not in detected.extensions:
        raise DocumentRejected(
            _(
                "The file name ends in “%(extension)s” but the file is a %(kind)s: "
                "rename it with one of the extensions %(expected)s."
            )
            % {
                "extension": extension or "–",
                "kind": detected.extension.lstrip(".").upper(),
                "expected": ", ".join(sorted(detected.extensions)),
            }
        )
    if detected is PDF and b"%%EOF" not in tail:
        raise DocumentRejected(_("This PDF is incomplete or damaged. Export it again."))
    if detected.pillow_format:
        try:
            with Image.open(upload) as image:
                image_format = image.format
                image.verify()
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            OSError,
            SyntaxError,
            ValueError,
        ):
            image_format = None
        finally:
            upload.seek(0)
        if image_format != detected.pillow_format:
            raise DocumentRejected(_("This image is damaged or unreadable. Export it again."))
    return detected, name
