"""Contracts and applications on the volunteer's side: served days, document access, export,
account deletion."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from missions.models import Application, ApplicationEvent, Contract
from missions.selectors.applications import document_viewable_by
from missions.selectors.candidates import candidate_for, served_periods, volunteer_ledger
from tests.factories import (
    ApplicationFactory,
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    VolunteerFactory,
)
from volunteers import selectors, services
from volunteers.models import Volunteer
from vsi_portal.eligibility import Period

from .factories import PriorMissionFactory, document

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 15)


def _contract(volunteer, *, start, end, status, **kwargs) -> Contract:
    mission = MissionFactory(start_on=start, end_on=end)
    return ContractFactory(
        application__mission=mission,
        application__volunteer=volunteer,
        start_on=start,
        end_on=end,
        status=status,
        **kwargs,
    )


# --- Served periods: the one list the ledger and the rules read --------------------------------


def test_planned_contract_has_served_nothing():
    volunteer = VolunteerFactory()
    _contract(volunteer, start=date(2027, 9, 1), end=date(2028, 8, 31), status="planned")
    assert served_periods(volunteer, today=TODAY) == []


def test_active_contract_has_served_from_its_start_to_today():
    volunteer = VolunteerFactory()
    _contract(volunteer, start=date(2027, 1, 1), end=date(2027, 12, 31), status="active")
    assert served_periods(volunteer, today=TODAY) == [Period(date(2027, 1, 1), TODAY)]


def test_active_contract_past_its_end_counts_up_to_the_planned_end():
    volunteer = VolunteerFactory()
    _contract(volunteer, start=date(2026, 1, 1), end=date(2026, 12, 31), status="active")
    assert served_periods(volunteer, today=TODAY) == [Period(date(2026, 1, 1), date(2026, 12, 31))]


def test_completed_contract_counts_to_its_planned_end():
    volunteer = VolunteerFactory()
    _contract(volunteer, start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed")
    assert served_periods(volunteer, today=TODAY) == [Period(date(2025, 1, 1), date(2025, 12, 31))]


def test_contract_ended_early_counts_to_the_day_it_ended():
    volunteer = VolunteerFactory()
    _contract(
        volunteer,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        status="ended_early",
        ended_on=date(2025, 6, 30),
    )
    assert served_periods(volunteer, today=TODAY) == [Period(date(2025, 1, 1), date(2025, 6, 30))]


def test_contract_ending_early_while_the_notice_runs_counts_to_today():
    volunteer = VolunteerFactory()
    _contract(
        volunteer,
        start=date(2027, 1, 1),
        end=date(2027, 12, 31),
        status="ended_early",
        ended_on=date(2027, 7, 31),
    )
    assert served_periods(volunteer, today=TODAY) == [Period(date(2027, 1, 1), TODAY)]


def test_served_periods_add_contracts_to_declared_missions_and_can_leave_one_out():
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer, start_on=date(2018, 1, 1), end_on=date(2018, 12, 31))
    contract = _contract(
        volunteer, start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed"
    )
    assert served_periods(volunteer, today=TODAY) == [
        Period(date(2018, 1, 1), date(2018, 12, 31)),
        Period(date(2025, 1, 1), date(2025, 12, 31)),
    ]
    assert candidate_for(volunteer, exclude_contract_pk=contract.pk).prior_missions == (
        Period(date(2018, 1, 1), date(2018, 12, 31)),
    )


def test_another_volunteers_contract_is_not_counted():
    _contract(
        VolunteerFactory(), start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed"
    )
    assert served_periods(VolunteerFactory(), today=TODAY) == []


def test_ledger_counts_the_days_served_through_the_portal():
    volunteer = VolunteerFactory()
    _contract(volunteer, start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed")
    assert volunteer_ledger(volunteer).days_served == 365


def test_dashboard_ledger_reads_the_contracts(client):
    volunteer = VolunteerFactory()
    _contract(volunteer, start=date(2025, 1, 1), end=date(2025, 1, 10), status="completed")
    client.force_login(volunteer.user)
    assert client.get(reverse("volunteers:dashboard")).context["ledger"].days_served == 10


def test_rules_see_the_contract_days_as_prior_service():
    volunteer = VolunteerFactory()
    _contract(volunteer, start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed")
    candidate = candidate_for(volunteer)
    assert Period(date(2025, 1, 1), date(2025, 12, 31)) in candidate.prior_missions


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


# --- Export -------------------------------------------------------------------------------------


def test_export_holds_applications_with_their_history():
    volunteer = VolunteerFactory()
    application = ApplicationFactory(volunteer=volunteer, motivation="J’aime enseigner.")
    ApplicationEvent.objects.create(
        application=application, to_status="submitted", by=volunteer.user
    )
    data = selectors.volunteer_export_data(volunteer)
    (exported,) = data["applications"]
    assert exported["mission"] == application.mission.title
    assert exported["association"] == application.mission.association.name
    assert exported["status"] == "submitted"
    assert exported["motivation"] == "J’aime enseigner."
    assert exported["history"][0]["to"] == "submitted"
    assert exported["history"][0]["by_you"] is True


def test_export_holds_the_contracts_facts():
    volunteer = VolunteerFactory()
    contract = _contract(
        volunteer,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        status="completed",
        insurance_reference="AXA-1",
        certificate_number="VSI-2026-000001",
        certificate_issued_at=timezone.now(),
    )
    (exported,) = selectors.volunteer_export_data(volunteer)["contracts"]
    assert exported["mission"] == contract.mission.title
    assert exported["start"] == "2025-01-01"
    assert exported["planned_end"] == "2025-12-31"
    assert exported["monthly_allowance_eur"] == contract.allowance_eur
    assert exported["insurance_reference"] == "AXA-1"
    assert exported["days_served"] == 365
    assert exported["certificate_number"] == "VSI-2026-000001"
    json.dumps(exported)  # JSON-ready


def test_export_zip_contains_applications_and_contracts(client):
    volunteer = VolunteerFactory()
    ApplicationFactory(volunteer=volunteer)
    client.force_login(volunteer.user)
    response = client.post(reverse("volunteers:data_export"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert len(data["applications"]) == 1
    assert data["contracts"] == []


def test_export_leaves_out_other_volunteers_applications():
    ApplicationFactory()
    assert selectors.volunteer_export_data(VolunteerFactory())["applications"] == []


# --- Deletion -----------------------------------------------------------------------------------


@pytest.fixture
def history():
    """A volunteer with a submitted, a shortlisted, an accepted (with contract) application."""
    volunteer = VolunteerFactory()
    submitted = ApplicationFactory(volunteer=volunteer, motivation="Mes raisons personnelles.")
    shortlisted = ApplicationFactory(volunteer=volunteer, status="shortlisted")
    contract = _contract(
        volunteer,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        status="ended_early",
        ended_on=date(2025, 6, 30),
        end_reason="health",
        end_explanation="Hospitalisation de la volontaire.",
        compelling_reason=True,
    )
    ApplicationEvent.objects.create(
        application=submitted, to_status="submitted", by=volunteer.user, message="Un mot perso."
    )
    return volunteer, submitted, shortlisted, contract


def test_deletion_keeps_applications_and_contracts_without_the_person(history):
    volunteer, submitted, shortlisted, contract = history
    services.account_delete(user=volunteer.user)
    assert not Volunteer.objects.filter(pk=volunteer.pk).exists()
    for application in (submitted, shortlisted, contract.application):
        application.refresh_from_db()
        assert application.volunteer is None
        assert application.motivation == ""
    contract.refresh_from_db()
    assert contract.volunteer is None
    assert contract.end_explanation == ""
    assert (contract.start_on, contract.ended_on, contract.end_reason) == (
        date(2025, 1, 1),
        date(2025, 6, 30),
        "health",
    )


def test_deletion_withdraws_open_applications_with_a_reason_and_an_event(history):
    volunteer, submitted, shortlisted, contract = history
    services.account_delete(user=volunteer.user)
    for application, previous in ((submitted, "submitted"), (shortlisted, "shortlisted")):
        application.refresh_from_db()
        assert application.status == "withdrawn"
        assert application.withdrawal_reason == Application.WithdrawalReason.OTHER
        assert application.decided_at is not None
        event = application.events.get(to_status="withdrawn")
        assert (event.from_status, event.reason) == (previous, "other")
    contract.application.refresh_from_db()
    assert contract.application.status == "accepted"  # a decided application stays as it was


def test_deletion_blanks_the_persons_own_words_in_the_history(history):
    volunteer, submitted, *_ = history
    services.account_delete(user=volunteer.user)
    assert set(submitted.events.values_list("message", flat=True)) == {""}


def test_deletion_tells_the_association_staff_about_the_withdrawal(
    history, mailoutbox, django_capture_on_commit_callbacks
):
    volunteer, submitted, *_ = history
    admin = MembershipFactory(association=submitted.mission.association).user
    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(user=volunteer.user)
    assert admin.email in [message.to[0] for message in mailoutbox]


def test_deletion_leaves_other_volunteers_applications_alone(history):
    volunteer, *_ = history
    other = ApplicationFactory(motivation="Motivation d’une autre personne.")
    services.account_delete(user=volunteer.user)
    other.refresh_from_db()
    assert (other.status, other.motivation) == ("submitted", "Motivation d’une autre personne.")
    assert other.volunteer is not None


def test_deleted_volunteers_contract_is_gone_from_my_vsi_and_reminders(history):
    volunteer, *_ = history
    services.account_delete(user=volunteer.user)
    assert Contract.objects.filter(volunteer__isnull=True).count() == 1
    assert Contract.objects.of_user(volunteer.user).count() == 0


def test_served_periods_of_an_unsaved_profile_are_empty():
    assert served_periods(Volunteer(), today=TODAY) == []


def test_has_ended_follows_the_last_day():
    volunteer = VolunteerFactory()
    today = timezone.localdate()
    running = _contract(
        volunteer, start=today - timedelta(days=5), end=today + timedelta(days=5), status="active"
    )
    assert not running.has_ended(today)
    assert running.has_ended(today + timedelta(days=6))
