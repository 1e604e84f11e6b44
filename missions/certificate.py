"""The certificate of completion of a VSI contract, as a PDF (R17: the association issues it),
and its verification code.

``certificate_content`` is the content, in the active language (the person who downloads
it); ``certificate_pdf`` lays it out with reportlab. Keeping the content a pure function
lets the tests read exactly what the PDF says.

The verification code printed on it is random (``secrets``), never derived from the
contract: 12 characters of an alphabet without look-alikes (no 0/O, 1/I/L), about 59 bits,
stored without dashes and shown as ``XXXX-XXXX-XXXX``. Anyone holding the certificate
types it on the public verification page, in any case, with or without dashes or spaces.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas

from vsi_portal.eligibility import Period
from vsi_portal.entitlements import days
from vsi_portal.formats import format_day

from .contract_layout import printable
from .models import Contract

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
CODE_GROUP = 4


def new_certificate_code() -> str:
    """A fresh random code (stored form: 12 characters, no dashes)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_certificate_code(typed: str) -> str:
    """What someone typed, as a code is stored: upper case, without dashes or spaces."""
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())


def format_certificate_code(code: str) -> str:
    """A stored code as printed: ``XXXX-XXXX-XXXX``."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def verification_url() -> str:
    """The full address of the public verification page."""
    return settings.SITE_URL + reverse("certificates:verify")


def served_days(contract: Contract) -> int:
    """The days the certificate attests: from the first day to the last day served."""
    return days(Period(contract.start_on, contract.last_day))


def _draw(pdf, x: float, y: float, text: str) -> None:
    """One line, in the characters the standard font has (``contract_layout.printable``)."""
    pdf.drawString(x, y, printable(text))


def certificate_filename(contract: Contract) -> str:
    """``attestation-vsi-<name>-<first day>-<last day>.pdf``, a French name in every language:
    the name France Travail and employers know the document by."""
    volunteer = contract.volunteer
    name = slugify(volunteer.user.full_name) if volunteer is not None else ""
    stem = "attestation-vsi"
    parts = [stem, name or f"{contract.pk}", contract.start_on.isoformat()]
    parts.append(contract.last_day.isoformat())
    return "-".join(parts) + ".pdf"


@dataclass(frozen=True)
class Certificate:
    title: str
    statement: str
    facts: tuple[tuple[str, str], ...]
    made_at: str
    signature: tuple[str, ...]
    verification: tuple[str, ...]
    footer: str


def _date(day: date | None) -> str:
    return format_day(day) if day else "–"


def certificate_content(contract: Contract) -> Certificate:
    """What the certificate says, in the active language."""
    volunteer = contract.volunteer
    name = (
        (contract.certificate_volunteer_name or volunteer.user.full_name)
        if volunteer is not None
        else _("Deleted account")
    )
    birth = volunteer.birth_date if volunteer is not None else None
    association = contract.association
    facts: list[tuple[str, str]] = [
        (_("Volunteer"), name),
        (_("Born on"), _date(birth)),
        (_("Association"), association.name),
        (_("Ministry approval"), association.approval_reference or "–"),
        (_("Mission"), contract.mission.title),
        (_("Country"), str(contract.country.name)),
        (_("First day"), _date(contract.start_on)),
        (_("Last day"), _date(contract.last_day)),
        (_("Days served"), str(served_days(contract))),
    ]
    if contract.status == Contract.Status.ENDED_EARLY:
        facts += [
            (_("Planned end"), _date(contract.end_on)),
            (_("Ended early, notice given on"), _date(contract.notice_given_on)),
            (_("Reason for the early end"), contract.get_end_reason_display()),
        ]
    issued = (
        timezone.localdate(contract.certificate_issued_at)
        if contract.certificate_issued_at
        else None
    )
    facts.append((_("Certificate number"), contract.certificate_number or "–"))
    statement = _(
        "%(association)s certifies that %(name)s served an International Solidarity "
        "Volunteering mission (loi n° 2005-159 du 23 février 2005) under a VSI contract, "
        "as stated below."
    ) % {"association": association.name, "name": name}
    made_at = _("Made at %(place)s, on %(date)s") % {
        "place": contract.certificate_place or association.city or "–",
        "date": _date(issued),
    }
    signature = (
        contract.certificate_signatory_name,
        contract.certificate_signatory_role,
        _("for %(association)s") % {"association": association.name},
    )
    code = format_certificate_code(contract.certificate_code or "")
    verification = (
        _("Verification code: %(code)s") % {"code": code or "–"},
        _("Anyone can check this certificate at %(url)s") % {"url": verification_url()},
    )
    return Certificate(
        title=_("Certificate of completion of an International Solidarity Volunteering mission"),
        statement=statement,
        facts=tuple(facts),
        made_at=made_at,
        signature=tuple(line for line in signature if line),
        verification=verification,
        footer=_("Issued through the VSI Portal, with France Volontaires."),
    )


def certificate_lines(contract: Contract) -> list[str]:
    """The certificate's text, line by line (the PDF lays out the same words)."""
    content = certificate_content(contract)
    return [
        content.title,
        *_wrap(content.statement, 95),
        *(
            _("%(label)s: %(value)s") % {"label": label, "value": value}
            for label, value in content.facts
        ),
        content.made_at,
        *content.signature,
        *content.verification,
        content.footer,
    ]


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def certificate_pdf(contract: Contract, *, compress: bool = True) -> bytes:
    """The certificate as a one-page A4 PDF (``compress=False`` keeps the text readable)."""
    content = certificate_content(contract)
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1 if compress else 0)
    pdf.setTitle(content.title)
    pdf.setAuthor(contract.association.name)
    _width, height = A4
    left = 2.5 * cm
    y = height - 3 * cm
    pdf.setFont("Helvetica-Bold", 14)
    for line in _wrap(content.title, 60):
        _draw(pdf, left, y, line)
        y -= 0.8 * cm
    y -= 0.4 * cm
    pdf.setFont("Helvetica", 11)
    for line in _wrap(content.statement, 95):
        _draw(pdf, left, y, line)
        y -= 0.6 * cm
    y -= 0.6 * cm
    for label, value in content.facts:
        pdf.setFont("Helvetica-Bold", 11)
        _draw(pdf, left, y, f"{label}:")
        pdf.setFont("Helvetica", 11)
        for part in _wrap(value, 55) or [""]:
            _draw(pdf, 9 * cm, y, part)
            y -= 0.55 * cm
        y -= 0.15 * cm
    y -= 0.6 * cm
    pdf.setFont("Helvetica", 11)
    _draw(pdf, left, y, content.made_at)
    y -= 0.8 * cm
    for index, line in enumerate(content.signature):
        pdf.setFont("Helvetica-Bold" if index == 0 else "Helvetica", 11)
        _draw(pdf, left, y, line)
        y -= 0.55 * cm
    pdf.setFont("Helvetica", 9)
    y = 3 * cm
    for line in content.verification:
        _draw(pdf, left, y, line)
        y -= 0.45 * cm
    pdf.setFont("Helvetica-Oblique", 9)
    _draw(pdf, left, 1.6 * cm, content.footer)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
