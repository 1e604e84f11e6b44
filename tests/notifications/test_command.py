"""`manage.py send_due_reminders`."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from notifications.models import Notification, Reminder
from tests.factories import AssociationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("send_due_reminders", *args, stdout=out)
    return out.getvalue().splitlines()


# The contract kinds (missions/reminder_kinds/) have nothing due in these tests.
NOTHING_ELSE = [
    f"{code}: 0 due, 0 sent, 0 failed"
    for code in (
        "departure_prerequisites",
        "mission_ending",
        "certificate_due",
        "end_of_mission_aids",
        "insertion_premium_deadline",
        "applications_waiting",
        "application_expiry_warning",
        "application_expiry",
    )
]


@pytest.fixture
def three_due(today):
    admins = []
    for days in (90, 30, 88):  # the last one fell due two days ago
        association = AssociationFactory(approval_expires_on=today + timedelta(days=days))
        admins.append(MembershipFactory(association=association).user)
    AssociationFactory(approval_expires_on=today + timedelta(days=45))
    return admins


def test_prints_one_line_per_kind_and_the_total(three_due, outbox):
    assert run() == ["approval_expiring: 3 due, 3 sent, 0 failed", *NOTHING_ELSE, "sent: 3"]
    assert len(outbox) == 3
    assert Notification.objects.count() == 3


def test_a_second_run_the_same_day_sends_nothing(three_due, outbox):
    run()
    outbox.clear()
    assert run() == ["approval_expiring: 0 due, 0 sent, 0 failed", *NOTHING_ELSE, "sent: 0"]
    assert outbox == []


def test_date_option_scans_another_day(three_due, today, outbox):
    lines = run("--date", (today + timedelta(days=60)).isoformat())
    # On that day the second reminders (30 days before) of the associations expiring in
    # 90 days (due that day) and in 88 days (due two days before, in the look-back) are due.
    assert lines[-1] == "sent: 2"


def test_dry_run_lists_and_writes_nothing(three_due, outbox):
    lines = run("--dry-run")
    assert lines[0] == "approval_expiring: 3 would be sent"
    assert all(any(a.email in line for line in lines) for a in three_due)
    assert lines[-1] == "would send: 3"
    assert Reminder.objects.count() == 0
    assert outbox == []


def test_kind_option_runs_one_kind(three_due):
    assert run("--kind", "approval_expiring")[-1] == "sent: 3"


def test_an_invalid_date_is_a_clean_error():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--date", "2026-02-30")


def test_an_unknown_kind_is_a_clean_error():
    with pytest.raises(CommandError, match="Unknown kind"):
        run("--kind", "nope")
