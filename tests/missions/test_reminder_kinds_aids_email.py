"""The end-of-mission aids e-mail: the allowance, the premium's terms and deadline, and
where to ask, in the volunteer's language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from notifications.models import Notification
from notifications.services import reminders_scan
from tests.factories import VolunteerFactory
from tests.missions.test_reminder_kinds import _ended
from vsi_portal.entitlements import add_months

pytestmark = pytest.mark.django_db


def test_end_of_mission_aids_email_gives_the_allowance_and_the_premium_deadline(today):
    volunteer = VolunteerFactory(user__preferred_language="en")
    contract = _ended(today - timedelta(days=1), volunteer=volunteer)
    result = reminders_scan(kind="end_of_mission_aids", today=today)
    assert result.sent == 1
    (message,) = mail.outbox
    deadline = add_months(contract.last_day, 12)
    assert "resettlement allowance of €800" in message.body
    assert (
        "up to €2,001 in total, paid in monthly instalments over at most 9 months" in message.body
    )
    assert "requested from France Travail" in message.body
    assert str(deadline.year) in message.body
    assert "/me/vsi/" in message.body
    assert Notification.objects.get(recipient=volunteer.user).link == "/me/vsi/"


def test_end_of_mission_aids_email_words_the_amounts_in_french(today):
    volunteer = VolunteerFactory(user__preferred_language="fr")
    _ended(today - timedelta(days=1), volunteer=volunteer)
    reminders_scan(kind="end_of_mission_aids", today=today)
    (message,) = mail.outbox
    assert "indemnité de réinstallation de 800\u00a0€" in message.body
    assert "jusqu’à 2\u00a0001\u00a0€ au total, versés par mensualités sur 9 mois au plus" in (
        message.body
    )
    assert "France Travail" in message.body
