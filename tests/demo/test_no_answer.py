"""The demo's no-answer rule: an application 24 days old whose staff today's scan warns
once, and one closed without an answer 10 days ago."""

from __future__ import annotations

import pytest
from django.core import mail

from associations.models import Association
from demo.loader import load_demo
from missions.models import Application
from notifications.models import Notification
from notifications.services import reminders_scan

pytestmark = pytest.mark.django_db


def test_todays_scan_warns_asie_solidaire_of_the_application_about_to_close_once(demo):
    staff = set(
        Association.objects.get(slug="asie-solidaire")
        .memberships.filter(role__in=["admin", "editor"], user__is_active=True)
        .values_list("user__email", flat=True)
    )
    mail.outbox = []
    first = reminders_scan(kind="application_expiry_warning", today=demo)
    warnings = [message for message in mail.outbox if message.to[0] in staff]
    assert staff and len(warnings) == len(staff) == first.sent
    assert all("Awa Diop" in message.body for message in warnings)
    assert reminders_scan(kind="application_expiry_warning", today=demo).sent == 0


def test_todays_scan_closes_nothing_more(demo):
    assert reminders_scan(kind="application_expiry", today=demo).acted == 0
    assert Application.objects.filter(status="submitted").exists()


def test_jonas_webers_application_closed_without_an_answer_and_he_was_told(demo):
    application = Application.objects.get(
        volunteer__user__email="jonas.weber@example.org", mission__slug="community-health-accra"
    )
    assert application.status == Application.Status.EXPIRED
    assert application.events.get(to_status="expired").reason == "no_answer"
    notification = Notification.objects.get(
        recipient=application.volunteer.user, kind="application_expired"
    )
    assert notification.title.startswith("Your application closed without an answer")


def test_loading_the_demo_again_adds_no_closed_application(demo):
    load_demo(today=demo)
    assert Application.objects.filter(status="expired").count() == 1
    assert Notification.objects.filter(kind="application_expired").count() == 2
