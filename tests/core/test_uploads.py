"""The core's upload check (vsi_portal/uploads.py) for the association's file: PDF only."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import override
from PIL import Image

from demo.pdf import sample_pdf
from vsi_portal.uploads import PDF, PDF_ONLY, UploadRejected, accept_attribute, inspect_upload


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_pdf_is_accepted_when_only_pdf_is():
    detected, name = inspect_upload(
        SimpleUploadedFile("../../statuts.pdf", sample_pdf("x")), accepted=PDF_ONLY
    )
    assert detected is PDF
    assert name == "statuts.pdf"


def test_an_image_is_refused_when_only_pdf_is_with_words_saying_so():
    with override("fr"):
        with pytest.raises(UploadRejected) as refused:
            inspect_upload(SimpleUploadedFile("scan.png", _png()), accepted=PDF_ONLY)
        # Worded while French is on: a request of an earlier test leaves its language active.
        assert str(refused.value.message) == (
            "Seuls les documents PDF sont acceptés, et ce fichier n’en est pas un."
        )


def test_an_image_is_still_accepted_by_default():
    detected, _name = inspect_upload(SimpleUploadedFile("scan.png", _png()))
    assert detected.content_type == "image/png"


def test_the_file_inputs_accept_attribute_names_the_types():
    assert accept_attribute(PDF_ONLY) == ".pdf,application/pdf"
