"""The text of a PDF the portal makes, read back with pypdf (what a reader would see)."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, its whitespace (line breaks, no-break spaces) made single spaces."""
    reader = PdfReader(BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(data: bytes) -> str:
    """The whole document's text on one line."""
    return " ".join(pdf_pages(data))
