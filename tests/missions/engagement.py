"""Helpers shared by the applications and contracts tests."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone

from volunteers.models import Document

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload_document(volunteer, kind: str = "criminal_record") -> Document:
    """A stored document of the volunteer, with its file in the test's private storage."""
    document = Document(
        volunteer=volunteer,
        kind=kind,
        original_name=f"{kind}.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        uploaded_at=timezone.now(),
    )
    document.file.save("upload.pdf", ContentFile(PDF_BYTES), save=False)
    document.save()
    return document
