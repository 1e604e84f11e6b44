"""Erasing an account (`privacy.services.account_delete`): what goes, what stays anonymised,
who is refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.core.files.storage import default_storage
from django.test import RequestFactory
from django.urls import reverse

from missions.models import Application, ApplicationEvent, Contract
from privacy import services
from privacy.errors import AccountDeletionRefused
from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    MembershipFactory,
    VolunteerFactory,
)
from tests.mail import send_the_hours_digests
from tests.missions.engagement import contract_for
from tests.volunteers.factories import document
from volunteers.models import Document, Volunteer

pytestmark = pytest.mark.django_db


def test_deleted_account_cannot_log_in(client):
    volunteer = VolunteerFactory()
    email = volunteer.user.email
    services.account_delete(user=volunteer.user)
    request = RequestFactory().post(reverse("account_login"))
    assert authenticate(request, username=email, password=PASSWORD) is None
    volunteer.user.refresh_from_db()
    anonymised = volunteer.user.email
    assert authenticate(request, username=anonymised, password=PASSWORD) is None
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_other_sessions_of_a_deleted_account_are_signed_out(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    services.account_delete(user=volunteer.user)
    response = client.get(reverse("volunteers:dashboard"))
    assert response.status_code == 302


def test_deleted_accounts_get_distinct_addresses():
    first, second = VolunteerFactory().user, VolunteerFactory().user
    services.account_delete(user=first)
    services.account_delete(user=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.email != second.email


def test_deletion_keeps_other_volunteers_data(django_capture_on_commit_callbacks):
    other_doc = document()
    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(user=VolunteerFactory().user)
    assert default_storage.exists(other_doc.file.name)
    assert Document.objects.filter(pk=other_doc.pk).exists()


def test_service_refuses_deleting_association_staff():
    with pytest.raises(AccountDeletionRefused):
        services.account_delete(user=MembershipFactory().user)


# --- Applications and contracts ----------------------------------------------------------


@pytest.fixture
def history():
    """A volunteer with a submitted, a shortlisted, an accepted (with contract) application."""
    volunteer = VolunteerFactory()
    submitted = ApplicationFactory(volunteer=volunteer, motivation="Mes raisons personnelles.")
    shortlisted = ApplicationFactory(volunteer=volunteer, status="shortlisted")
    contract = contract_for(
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
    send_the_hours_digests()
    (message,) = [message for message in mailoutbox if message.to == [admin.email]]
    assert volunteer.user.email not in message.body


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
