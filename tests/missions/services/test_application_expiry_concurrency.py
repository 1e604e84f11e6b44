"""Two daily scans at once (a retried task, a second beat) close each unanswered application
once: one conditional UPDATE ... RETURNING moves the rows, the other finds them moved.

On PostgreSQL the runs are truly parallel, each on its own connection; SQLite's in-memory
test database fails a second writer at once, so there they take turns.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from missions.models import Application, ApplicationEvent
from missions.services.application_expiry import applications_close_unanswered
from notifications.models import Notification
from tests.concurrency import at_once
from tests.factories import ApplicationFactory, MembershipFactory
from vsi_portal.outbox.models import OutboxMessage

_SQLITE_WRITER = threading.Lock()
SENT = date(2030, 3, 1)
DAY_30 = SENT + timedelta(days=30)
RUNS = 4


def _close(today):
    if connection.vendor != "sqlite":
        return applications_close_unanswered(today=today)
    with _SQLITE_WRITER:
        return applications_close_unanswered(today=today)


@pytest.mark.django_db(transaction=True)
def test_scans_running_at_once_close_each_application_once():
    applications = [
        ApplicationFactory(submitted_at=timezone.make_aware(datetime.combine(SENT, time(9))))
        for _ in range(6)
    ]
    for application in applications:
        MembershipFactory(association=application.mission.association)
    closed, errors = at_once(*[lambda: _close(DAY_30)] * RUNS)
    assert errors == []
    assert len(closed) == RUNS
    every = [pk for run in closed for pk in run]
    assert sorted(every) == sorted(application.pk for application in applications)  # each once
    assert set(Application.objects.values_list("status", flat=True)) == {"expired"}
    assert ApplicationEvent.objects.filter(to_status="expired").count() == len(applications)
    # One e-mail to each volunteer; one notification to each volunteer and each staff member.
    assert OutboxMessage.objects.count() == len(applications)
    assert Notification.objects.count() == 2 * len(applications)
