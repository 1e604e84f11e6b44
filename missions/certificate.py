"""The certificate of completion of a VSI contract, as a PDF (R17: the association issues it).

``certificate_lines`` is the content, in the active language (the person who downloads
it); ``certificate_pdf`` lays it out with reportlab. Keeping the content a pure function
lets the tests read exactly what the PDF says.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas

from vsi_portal.entitlements import days
from vsi_portal.formats import format_day

from .models import Contract


@dataclass(frozen=True)
class Certificate:
    title: str
    statement: str
    facts: tuple[tuple[str, str], ...]
    footer: str


def _date(day) -> str:
    return format_day(day) if day else "–"


def certificate_content(contract: Contract) -> Certificate:
    """What the certificate says, in the active language."""
    volunteer = contract.volunteer
    name = volunteer.user.full_name if volunteer is not None else _("Deleted account")
    birth = volunteer.birth_date if volunteer is not None else None
    served = days(contract.committed_period)
    facts: list[tuple[str, str]] = [
        (_("Volunteer"), name),
        (_("Born on"), _date(birth)),
        (_("Association"), contract.association.name),
        (_("Ministry approval"), contract.association.approval_reference or "–"),
        (_("Mission"), contract.mission.title),
        (_("Country"), str(contract.country.name)),
        (_("First day"), _date(contract.start_on)),
        (_("Last day"), _date(contract.last_day)),
        (_("Days served"), str(served)),
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
    facts += [
        (_("Certificate number"), contract.certificate_number or "–"),
        (_("Issued on"), _date(issued)),
    ]
    statement = _(
        "%(association)s certifies that %(name)s served an International Solidarity "
        "Volunteering mission (loi n° 2005-159 du 23 février 2005) under a VSI contract, "
        "as stated below."
    ) % {"association": contract.association.name, "name": name}
    return Certificate(
        title=_("Certificate of completion of an International Solidarity Volunteering mission"),
        statement=statement,
        facts=tuple(facts),
        footer=_("Issued through the VSI Portal, with France Volontaires."),
    )


def certificate_lines(contract: Contract) -> list[str]:
    """The certificate's text, line by line (the PDF lays out the same words)."""
    content = certificate_content(contract)
    return [
        content.title,
        *_wrap(content.statement, 95),
        *(f"{label}: {value}" for label, value in content.facts),
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
    y = height - 3 * cm
    pdf.setFont("Helvetica-Bold", 14)
    for line in _wrap(content.title, 60):
        pdf.drawString(2.5 * cm, y, line)
        y -= 0.8 * cm
    y -= 0.4 * cm
    pdf.setFont("Helvetica", 11)
    for line in _wrap(content.statement, 95):
        pdf.drawString(2.5 * cm, y, line)
        y -= 0.6 * cm
    y -= 0.6 * cm
    for label, value in content.facts:
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(2.5 * cm, y, f"{label}:")
        pdf.setFont("Helvetica", 11)
        for part in _wrap(value, 55) or [""]:
            pdf.drawString(9 * cm, y, part)
            y -= 0.55 * cm
        y -= 0.15 * cm
    pdf.setFont("Helvetica-Oblique", 9)
    pdf.drawString(2.5 * cm, 2 * cm, content.footer)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
