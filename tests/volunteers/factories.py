"""Factories and sample files for the volunteers' tests."""

from __future__ import annotations

import io
from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from demo.pdf import sample_pdf
from tests.factories import VolunteerFactory
from volunteers import services


class PriorMissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "volunteers.PriorMission"

    volunteer = factory.SubFactory(VolunteerFactory)
    association_name = factory.Sequence(lambda n: f"Association partenaire {n}")
    country = "BF"
    start_on = date(2018, 1, 1)
    end_on = date(2018, 12, 31)


def pdf_bytes() -> bytes:
    return sample_pdf("Test CV")


def image_bytes(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(
    name: str = "cv.pdf", content: bytes | None = None, content_type: str = ""
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type)


def document(volunteer=None, *, kind: str = "cv", name: str = "mon cv.pdf", content=None):
    """A stored document, through the service (as a real upload)."""
    volunteer = volunteer or VolunteerFactory()
    return services.document_upload(volunteer=volunteer, kind=kind, upload=upload(name, content))


def count_queries(client, url: str) -> tuple[int, int]:
    """(all queries, queries on the volunteers' tables) of one GET of `url`.

    The header's queries belong to other apps and may change; the pinned figure is the
    volunteers' own, and the total must not grow with the number of rows.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    own = [q for q in context.captured_queries if "volunteers_" in q["sql"]]
    return len(context.captured_queries), len(own)
