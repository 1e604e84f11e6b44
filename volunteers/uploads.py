"""A volunteer's documents as the core's upload check sees them (`vsi_portal.uploads`):
PDF, JPEG or PNG of at most 5 MB, a refusal raised as the volunteers' `DocumentRejected`."""

from __future__ import annotations

from vsi_portal.uploads import (
    ACCEPTED_CONTENT_TYPES,
    ACCEPTED_EXTENSIONS,
    DOCUMENT_TYPES,
    MAX_DOCUMENT_BYTES,
    DocumentType,
    UploadRejected,
)
from vsi_portal.uploads import inspect_upload as inspect_any_upload

from .errors import DocumentRejected

__all__ = [
    "ACCEPTED_CONTENT_TYPES",
    "ACCEPTED_EXTENSIONS",
    "DOCUMENT_TYPES",
    "MAX_DOCUMENT_BYTES",
    "inspect_upload",
]


def inspect_upload(upload) -> tuple[DocumentType, str]:
    """`vsi_portal.uploads.inspect_upload` for a CV or a criminal record extract."""
    try:
        return inspect_any_upload(upload, accepted=DOCUMENT_TYPES)
    except UploadRejected as error:
        raise DocumentRejected(error.message) from None
