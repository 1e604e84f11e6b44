"""The demo's applications waiting 10 days: today's scan sends the weekly digest, once."""

from __future__ import annotations

import pytest
from django.core import mail

from associations.models import Association
from notifications.services import reminders_scan

pytestmark = pytest.mark.django_db


def test_todays_scan_sends_the_demo_digest_of_applications_waiting_once(demo):
    staff = set(
        Association.objects.get(slug="terres-d-afrique")
        .memberships.filter(role__in=["admin", "editor"], user__is_active=True)
        .values_list("user__email", flat=True)
    )
    mail.outbox = []
    first = reminders_scan(kind="applications_waiting", today=demo)
    digests = [message for message in mail.outbox if message.to[0] in staff]
    assert staff and len(digests) == len(staff)
    for message in digests:
        assert "Maraîchage agroécologique" in message.body
        assert "Filière cacao durable" in message.body
    assert first.sent >= len(staff)
    assert reminders_scan(kind="applications_waiting", today=demo).sent == 0
