"""What the volunteers app holds about a person (`volunteers/personal_data.py`)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.factories import MembershipFactory, MissionFactory, UserFactory, VolunteerFactory
from volunteers import personal_data, services
from volunteers.models import Document, PriorMission, SavedMission, Volunteer

from .factories import PriorMissionFactory, document

pytestmark = pytest.mark.django_db


def _checked(extract: Document) -> Document:
    return services.criminal_record_mark_checked(
        document=extract, by=MembershipFactory().user, outcome="clear"
    )


# --- Export ---------------------------------------------------------------------------------------


def test_an_account_without_a_profile_exports_empty_sections():
    assert personal_data.export(UserFactory()) == {
        "profile": None,
        "prior_missions": [],
        "documents": [],
        "saved_missions": [],
    }
    assert personal_data.export_files(UserFactory()) == []


def test_the_export_holds_the_profile_and_what_belongs_to_it():
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer)
    document(volunteer, name="Mon CV.pdf")
    SavedMission.objects.create(volunteer=volunteer, mission=MissionFactory())
    data = personal_data.export(volunteer.user)
    assert list(data) == ["profile", "prior_missions", "documents", "saved_missions"]
    assert data["profile"]["birth_date"] == volunteer.birth_date.isoformat()
    assert len(data["prior_missions"]) == len(data["saved_missions"]) == 1
    assert data["documents"][0]["file_in_export"] == "documents/cv-Mon CV.pdf"


def test_a_document_is_named_by_its_kind_and_the_persons_file_name():
    cv = document(name="Mon CV.pdf")
    assert personal_data.export_document_name(cv) == "documents/cv-Mon CV.pdf"


def test_export_files_leave_out_a_checked_extract_and_other_peoples_documents():
    volunteer = VolunteerFactory()
    cv = document(volunteer)
    _checked(document(volunteer, kind="criminal_record"))
    document()  # someone else's
    assert personal_data.export_files(volunteer.user) == [
        (personal_data.export_document_name(cv), cv.file)
    ]


# --- Erasure --------------------------------------------------------------------------------------


def test_erasure_deletes_documents_and_their_files_then_the_profile(
    django_capture_on_commit_callbacks,
):
    volunteer = VolunteerFactory()
    cv = document(volunteer)
    PriorMissionFactory(volunteer=volunteer)
    SavedMission.objects.create(volunteer=volunteer, mission=MissionFactory())
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase(volunteer.user)
    assert not default_storage.exists(cv.file.name)
    assert not Document.objects.exists()
    assert not Volunteer.objects.exists()
    assert not PriorMission.objects.exists()
    assert not SavedMission.objects.exists()


def test_erasure_without_a_profile_changes_nothing():
    other = VolunteerFactory()
    personal_data.erase(UserFactory())
    assert Volunteer.objects.filter(pk=other.pk).exists()


# --- Retention pieces -------------------------------------------------------------------------


def test_checked_files_are_the_checked_extracts_that_still_have_one():
    left_behind = document(kind="criminal_record")
    Document.objects.filter(pk=left_behind.pk).update(checked_at=timezone.now(), outcome="clear")
    document(kind="criminal_record")  # not checked yet
    _checked(document(kind="criminal_record"))  # checked, file already gone
    assert personal_data.checked_criminal_record_files() == [
        (left_behind.pk, left_behind.file.name)
    ]


def test_forgetting_a_checked_file_happens_once():
    extract = document(kind="criminal_record")
    Document.objects.filter(pk=extract.pk).update(checked_at=timezone.now(), outcome="clear")
    assert personal_data.checked_criminal_record_file_forget(document_pk=extract.pk)
    assert not personal_data.checked_criminal_record_file_forget(document_pk=extract.pk)
    extract.refresh_from_db()
    assert extract.file.name == ""


def test_an_unchecked_extract_keeps_its_file_name():
    extract = document(kind="criminal_record")
    assert not personal_data.checked_criminal_record_file_forget(document_pk=extract.pk)
    extract.refresh_from_db()
    assert extract.file.name


def test_an_orphan_is_an_old_unnamed_file_of_the_extracts_folder():
    named = document(kind="criminal_record")
    orphan = default_storage.save(
        f"{personal_data.CRIMINAL_RECORD_FOLDER}/orphan.pdf", ContentFile(b"x")
    )
    later = timezone.now() + timedelta(days=2)
    assert personal_data.orphan_criminal_record_files(now=later) == [orphan]
    assert named.file.name not in personal_data.orphan_criminal_record_files(now=later)
    assert personal_data.orphan_criminal_record_files(now=timezone.now()) == []
