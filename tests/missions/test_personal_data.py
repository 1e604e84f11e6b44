"""What the missions app holds about a person (`missions/personal_data.py`)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import OuterRef

from missions import personal_data
from missions.models import Application, ApplicationEvent, Contract
from tests.factories import ApplicationFactory, ContractFactory, UserFactory, VolunteerFactory
from vsi_portal.accounts.models import User

pytestmark = pytest.mark.django_db


def test_an_account_without_a_profile_exports_no_section():
    assert personal_data.export(UserFactory()) == {}


def test_the_export_holds_the_days_served_the_applications_and_the_contracts():
    volunteer = VolunteerFactory()
    ApplicationFactory(volunteer=volunteer)
    ContractFactory(
        application__volunteer=volunteer,
        status="completed",
        start_on=date(2025, 1, 1),
        end_on=date(2025, 1, 10),
    )
    data = personal_data.export(volunteer.user)
    assert list(data) == ["vsi_days_served", "applications", "contracts", "saved_searches"]
    assert data["vsi_days_served"] == 10
    assert len(data["applications"]) == 2  # the contract's own application too
    assert data["contracts"][0]["days_served"] == 10


def test_erasure_anonymises_while_the_profile_still_links_the_records():
    volunteer = VolunteerFactory()
    application = ApplicationFactory(volunteer=volunteer, motivation="Mes raisons.")
    ApplicationEvent.objects.create(
        application=application, to_status="submitted", by=volunteer.user, message="Un mot."
    )
    personal_data.erase(volunteer.user)
    application.refresh_from_db()
    assert application.volunteer == volunteer  # the volunteers app unlinks it next
    assert application.status == Application.Status.WITHDRAWN
    assert application.motivation == ""
    assert set(application.events.values_list("message", flat=True)) == {""}


@pytest.mark.parametrize("status", ["draft", "offered", "volunteer_signed"])
def test_erasure_closes_a_contract_not_signed_by_both_sides(status):
    contract = ContractFactory(status=status, signed_at=None)
    personal_data.erase(contract.volunteer.user)
    contract.refresh_from_db()
    version = contract.versions.get()
    assert (contract.status, version.status, version.decline_reason) == (
        "declined",
        "declined",
        "other",
    )


def test_erasure_frees_the_days_of_a_contract_the_person_alone_signed():
    contract = ContractFactory(status="volunteer_signed", signed_at=None)
    personal_data.erase(contract.volunteer.user)
    assert not Contract.objects.binding().filter(pk=contract.pk).exists()


def test_erasure_withdraws_the_accepted_application_of_a_closed_contract():
    contract = ContractFactory(status="offered", signed_at=None)
    personal_data.erase(contract.volunteer.user)
    application = Application.objects.get(pk=contract.application_id)
    assert (application.status, application.withdrawal_reason) == ("withdrawn", "other")


def test_erasure_leaves_a_contract_signed_by_both_sides_as_it_is():
    contract = ContractFactory(status="completed")
    personal_data.erase(contract.volunteer.user)
    contract.refresh_from_db()
    assert (contract.status, contract.versions.get().status) == ("completed", "signed")
    assert Application.objects.get(pk=contract.application_id).status == "accepted"


def test_erasure_without_a_profile_changes_nothing():
    other = ApplicationFactory(motivation="Motivation d’une autre personne.")
    personal_data.erase(UserFactory())
    other.refresh_from_db()
    assert (other.status, other.motivation) == ("submitted", "Motivation d’une autre personne.")


@pytest.mark.parametrize(
    ("status", "running"),
    [
        ("volunteer_signed", True),
        ("planned", True),
        ("active", True),
        ("offered", False),
        ("completed", False),
        ("ended_early", False),
    ],
)
def test_a_running_contract_is_signed_by_the_volunteer_planned_or_active(status, running):
    user = ContractFactory(status=status).volunteer.user
    with_running = User.objects.filter(personal_data.with_running_contract(OuterRef("pk")))
    assert (user in with_running) is running
