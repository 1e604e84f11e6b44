"""Django admin of reminders (filters, search, resend), the scan task, the beat schedule."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import checks
from django.urls import reverse

from notifications import services
from notifications.models import Notification, Reminder
from notifications.tasks import reminders_scan_task
from tests.factories import UserFactory, otp_verify

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:notifications_reminder_changelist")


@pytest.fixture
def staff_client(client):
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def test_reminder_list_filters_by_kind_state_and_date_and_searches_by_email(
    staff_client, expiring, today
):
    services.reminders_scan(kind="approval_expiring", today=today)
    _association, admin = expiring
    for query in (
        "?kind=approval_expiring",
        "?state=sent",
        f"?due_on__gte={today.isoformat()}",
        f"?q={admin.email}",
    ):
        response = staff_client.get(CHANGELIST + query)
        assert response.status_code == 200
        assert admin.email in response.content.decode() or str(admin) in response.content.decode()
    assert staff_client.get(CHANGELIST + "?state=pending").context["cl"].result_count == 0


def test_resend_action_sends_the_selected_reminders_again_once(
    staff_client, expiring, today, outbox
):
    services.reminders_scan(kind="approval_expiring", today=today)
    _association, admin = expiring
    reminder = Reminder.objects.get(recipient=admin)  # the signed-in staff has one too
    outbox.clear()
    response = staff_client.post(
        CHANGELIST, {"action": "resend", "_selected_action": [reminder.pk]}, follow=True
    )
    assert response.status_code == 200
    assert [m.to for m in outbox] == [[admin.email]]
    reminder.refresh_from_db()
    assert reminder.state == "sent"
    # The original notification and the resent one.
    assert Notification.objects.filter(recipient=admin).count() == 2


def test_non_staff_cannot_see_the_reminder_admin(client):
    client.force_login(UserFactory())
    assert client.get(CHANGELIST).status_code == 302


def test_notification_admin_is_read_only(staff_client):
    url = reverse("admin:notifications_notification_add")
    assert staff_client.get(url).status_code == 403


def test_scan_task_runs_the_scan_for_the_given_day(expiring, today, outbox):
    result = reminders_scan_task.apply(args=("approval_expiring", today.isoformat())).get()
    assert result == {"kind": "approval_expiring", "inserted": 1, "sent": 1, "failed": 0}
    again = reminders_scan_task.apply(args=("approval_expiring",)).get()
    assert again["sent"] == 0
    assert len(outbox) == 1


def test_scan_task_is_late_acknowledged():
    assert reminders_scan_task.acks_late is True
    assert reminders_scan_task.reject_on_worker_lost is True


def test_beat_schedule_has_one_daily_scan_per_registered_kind():
    from notifications.reminders import registered_kinds

    entries = {
        entry["args"][0]: entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "notifications.tasks.reminders_scan_task"
    }
    for kind in registered_kinds():
        schedule = entries[kind.code]["schedule"]
        assert schedule.hour == {7}
        assert schedule.minute == {0}
    assert settings.CELERY_TIMEZONE == "Europe/Paris"


def test_system_check_warns_about_a_kind_without_beat_entry(settings):
    from notifications.checks import reminder_kinds_are_scheduled
    from notifications.reminders import registered_kinds

    assert reminder_kinds_are_scheduled() == []
    settings.CELERY_BEAT_SCHEDULE = {}
    warnings = reminder_kinds_are_scheduled()
    assert len(warnings) == len(registered_kinds())  # one per kind left without its scan
    assert {warning.id for warning in warnings} == {"notifications.W001"}
    assert all(isinstance(warning, checks.Warning) for warning in warnings)


def test_next_day_reminders_use_the_look_back(expiring, today, outbox):
    reminders_scan_task.apply(args=("approval_expiring", (today + timedelta(days=3)).isoformat()))
    assert len(outbox) == 1
