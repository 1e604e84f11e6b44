"""A criminal record extract sent again after the check: the administrator of the planned
contract records a new check of it (and its file goes too); a check is never recorded for a
file the administrator did not download."""

from __future__ import annotations

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from missions.errors import ContractError
from missions.services.contract_departure import contract_record_criminal_record_check
from tests.factories import ContractFactory
from tests.missions.engagement import PDF_BYTES, upload_document
from volunteers.services import document_upload
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def checked(association, staff, django_capture_on_commit_callbacks):
    """A planned contract whose volunteer's first extract is checked (file deleted)."""
    contract = ContractFactory(application__mission__association=association)
    upload_document(contract.volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        contract_record_criminal_record_check(contract=contract, by=staff, outcome="entries")
    return contract


def _send_again(volunteer):
    upload = SimpleUploadedFile("extrait.pdf", PDF_BYTES, content_type="application/pdf")
    return document_upload(volunteer=volunteer, kind="criminal_record", upload=upload)


def test_an_extract_sent_again_after_the_check_gets_a_new_check(
    checked, staff, django_capture_on_commit_callbacks
):
    document = _send_again(checked.volunteer)
    name = document.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        contract = contract_record_criminal_record_check(
            contract=checked, by=staff, outcome="clear"
        )
    document.refresh_from_db()
    assert document.is_checked and not document.has_file
    assert not default_storage.exists(name)
    assert contract.criminal_record_outcome == "clear"
    assert AuditEvent.objects.filter(action="criminal_record_checked").count() == 2


def test_without_a_new_extract_the_check_is_not_recorded_twice(checked, staff):
    with pytest.raises(ContractError, match="already checked"):
        contract_record_criminal_record_check(contract=checked, by=staff, outcome="clear")


def test_a_file_replaced_since_the_page_was_opened_is_not_recorded_as_checked(checked, staff):
    first = _send_again(checked.volunteer)
    seen = first.uploaded_at
    second = _send_again(checked.volunteer)
    with pytest.raises(ContractError, match="new extract since you opened"):
        contract_record_criminal_record_check(
            contract=checked, by=staff, outcome="clear", extract_uploaded_at=seen
        )
    second.refresh_from_db()
    assert not second.is_checked and second.has_file


def test_the_contract_page_offers_the_new_check_and_it_round_trips(
    client, checked, staff, django_capture_on_commit_callbacks
):
    document = _send_again(checked.volunteer)
    client.force_login(staff)
    page = client.get(reverse("missions:contract_detail", kwargs={"pk": checked.pk}))
    html = page.content.decode()
    assert reverse("volunteers:document_download", kwargs={"pk": document.pk}) in html
    hidden = re.search(r'name="extract_uploaded_at" value="([^"]+)"', html).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("missions:contract_criminal_record", kwargs={"pk": checked.pk}),
            {"outcome": "clear", "extract_uploaded_at": hidden},
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_checked and not document.has_file
