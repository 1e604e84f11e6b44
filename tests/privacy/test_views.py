"""The data rights pages: the export page and its zip, the account deletion page."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.core.files.storage import default_storage
from django.urls import reverse

from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
)
from tests.volunteers.factories import PriorMissionFactory, document, pdf_bytes
from volunteers import services
from volunteers.models import Document, PriorMission, SavedMission, Volunteer
from vsi_portal.accounts.models import User
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db

EXPORT = reverse("volunteers:data_export")
DELETE = reverse("volunteers:account_delete")


def _zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


# --- Export ------------------------------------------------------------------------------


def test_export_page_explains_before_downloading(client):
    client.force_login(VolunteerFactory().user)
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert "data.json" in response.content.decode()
    assert '<form method="post"' in response.content.decode()


def test_export_sends_anonymous_to_login(client):
    assert reverse("account_login") in client.post(EXPORT)["Location"]


def test_export_zip_holds_the_data_and_the_documents(client):
    volunteer = VolunteerFactory(skills="Teaching", domains_of_interest=["health"])
    volunteer.languages.set(["fr"])
    PriorMissionFactory(volunteer=volunteer, start_on=date(2014, 1, 1), end_on=date(2015, 12, 31))
    document(volunteer, name="Mon CV.pdf")
    mission = MissionFactory(title="Enseigner à Dakar")
    SavedMission.objects.create(volunteer=volunteer, mission=mission)
    client.force_login(volunteer.user)
    response = client.post(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store, private"
    archive = _zip(response)
    assert sorted(archive.namelist()) == ["data.json", "documents/cv-Mon CV.pdf"]
    assert archive.read("documents/cv-Mon CV.pdf") == pdf_bytes()
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == volunteer.user.email
    assert data["account"]["full_name"] == volunteer.user.full_name
    assert data["profile"]["birth_date"] == "1995-05-10"
    assert data["profile"]["nationalities"] == ["FR"]
    assert data["profile"]["languages"] == ["fr"]
    assert data["prior_missions"] == [
        {
            "association": data["prior_missions"][0]["association"],
            "country": "BF",
            "start": "2014-01-01",
            "end": "2015-12-31",
        }
    ]
    assert data["vsi_days_served"] == 730
    assert data["documents"][0]["original_name"] == "Mon CV.pdf"
    assert data["documents"][0]["file_in_export"] == "documents/cv-Mon CV.pdf"
    assert data["saved_missions"][0]["title"] == "Enseigner à Dakar"


def test_export_holds_only_the_persons_own_data(client):
    other = VolunteerFactory()
    document(other, name="autre.pdf")
    PriorMissionFactory(volunteer=other)
    me = VolunteerFactory()
    client.force_login(me.user)
    archive = _zip(client.post(EXPORT))
    assert archive.namelist() == ["data.json"]
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == me.user.email
    assert data["prior_missions"] == []
    assert data["documents"] == []


def test_export_without_a_profile_holds_the_account(client):
    user = UserFactory()
    client.force_login(user)
    data = json.loads(_zip(client.post(EXPORT)).read("data.json"))
    assert data["account"]["email"] == user.email
    assert data["profile"] is None


def test_export_of_a_checked_criminal_record_has_its_metadata_only(client):
    stored = document(kind="criminal_record")
    services.criminal_record_mark_checked(
        document=stored, by=MembershipFactory().user, outcome="clear"
    )
    client.force_login(stored.volunteer.user)
    archive = _zip(client.post(EXPORT))
    assert archive.namelist() == ["data.json"]
    entry = json.loads(archive.read("data.json"))["documents"][0]
    assert entry["outcome"] == "clear"
    assert entry["file_in_export"] is None


def test_export_by_association_staff_holds_only_their_own_account(client):
    document(VolunteerFactory())
    staff = MembershipFactory().user
    client.force_login(staff)
    archive = _zip(client.post(EXPORT))
    assert archive.namelist() == ["data.json"]
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == staff.email
    assert data["profile"] is None


def test_export_zip_contains_applications_and_contracts(client):
    volunteer = VolunteerFactory()
    ApplicationFactory(volunteer=volunteer)
    client.force_login(volunteer.user)
    data = json.loads(_zip(client.post(EXPORT)).read("data.json"))
    assert len(data["applications"]) == 1
    assert data["contracts"] == []


# --- Deletion ----------------------------------------------------------------------------


def _confirm(user, **changes):
    return {"password": PASSWORD, "confirm_email": user.email, **changes}


def test_deletion_page_asks_for_password_and_confirmation(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    page = client.get(DELETE).content.decode()
    assert 'type="password"' in page
    assert 'name="confirm_email"' in page


def test_deletion_sends_anonymous_to_login(client):
    assert reverse("account_login") in client.post(DELETE, {})["Location"]


def test_wrong_password_deletes_nothing(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    response = client.post(DELETE, _confirm(volunteer.user, password="nope"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["password"]
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()


def test_wrong_confirmation_deletes_nothing(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    response = client.post(DELETE, _confirm(volunteer.user, confirm_email="someone@else.org"))
    assert list(response.context["form"].errors) == ["confirm_email"]
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()


def test_deletion_removes_data_anonymises_and_signs_out(client, django_capture_on_commit_callbacks):
    volunteer = VolunteerFactory()
    user = volunteer.user
    email = user.email
    cv = document(volunteer)
    record = document(volunteer, kind="criminal_record")
    PriorMissionFactory(volunteer=volunteer)
    SavedMission.objects.create(volunteer=volunteer, mission=MissionFactory())
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE, _confirm(user, confirm_email=email.upper()), follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "ont été supprimés" in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert not default_storage.exists(cv.file.name)
    assert not default_storage.exists(record.file.name)
    assert not Document.objects.exists()
    assert not Volunteer.objects.exists()
    assert not PriorMission.objects.exists()
    assert not SavedMission.objects.exists()
    user.refresh_from_db()
    assert user.email.startswith("deleted-") and user.email.endswith("@invalid")
    assert user.full_name == "Deleted account"
    assert not user.has_usable_password()
    assert not user.is_active
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not User.objects.filter(email=email).exists()


def test_association_staff_is_asked_to_leave_the_staff_first(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    response = client.post(DELETE, _confirm(membership.user))
    assert response.status_code == 200
    assert "équipe d’une association" in response.content.decode()
    membership.user.refresh_from_db()
    assert membership.user.is_active


def test_deletion_refuses_get_with_data(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    client.get(DELETE, _confirm(volunteer.user))
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()


def test_deleting_ones_account_is_in_the_audit_trail(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    client.post(
        reverse("volunteers:account_delete"),
        {"password": PASSWORD, "confirm_email": volunteer.user.email},
    )
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_DELETED).count() == 1
