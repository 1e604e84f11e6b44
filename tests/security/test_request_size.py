"""A request body is capped before anything reads it, and every size refusal is a 4xx page
in the person's language, never a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import VolunteerFactory
from tests.volunteers.factories import pdf_bytes

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _signed_in(client, language: str = "fr"):
    volunteer = VolunteerFactory(user__preferred_language=language)
    client.force_login(volunteer.user)
    return volunteer


def test_a_document_over_the_body_cap_is_refused_with_413_in_french(client, settings):
    _signed_in(client, "fr")
    big = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n" + b"0" * (settings.REQUEST_BODY_MAX_BYTES))
    response = client.post(
        reverse("volunteers:document_upload", kwargs={"kind": "cv"}), {"cv-file": big}
    )
    assert response.status_code == 413
    assert "trop volumineux" in response.content.decode()


def test_a_document_over_the_body_cap_is_refused_in_english_for_an_english_speaker(
    client, settings
):
    _signed_in(client, "en")
    big = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n" + b"0" * (settings.REQUEST_BODY_MAX_BYTES))
    response = client.post(
        reverse("volunteers:document_upload", kwargs={"kind": "cv"}), {"cv-file": big}
    )
    assert response.status_code == 413
    assert "What you sent is too large" in response.content.decode()


def test_the_cap_reads_no_body(rf, settings):
    """The refusal comes from the declared length: the body is never touched."""
    from vsi_portal.security.middleware import request_body_limit

    class Unreadable:
        def read(self, *args):  # pragma: no cover - must not be called
            raise AssertionError("the body was read")

    request = rf.post("/", data=b"", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = str(settings.REQUEST_BODY_MAX_BYTES + 1)
    request.META["wsgi.input"] = Unreadable()
    request._stream = Unreadable()
    request.user = None
    response = request_body_limit(lambda r: pytest.fail("the view ran"))(request)
    assert response.status_code == 413


def test_a_form_post_over_django_s_field_limit_is_a_400_page_in_french(client, settings):
    _signed_in(client, "fr")
    body = "presentation=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(
        reverse("volunteers:profile"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "Retour" in response.content.decode() or "retour" in response.content.decode()


def test_a_form_with_too_many_fields_is_a_400_page_not_a_500(client, settings):
    _signed_in(client)
    body = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.post(
        reverse("volunteers:profile"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_an_anonymous_oversized_post_is_refused_too(settings):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("account_login"),
        "login=" + "a" * (settings.REQUEST_BODY_MAX_BYTES + 1),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413


def test_a_document_under_the_cap_still_reaches_the_form(client):
    volunteer = _signed_in(client)
    small = SimpleUploadedFile("cv.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(
        reverse("volunteers:document_upload", kwargs={"kind": "cv"}), {"cv-file": small}
    )
    assert response.status_code == 302
    assert volunteer.documents.count() == 1


def test_the_limits_fit_the_largest_document():
    from django.conf import settings

    from volunteers.uploads import MAX_DOCUMENT_BYTES

    assert settings.REQUEST_BODY_MAX_BYTES >= MAX_DOCUMENT_BYTES + MB // 2
