"""What an uploaded document really is, judged from its content, never from its name.

A document is accepted when its first bytes are those of one of the accepted types (a
volunteer's: PDF, JPEG or PNG; an association's file: PDF), its name's extension matches
that type, it is not empty and at most 5 MB; an image must also open with Pillow as the same
format. Anything else raises `UploadRejected` with a message that says what to do (each app
turns it into its own domain error). Also: saving an upload in place of a document's
previous file (``save_upload_replacing``, for the volunteers' documents and the association's
file), and deleting a stored file once its row is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from vsi_portal.formats import format_file_size

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


class UploadRejected(Exception):
    """An uploaded file that is not an acceptable document; `message` says what to do."""

    def __init__(self, message) -> None:
        self.message = message
        super().__init__(str(message))


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
PDF_ONLY = (PDF,)


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


def accept_attribute(accepted: tuple[DocumentType, ...] = DOCUMENT_TYPES) -> str:
    """The file input's ``accept``: the types' extensions and content types."""
    extensions = sorted({extension for kind in accepted for extension in kind.extensions})
    return ",".join([*extensions, *(kind.content_type for kind in accepted)])


def _unknown_type_message(accepted: tuple[DocumentType, ...]):
    if accepted == PDF_ONLY:
        return _("Only PDF documents are accepted, and this file is not one.")
    return _("Only PDF, JPEG or PNG documents are accepted, and this file is none of them.")


def inspect_upload(
    upload, *, accepted: tuple[DocumentType, ...] = DOCUMENT_TYPES
) -> tuple[DocumentType, str]:
    """The detected type of an uploaded file and the name to offer on download.

    Raises `UploadRejected` for an empty or too large file, a content not among `accepted`,
    an extension that does not match the content, or an image Pillow cannot read.
    """
    size = upload.size or 0
    if size == 0:
        raise UploadRejected(_("The file is empty. Choose the document again."))
    if size > MAX_DOCUMENT_BYTES:
        raise UploadRejected(
            _("The file weighs %(size)s; the maximum is %(max)s. Reduce its size and try again.")
            % {"size": format_file_size(size), "max": format_file_size(MAX_DOCUMENT_BYTES)}
        )
    head, tail = _head_and_tail(upload)
    detected = next((kind for kind in accepted if head.startswith(kind.magic)), None)
    if detected is None:
        raise UploadRejected(_unknown_type_message(accepted))
    name = _safe_name(upload.name)
    extension = PurePath(name).suffix.lower()
    if extension not in detected.extensions:
        raise UploadRejected(
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
        raise UploadRejected(_("This PDF is incomplete or damaged. Export it again."))
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
            raise UploadRejected(_("This image is damaged or unreadable. Export it again."))
    return detected, name


def delete_file_on_commit(storage, name: str) -> None:
    """Removes a stored file once the transaction that forgot it has committed.

    A rolled-back transaction keeps its row and, so, its file.
    """
    if name:
        transaction.on_commit(lambda: storage.delete(name))


class UploadRaced(Exception):
    """Another upload of the same document was saved first: its row (and file) are kept."""


def save_upload_replacing(*, document, upload, detected: DocumentType, original_name: str):
    """Saves ``upload`` as ``document``'s file and writes the row, in place of its previous
    file; the caller has checked the upload (``inspect_upload``: ``detected``,
    ``original_name``), locked the row (``select_for_update``) and set its other fields.

    The file is stored under a random name (the model's ``upload_to``); the uploaded name is
    kept only to name the download. The previous file goes once the transaction commits; the
    new one at once if the row is not written. Raises ``UploadRaced`` when a concurrent
    upload of the same document won (the unique constraint), anything else as it came.
    """
    old_name = document.file.name if document.file else ""
    storage = document.file.storage
    document.original_name = original_name
    document.content_type = detected.content_type
    document.size = upload.size
    document.uploaded_at = timezone.now()
    upload.seek(0)
    document.file.save(f"upload{detected.extension}", File(upload), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        storage.delete(document.file.name)
        raise UploadRaced from None
    except Exception:
        storage.delete(document.file.name)  # the row was not written: no file left behind
        raise
    delete_file_on_commit(storage, old_name)
    return document
