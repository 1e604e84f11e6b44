"""Mail abuse limits: digests for reviewers and staff, an hourly budget per address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from associations.services.associations import association_register
from missions.services.applications import application_submit, application_withdraw
from tests.factories import MembershipFactory, MissionFactory, UserFactory, VolunteerFactory
from tests.mail import send_due, send_the_hours_digests
from vsi_portal.outbox.models import OutboxMessage
from vsi_portal.outbox.services import Email, digest_slot, outbox_write

pytestmark = pytest.mark.django_db


def _profile(number: int) -> dict:
    return {
        "name": f"Amis du Fleuve {number}",
        "kind": "association",
        "legal_identifier": f"W 123 456 78{number}",
        "address": "1 rue de la Loire\n45000 Orléans",
        "country": "FR",
        "website": "",
        "contact_email": f"contact{number}@amis-du-fleuve.example.org",
        "description": "Coopération avec le Mali.",
        "min_volunteer_age": 18,
    }


def test_a_burst_of_registrations_makes_one_digest_per_reviewer(
    django_capture_on_commit_callbacks, outbox
):
    reviewers = [
        UserFactory(is_staff=True, is_superuser=True, preferred_language=language)
        for language in ("en", "fr")
    ]
    for number in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            association_register(by=UserFactory(), **_profile(number))
    assert outbox == []  # nothing before the end of the hour
    assert send_the_hours_digests().sent == 2
    by_address = {message.to[0]: message for message in outbox}
    assert set(by_address) == {reviewer.email for reviewer in reviewers}
    english = by_address[reviewers[0].email]
    assert english.subject == "Associations waiting for your review (5)"
    for number in range(5):
        assert f"Amis du Fleuve {number}" in english.body
    assert by_address[reviewers[1].email].subject.startswith("Associations en attente")
    assert send_the_hours_digests().sent == 0


def test_an_apply_and_withdraw_loop_makes_one_digest_for_each_staff_member(
    django_capture_on_commit_callbacks, outbox
):
    admin = MembershipFactory(user__preferred_language="en")
    editor = MembershipFactory(association=admin.association, role="editor")
    volunteer = VolunteerFactory()
    # One mission a turn: re-applying to the same one waits 24 hours (test_reapplication.py).
    for mission in MissionFactory.create_batch(3, association=admin.association):
        with django_capture_on_commit_callbacks(execute=True):
            application = application_submit(
                mission=mission, volunteer=volunteer, motivation="Motivée.", by=volunteer.user
            )
        with django_capture_on_commit_callbacks(execute=True):
            application_withdraw(application=application, by=volunteer.user, reason="dates")
    assert outbox == []
    assert send_the_hours_digests().sent == 2
    assert sorted(message.to[0] for message in outbox) == sorted(
        [admin.user.email, editor.user.email]
    )
    english = next(message for message in outbox if message.to == [admin.user.email])
    assert english.subject == "News of your missions' applications (6)"
    assert english.body.count("/missions/manage/applications/") == 6


def test_a_digest_goes_out_at_the_end_of_the_hour_it_was_written_in():
    written = timezone.now().replace(minute=20, second=0, microsecond=0)
    assert digest_slot(written) == written.replace(minute=0) + timedelta(hours=1)


def _non_essential(to="lea@example.org", subject="Invitation", essential=False) -> Email:
    return Email(to=to, subject=subject, text=".", language="fr", kind="test", essential=essential)


def test_over_the_hourly_budget_an_email_waits_for_the_next_hour(settings, outbox):
    settings.OUTBOX_HOURLY_BUDGET = 2
    outbox_write(emails=[_non_essential(subject=f"Invitation {n}") for n in range(3)])
    result = send_due()
    assert (result.sent, result.held) == (2, 1)
    held = OutboxMessage.objects.get(subject="Invitation 2")
    assert held.state == OutboxMessage.State.PENDING and held.attempts == 0
    first_sent = OutboxMessage.objects.get(subject="Invitation 0").sent_at
    assert held.send_after == first_sent + timedelta(hours=1)
    assert send_due(later=timedelta(minutes=30)).sent == 0
    assert send_due(later=timedelta(hours=1, seconds=1)).sent == 1
    assert [message.subject for message in outbox] == [f"Invitation {n}" for n in range(3)]


def test_essential_emails_are_never_held_by_the_budget(settings, outbox):
    settings.OUTBOX_HOURLY_BUDGET = 1
    outbox_write(emails=[_non_essential(), _non_essential(subject="Reset", essential=True)])
    outbox_write(emails=[_non_essential(subject="Contract", essential=True)])
    assert send_due().sent == 3


def test_the_budget_is_per_address(settings, outbox):
    settings.OUTBOX_HOURLY_BUDGET = 1
    outbox_write(emails=[_non_essential(to="a@example.org"), _non_essential(to="b@example.org")])
    assert send_due().sent == 2
