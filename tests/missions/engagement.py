"""Helpers shared by the applications and contracts tests."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from missions.models import Contract
from tests.factories import ContractFactory, MissionFactory
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


def form_data(data: dict, **extra) -> dict:
    """A mission form's values as a browser posts them (dates as ISO strings)."""
    values = {
        key: (value.isoformat() if isinstance(value, date) else value)
        for key, value in data.items()
    }
    return {**values, **extra}


def contract_for(volunteer, *, start, end, status, **kwargs) -> Contract:
    """A contract of ``volunteer`` in ``status``, on a mission with the same dates."""
    mission = MissionFactory(start_on=start, end_on=end)
    return ContractFactory(
        application__mission=mission,
        application__volunteer=volunteer,
        start_on=start,
        end_on=end,
        status=status,
        **kwargs,
    )
