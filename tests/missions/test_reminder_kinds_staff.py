"""Staff reminders name the volunteer and the mission they concern (subject and in-app title)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from notifications.models import Notification
from notifications.services import reminders_scan
from tests.factories import ContractFactory, MembershipFactory, MissionFactory, VolunteerFactory
from vsi_portal.entitlements import add_months

pytestmark = pytest.mark.django_db


def _contract(*, start, end, status):
    mission = MissionFactory(start_on=start, end_on=end, title="Santé communautaire")
    volunteer = VolunteerFactory(user__full_name="Awa Diallo")
    return ContractFactory(
        application__mission=mission,
        application__volunteer=volunteer,
        start_on=start,
        end_on=end,
        status=status,
    )


def _departing(today):
    start = today + timedelta(days=30)
    return _contract(start=start, end=add_months(start, 12) - timedelta(days=1), status="planned")


def _ending(today):
    end = today + timedelta(days=14)
    return _contract(start=add_months(end + timedelta(days=1), -12), end=end, status="active")


def _subject_to(user) -> str:
    (message,) = [message for message in mail.outbox if message.to == [user.email]]
    return message.subject


def test_the_departure_reminder_names_the_volunteer_to_the_staff(today):
    contract = _departing(today)
    admin = MembershipFactory(association=contract.association).user
    reminders_scan(kind="departure_prerequisites", today=today)
    assert _subject_to(admin).startswith("Départ de Awa Diallo le ")
    assert "(Santé communautaire)" in _subject_to(admin)
    assert "Awa Diallo" in Notification.objects.get(recipient=admin).body


def test_the_departure_reminder_to_the_volunteer_keeps_its_words(today):
    contract = _departing(today)
    reminders_scan(kind="departure_prerequisites", today=today)
    assert _subject_to(contract.volunteer.user).startswith("Départ le ")


def test_the_mission_ending_reminder_names_the_volunteer_to_the_staff(today):
    contract = _ending(today)
    editor = MembershipFactory(
        association=contract.association, role="editor", user__preferred_language="en"
    ).user
    reminders_scan(kind="mission_ending", today=today)
    assert _subject_to(editor).startswith("The mission Santé communautaire of Awa Diallo ends on ")
    assert "Awa Diallo" in Notification.objects.get(recipient=editor).body


def test_the_mission_ending_reminder_to_the_volunteer_keeps_its_words(today):
    contract = _ending(today)
    reminders_scan(kind="mission_ending", today=today)
    assert "Awa Diallo" not in _subject_to(contract.volunteer.user)
