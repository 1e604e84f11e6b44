"""Who may read a volunteer's documents (missions/selectors/applications.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from missions.models import Application
from missions.selectors.applications import document_viewable_by
from tests.factories import (
    ApplicationFactory,
    ContractFactory,
    MembershipFactory,
)
from tests.volunteers.factories import document

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 15)


# --- Document access for staff --------------------------------------------------------------


def test_staff_of_an_association_the_volunteer_applied_to_may_see_the_cv():
    cv = document()
    application = ApplicationFactory(volunteer=cv.volunteer)
    staff = MembershipFactory(association=application.mission.association, role="editor").user
    assert document_viewable_by(cv, staff)


def test_staff_still_see_the_cv_of_an_application_they_refused():
    cv = document()
    application = ApplicationFactory(volunteer=cv.volunteer, status="rejected")
    staff = MembershipFactory(association=application.mission.association).user
    assert document_viewable_by(cv, staff)


def test_staff_of_another_association_may_not_see_the_cv():
    cv = document()
    ApplicationFactory(volunteer=cv.volunteer)
    assert not document_viewable_by(cv, MembershipFactory().user)


def test_staff_whose_mission_got_no_application_from_this_volunteer_may_not_see_the_cv():
    cv = document()
    ApplicationFactory()  # someone else applied to their mission
    mission_staff = MembershipFactory(
        association=Application.objects.get().mission.association
    ).user
    assert not document_viewable_by(cv, mission_staff)


@pytest.mark.parametrize("status", ["planned", "active"])
def test_staff_holding_a_running_contract_may_see_the_criminal_record(status):
    extract = document(kind="criminal_record")
    contract = ContractFactory(application__volunteer=extract.volunteer, status=status)
    staff = MembershipFactory(association=contract.association).user
    assert document_viewable_by(extract, staff)


@pytest.mark.parametrize("status", ["completed", "ended_early"])
def test_staff_of_an_ended_contract_may_no_longer_see_the_criminal_record(status):
    extract = document(kind="criminal_record")
    contract = ContractFactory(application__volunteer=extract.volunteer, status=status)
    staff = MembershipFactory(association=contract.association).user
    assert not document_viewable_by(extract, staff)


def test_an_editor_of_the_contract_s_association_may_not_see_the_criminal_record():
    """Only administrators check criminal records (docs/security.md, the role matrix)."""
    extract = document(kind="criminal_record")
    contract = ContractFactory(application__volunteer=extract.volunteer)
    editor = MembershipFactory(association=contract.association, role="editor").user
    assert not document_viewable_by(extract, editor)


def test_an_editor_may_not_download_the_criminal_record_through_the_view(client):
    extract = document(kind="criminal_record")
    contract = ContractFactory(application__volunteer=extract.volunteer)
    client.force_login(MembershipFactory(association=contract.association, role="editor").user)
    response = client.get(reverse("volunteers:document_download", args=[extract.pk]))
    assert response.status_code == 404


def test_staff_of_an_association_the_volunteer_only_applied_to_may_not_see_the_criminal_record():
    extract = document(kind="criminal_record")
    application = ApplicationFactory(volunteer=extract.volunteer)
    staff = MembershipFactory(association=application.mission.association).user
    assert not document_viewable_by(extract, staff)


def test_contract_staff_download_the_criminal_record_through_the_view(client):
    extract = document(kind="criminal_record")
    contract = ContractFactory(application__volunteer=extract.volunteer)
    client.force_login(MembershipFactory(association=contract.association).user)
    response = client.get(reverse("volunteers:document_download", args=[extract.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"


def test_staff_of_another_association_get_404_on_the_criminal_record(client):
    extract = document(kind="criminal_record")
    ContractFactory(application__volunteer=extract.volunteer)
    client.force_login(MembershipFactory().user)
    response = client.get(reverse("volunteers:document_download", args=[extract.pk]))
    assert response.status_code == 404
