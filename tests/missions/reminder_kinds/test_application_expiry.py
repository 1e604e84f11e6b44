"""The two no-answer reminder kinds (issue 16): the staff's warning on day 23, one per
association and day, and the closing on day 30, run by the reminders engine exactly once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from missions.models import Application
from notifications.models import Notification, Reminder
from notifications.services import reminders_scan
from tests.factories import (
    ApplicationFactory,
    AssociationFactory,
    MembershipFactory,
    MissionFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db

WARNING = "application_expiry_warning"
EXPIRY = "application_expiry"
SENT = date(2026, 6, 1)
DAY_23 = SENT + timedelta(days=23)
DAY_30 = SENT + timedelta(days=30)


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _scan(kind: str, today: date):
    with time_machine.travel(_at(today, 7), tick=False):
        return reminders_scan(kind=kind, today=today)


def _application(association, *, sent=SENT, status="submitted", name="Awa Diallo", title="Forages"):
    return ApplicationFactory(
        mission=MissionFactory(association=association, title=title),
        volunteer=VolunteerFactory(user__full_name=name),
        status=status,
        submitted_at=_at(sent),
    )


def _mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


@pytest.fixture
def association():
    return AssociationFactory(name="Terres d'Afrique")


@pytest.fixture
def admin(association):
    return MembershipFactory(association=association, user__preferred_language="en").user


def test_the_warning_is_due_on_day_23_exactly(association, admin):
    _application(association)
    assert _scan(WARNING, DAY_23 - timedelta(days=1)).inserted == 0
    assert _scan(WARNING, DAY_23).sent == 1
    assert Reminder.objects.get(kind=WARNING).due_on == DAY_23


def test_the_warning_is_sent_once_under_a_repeated_run(association, admin):
    _application(association)
    mail.outbox = []
    assert _scan(WARNING, DAY_23).sent == 1
    assert _scan(WARNING, DAY_23).sent == 0
    assert _scan(WARNING, DAY_23 + timedelta(days=2)).sent == 0
    assert len(_mails_to(admin)) == 1
    assert Notification.objects.filter(recipient=admin, kind=WARNING).count() == 1


def test_the_warning_names_the_volunteer_and_the_mission_with_a_link(association, admin):
    application = _application(association)
    mail.outbox = []
    _scan(WARNING, DAY_23)
    (message,) = _mails_to(admin)
    link = reverse("missions:application_detail", kwargs={"pk": application.pk})
    assert message.subject == "Answer Awa Diallo before July 1, 2026: Forages"
    assert "Awa Diallo, Forages (sent on June 1, 2026)" in message.body
    assert link in message.body
    notification = Notification.objects.get(recipient=admin)
    assert notification.link == link
    assert notification.body.splitlines()[1] == "– Awa Diallo, Forages (sent on June 1, 2026)"


def test_the_warning_is_written_in_each_recipients_language(association, admin):
    french = MembershipFactory(association=association, role="editor").user
    _application(association)
    mail.outbox = []
    _scan(WARNING, DAY_23)
    (message,) = _mails_to(french)
    assert message.subject == "Répondez à Awa Diallo avant le 1er juillet 2026\u00a0: Forages"
    assert "Awa Diallo, Forages (envoyée le 1er juin 2026)" in message.body


def test_applications_reaching_day_23_on_one_day_make_one_warning_per_recipient(association, admin):
    for index in range(5):
        _application(association, name=f"Volunteer {index}", title=f"Mission {index}")
    _application(association, sent=SENT + timedelta(days=1), name="Tomorrow's")
    mail.outbox = []
    assert _scan(WARNING, DAY_23).sent == 1
    (message,) = _mails_to(admin)
    assert message.subject == "Terres d'Afrique: 5 applications to answer before July 1, 2026"
    assert all(f"Volunteer {index}, Mission {index}" in message.body for index in range(5))
    assert "Tomorrow's" not in message.body
    assert Notification.objects.get(recipient=admin).link == reverse("missions:manage")


def test_a_shortlisted_or_answered_application_is_not_warned_of(association, admin):
    _application(association, status="shortlisted")
    _application(association, status="rejected")
    assert _scan(WARNING, DAY_23).inserted == 0


def test_a_warning_answered_before_it_is_sent_is_cancelled(association, admin):
    application = _application(association)
    with time_machine.travel(_at(DAY_23, 7), tick=False):
        rows = reminders_scan(kind=WARNING, today=DAY_23, dry_run=True).would_send
    assert len(rows) == 1
    Reminder.objects.create(
        kind=WARNING,
        subject=association,
        due_on=DAY_23,
        recipient=admin,
    )
    Application.objects.filter(pk=application.pk).update(status="shortlisted")
    assert _scan(WARNING, DAY_23).cancelled == 1


def test_the_closing_is_due_on_day_30_not_day_29(association, admin):
    application = _application(association)
    assert _scan(EXPIRY, DAY_30 - timedelta(days=1)).acted == 0
    application.refresh_from_db()
    assert application.status == "submitted"
    assert _scan(EXPIRY, DAY_30).acted == 1
    application.refresh_from_db()
    assert application.status == "expired"


def test_the_closing_happens_once_under_a_repeated_run(association, admin):
    application = _application(association)
    assert _scan(EXPIRY, DAY_30).acted == 1
    assert _scan(EXPIRY, DAY_30).acted == 0
    assert application.events.filter(to_status="expired").count() == 1


def test_a_dry_run_counts_what_would_close_and_closes_nothing(association, admin):
    application = _application(association)
    with time_machine.travel(_at(DAY_30, 7), tick=False):
        assert reminders_scan(kind=EXPIRY, today=DAY_30, dry_run=True).acted == 1
    application.refresh_from_db()
    assert application.status == "submitted"


def test_send_due_reminders_runs_both_kinds_once(association, admin, capsys):
    _application(association, sent=DAY_30 - timedelta(days=23), name="Warned")
    closing = _application(association, name="Closed")
    with time_machine.travel(_at(DAY_30, 7), tick=False):
        call_command("send_due_reminders", "--date", DAY_30.isoformat())
        first = capsys.readouterr().out.splitlines()
        call_command("send_due_reminders", "--date", DAY_30.isoformat())
        second = capsys.readouterr().out.splitlines()
    assert f"{WARNING}: 1 due, 1 sent, 0 failed" in first
    assert f"{EXPIRY}: 0 due, 0 sent, 0 failed, 1 moved" in first
    assert f"{WARNING}: 0 due, 0 sent, 0 failed" in second
    assert f"{EXPIRY}: 0 due, 0 sent, 0 failed" in second
    closing.refresh_from_db()
    assert closing.status == "expired"
