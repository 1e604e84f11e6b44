"""Helpers shared by the applications and contracts tests."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from missions.models import Contract
from missions.services.contract_signing import contract_association_sign, contract_volunteer_sign
from missions.services.contracts import contract_create, contract_offer
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


def offer(application, staff, *, today: date | None = None, **terms) -> Contract:
    """Staff prepare the contract of an accepted application and offer it."""
    contract = contract_create(application=application, by=staff, today=today, **terms)
    contract_offer(contract=contract, by=staff, today=today)
    contract.refresh_from_db()
    return contract


def volunteer_signs(contract: Contract, *, today: date | None = None, request=None) -> Contract:
    user = contract.volunteer.user
    contract_volunteer_sign(
        contract=contract, by=user, full_name=user.full_name, today=today, request=request
    )
    contract.refresh_from_db()
    return contract


def association_signs(contract: Contract, staff, *, today: date | None = None) -> Contract:
    contract_association_sign(
        contract=contract, by=staff, full_name=staff.full_name, role="Présidente", today=today
    )
    contract.refresh_from_db()
    return contract


def sign_both_sides(application, staff, *, today: date | None = None, **terms) -> Contract:
    """The contract of an accepted application, prepared, offered and signed by both sides
    (planned): what ``contract_create`` did in one step before the volunteer signed."""
    contract = offer(application, staff, today=today, **terms)
    volunteer_signs(contract, today=today)
    return association_signs(contract, staff, today=today)
