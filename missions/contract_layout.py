"""The VSI contract document laid out as an A4 PDF with reportlab's platypus.

The document's shape (titled sections of paragraphs, bullet items and label/value rows)
is defined here; ``contract_document`` fills it from a contract version. Text wraps,
a section's heading never ends a page alone, every page carries its number out of the
total, and a version not signed by both sides is marked as a draft on every page (in its
header and as a faint diagonal mark).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import partial
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

# --- The document's shape ---------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    rows: tuple[tuple[str, str], ...]


Block = Text | Items | Facts


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ContractDocument:
    """What one version of a contract says, in one language."""

    language: str
    title: str
    law: str
    translation_note: str
    version_label: str
    # "Projet – non signé" until both sides have signed this version, else "".
    draft_mark: str
    status_line: str
    sections: tuple[Section, ...]
    volunteer_name: str
    association_name: str
    footer: str  # a pattern with {page} and {pages}
    file_name: str

    @property
    def is_draft(self) -> bool:
        return bool(self.draft_mark)


# --- The layout -------------------------------------------------------------------------

MARGIN = 2.2 * cm
_BODY = ParagraphStyle(
    "body", fontName="Helvetica", fontSize=10, leading=14, alignment=TA_JUSTIFY, spaceAfter=5
)
_STYLES = {
    "title": ParagraphStyle(
        "title", fontName="Helvetica-Bold", fontSize=16, leading=20, alignment=TA_CENTER
    ),
    "law": ParagraphStyle(
        "law", fontName="Helvetica", fontSize=9, leading=12, alignment=TA_CENTER, spaceBefore=4
    ),
    "meta": ParagraphStyle(
        "meta", fontName="Helvetica-Bold", fontSize=10, leading=14, alignment=TA_CENTER
    ),
    "mark": ParagraphStyle(
        "mark",
        fontName="Helvetica-Bold",
        fontSize=12,
        leading=16,
        alignment=TA_CENTER,
        textColor=colors.HexColor("#b00020"),
        spaceBefore=6,
    ),
    "note": ParagraphStyle(
        "note", fontName="Helvetica-Oblique", fontSize=9, leading=12, alignment=TA_CENTER
    ),
    "heading": ParagraphStyle(
        "heading", fontName="Helvetica-Bold", fontSize=11, leading=15, spaceBefore=10, spaceAfter=4
    ),
    "body": _BODY,
    "item": ParagraphStyle("item", parent=_BODY, leftIndent=14, bulletIndent=4, spaceAfter=3),
    "label": ParagraphStyle("label", fontName="Helvetica-Bold", fontSize=10, leading=13),
    "value": ParagraphStyle("value", fontName="Helvetica", fontSize=10, leading=13),
}


def printable(text: str) -> str:
    """``text`` in the characters the PDF's standard fonts have (Windows-1252).

    *Choice*: the standard Helvetica, embedded in every PDF reader, rather than a font file
    the server may not have. A character outside it loses its accents ("Nguyễn" is written
    "Nguyen"), else becomes "?"; a narrow no-break space becomes a no-break space.
    """
    text = text.replace("\u202f", "\xa0")
    if _fits(text):
        return text
    kept = []
    for char in text:
        if not _fits(char):
            bare = unicodedata.normalize("NFKD", char)
            char = "".join(part for part in bare if not unicodedata.combining(part))
            char = char if char and _fits(char) else "?"
        kept.append(char)
    return "".join(kept)


def _fits(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _paragraph(text: str, style: str, *, bullet: str | None = None) -> Paragraph:
    markup = escape(printable(text)).replace("\n", "<br/>")
    return Paragraph(markup, _STYLES[style], bulletText=bullet)


def _facts_table(rows: tuple[tuple[str, str], ...]) -> Table:
    table = Table(
        [[_paragraph(label, "label"), _paragraph(value, "value")] for label, value in rows],
        colWidths=["38%", "62%"],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
            ]
        )
    )
    return table


def _story(document: ContractDocument) -> list:
    story: list = [
        _paragraph(document.title, "title"),
        _paragraph(document.law, "law"),
        Spacer(1, 6),
        _paragraph(document.version_label, "meta"),
    ]
    if document.draft_mark:
        story.append(_paragraph(document.draft_mark, "mark"))
        story.append(_paragraph(document.status_line, "note"))
    if document.translation_note:
        story.append(_paragraph(document.translation_note, "note"))
    story.append(Spacer(1, 8))
    for section in document.sections:
        flowables: list = [_paragraph(section.title, "heading")]
        for block in section.blocks:
            if isinstance(block, Text):
                flowables.append(_paragraph(block.text, "body"))
            elif isinstance(block, Items):
                flowables += [_paragraph(item, "item", bullet="•") for item in block.items]
            else:
                flowables.append(_facts_table(block.rows))
        # A heading never ends a page alone; a short section stays on one page.
        story.append(KeepTogether(flowables))
    return story


class _NumberedCanvas(canvas.Canvas):
    """A canvas that knows the number of pages when it writes each page's footer (and the
    draft mark), by keeping the pages until the document is complete."""

    def __init__(self, *args, document: ContractDocument, **kwargs):
        super().__init__(*args, **kwargs)
        self._document = document
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        width, height = A4
        document = self._document
        self.saveState()
        self.setFont("Helvetica", 8)
        self.setFillColor(colors.HexColor("#555555"))
        footer = document.footer.format(page=self._pageNumber, pages=total)
        self.drawCentredString(width / 2, 1.2 * cm, printable(footer))
        if document.draft_mark:
            self.setFillColor(colors.HexColor("#b00020"))
            self.setFont("Helvetica-Bold", 9)
            self.drawRightString(width - MARGIN, height - 1.2 * cm, document.draft_mark)
            self.setFillAlpha(0.08)
            self.setFont("Helvetica-Bold", 54)
            self.translate(width / 2, height / 2)
            self.rotate(45)
            self.drawCentredString(0, 0, document.draft_mark)
        self.restoreState()


def document_pdf(document: ContractDocument, *, compress: bool = True) -> bytes:
    """``document`` as an A4 PDF (``compress=False`` keeps the text readable in the file)."""
    buffer = BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=f"{document.title} – {document.volunteer_name} – {document.version_label}",
        author=document.association_name,
        lang=document.language,
        pageCompression=1 if compress else 0,
    )
    template.build(
        _story(document),
        canvasmaker=partial(_NumberedCanvas, document=document),
    )
    return buffer.getvalue()
