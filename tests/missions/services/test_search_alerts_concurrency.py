"""Two alert runs at once (two workers, a retried task, a second beat) send each
volunteer's e-mail once: the conditional UPDATE ... RETURNING of the first claims the
searches, the other waits for its row locks, then finds them no longer due.

On PostgreSQL the runs are truly parallel, each on its own connection; SQLite's in-memory
test database fails a second writer at once, so there they take turns.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import translation

from missions.models import SavedSearch, SearchAlert
from missions.services.search_alerts import search_alerts_send
from notifications.models import Notification
from tests.concurrency import at_once
from tests.factories import VolunteerFactory
from tests.missions.alerts import NOW, TODAY, published, saved_search
from vsi_portal.outbox.models import OutboxMessage

_SQLITE_WRITER = threading.Lock()
RUNS = 4
VOLUNTEERS = 6


def _run():
    with translation.override("en"):
        if connection.vendor != "sqlite":
            return search_alerts_send(today=TODAY)
        with _SQLITE_WRITER:
            return search_alerts_send(today=TODAY)


@pytest.mark.django_db(transaction=True)
def test_alert_runs_at_once_send_each_volunteer_s_email_once():
    with time_machine.travel(NOW, tick=False):
        volunteers = [VolunteerFactory() for _ in range(VOLUNTEERS)]
        for volunteer in volunteers:
            saved_search(volunteer, "country=SN", name="Sénégal")
            saved_search(volunteer, "", name="Tout", frequency="weekly")
        for n in range(3):
            published(country="SN", at=NOW - timedelta(minutes=n + 1))
        runs, errors = at_once(*[_run] * RUNS)
    assert errors == []
    assert len(runs) == RUNS
    assert sum(run.sent for run in runs) == VOLUNTEERS
    assert sum(run.failed for run in runs) == 0
    for volunteer in volunteers:
        assert OutboxMessage.objects.filter(to=volunteer.user.email).count() == 1
        assert Notification.objects.filter(recipient=volunteer.user).count() == 1
    assert SearchAlert.objects.count() == 2 * VOLUNTEERS
    assert set(SavedSearch.objects.values_list("last_alert_on", flat=True)) == {TODAY}
