"""The weekly digest of applications waiting more than 7 days, to each association's staff
(issue 16): one e-mail per association and recipient, exactly once a week."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from missions.models import ApplicationEvent
from missions.reminder_kinds.applications_waiting import digest_due_on
from notifications.models import Notification, Reminder
from notifications.services import reminders_scan
from tests.concurrency import at_once
from tests.factories import (
    ApplicationFactory,
    AssociationFactory,
    MembershipFactory,
    MissionFactory,
    VolunteerFactory,
)

KIND = "applications_waiting"
WEDNESDAY = date(2026, 6, 17)
MONDAY = date(2026, 6, 15)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(_at(WEDNESDAY), tick=False):
        yield


def _application(association, *, days_ago, status="submitted", name="Awa Diallo", title="Santé"):
    application = ApplicationFactory(
        mission=MissionFactory(association=association, title=title),
        volunteer=VolunteerFactory(user__full_name=name),
        status=status,
        submitted_at=_at(WEDNESDAY - timedelta(days=days_ago)),
    )
    ApplicationEvent.objects.create(
        application=application, to_status=status, at=_at(WEDNESDAY - timedelta(days=days_ago))
    )
    return application


def _scan(today=WEDNESDAY):
    return reminders_scan(kind=KIND, today=today)


def _mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


@pytest.mark.django_db
def test_the_digest_lists_only_the_associations_applications_waiting_more_than_7_days():
    association = AssociationFactory(name="Terres d'Afrique")
    admin = MembershipFactory(association=association).user
    waiting = _application(association, days_ago=10, name="Awa Diallo", title="Forages")
    _application(association, days_ago=3, name="Jonas Weber")  # a recent one
    _application(association, days_ago=20, status="accepted", name="Léa Martin")
    moved = _application(association, days_ago=20, name="Hugo Bernard")
    ApplicationEvent.objects.create(
        application=moved, to_status="shortlisted", at=_at(WEDNESDAY - timedelta(days=2))
    )
    _application(AssociationFactory(), days_ago=12, name="Chloé Petit")  # another association
    mail.outbox = []
    _scan()
    (message,) = _mails_to(admin)
    body = message.body
    assert "Awa Diallo, Forages" in body
    assert reverse("missions:application_detail", kwargs={"pk": waiting.pk}) in body
    for name in ("Jonas Weber", "Léa Martin", "Hugo Bernard", "Chloé Petit"):
        assert name not in body
    body = Notification.objects.get(recipient=admin).body
    assert body.splitlines()[1].startswith("– Awa Diallo, Forages (en attente depuis le ")


@pytest.mark.django_db
def test_one_digest_per_association_and_recipient_whatever_the_number_of_applications():
    association = AssociationFactory()
    admin = MembershipFactory(association=association).user
    editor = MembershipFactory(association=association, role="editor").user
    for index in range(3):
        _application(association, days_ago=8 + index, name=f"Volunteer {index}")
    mail.outbox = []
    result = _scan()
    assert result.sent == 2
    for user in (admin, editor):
        (message,) = _mails_to(user)
        assert all(f"Volunteer {index}" in message.body for index in range(3))


@pytest.mark.django_db
def test_a_repeated_scan_sends_the_weeks_digest_once_and_the_next_week_again():
    association = AssociationFactory()
    admin = MembershipFactory(association=association).user
    _application(association, days_ago=10)
    mail.outbox = []
    assert _scan().sent == 1
    assert _scan().sent == 0
    with time_machine.travel(_at(WEDNESDAY + timedelta(days=1)), tick=False):
        assert _scan(WEDNESDAY + timedelta(days=1)).sent == 0
    with time_machine.travel(_at(MONDAY + timedelta(days=7)), tick=False):
        assert _scan(MONDAY + timedelta(days=7)).sent == 1
    assert len(_mails_to(admin)) == 2
    assert sorted(Reminder.objects.values_list("due_on", flat=True)) == [
        MONDAY,
        MONDAY + timedelta(days=7),
    ]


@pytest.mark.django_db
def test_nothing_is_sent_when_no_application_waits_more_than_7_days():
    association = AssociationFactory()
    MembershipFactory(association=association)
    _application(association, days_ago=7)  # the 10th at 10:00: not yet 7 full days
    _application(association, days_ago=30, status="rejected")
    mail.outbox = []
    assert _scan().inserted == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_digest_is_written_in_each_recipients_language():
    association = AssociationFactory(name="Asie Solidaire")
    french = MembershipFactory(association=association).user
    english = MembershipFactory(
        association=association, role="editor", user__preferred_language="en"
    ).user
    _application(association, days_ago=10)
    mail.outbox = []
    _scan()
    assert _mails_to(french)[0].subject == "Asie Solidaire\u00a0: 1 candidature attend une réponse"
    assert _mails_to(english)[0].subject == "Asie Solidaire: 1 application waits for an answer"
    assert "en attente depuis le" in _mails_to(french)[0].body


@pytest.mark.django_db
def test_last_weeks_digest_still_pending_is_cancelled_for_this_weeks():
    association = AssociationFactory()
    MembershipFactory(association=association)
    _application(association, days_ago=20)
    last_monday = MONDAY - timedelta(days=7)
    with time_machine.travel(_at(last_monday), tick=False):
        _scan(last_monday)
    Reminder.objects.update(state="pending")  # as if its send had failed
    mail.outbox = []
    _scan()
    states = dict(Reminder.objects.values_list("due_on", "state"))
    assert states == {last_monday: "cancelled", MONDAY: "sent"}
    assert len(mail.outbox) == 1


def test_the_weeks_monday_is_due_on_every_day_of_the_default_window():
    for offset in range(7):
        assert digest_due_on(today=MONDAY + timedelta(days=offset), lookback_days=7) == MONDAY
    assert digest_due_on(today=MONDAY + timedelta(days=2), lookback_days=1) is None


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_scans_send_each_digest_exactly_once():
    admins = []
    for _ in range(4):
        association = AssociationFactory()
        admins.append(MembershipFactory(association=association).user)
        _application(association, days_ago=10)
    mail.outbox = []
    results, errors = at_once(_scan_with_retry, _scan_with_retry)
    assert errors == []
    assert sum(result.sent for result in results) == 4
    assert sorted(message.to[0] for message in mail.outbox) == sorted(a.email for a in admins)
    assert Reminder.objects.filter(state="sent").count() == 4


_SQLITE_WRITER = threading.Lock()


def _scan_with_retry():
    """As tests/notifications/test_engine.py: truly parallel on PostgreSQL; SQLite's
    in-memory test database fails a second writer at once, so there the scans take turns."""
    if connection.vendor != "sqlite":
        return _scan()
    with _SQLITE_WRITER:
        return _scan()
