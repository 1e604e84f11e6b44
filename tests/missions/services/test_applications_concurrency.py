"""Two colleagues accept at the same moment: the mission's places are never exceeded."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from missions.errors import ApplicationError
from missions.models import Application, Mission
from missions.services.applications import application_accept
from tests.factories import ApplicationFactory, MembershipFactory, MissionFactory

_SQLITE_WRITER = threading.Lock()


def _accept(application, by):
    """PostgreSQL runs both accepts truly in parallel (the mission row lock orders them).
    SQLite's in-memory test database fails a second writer at once instead of waiting, so
    there the two take turns, as SQLite would make two processes do."""
    if connection.vendor != "sqlite":
        return application_accept(application=application, by=by)
    with _SQLITE_WRITER:
        return application_accept(application=application, by=by)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_accepts_fill_one_place_once():
    mission = MissionFactory(places=1)
    first, second = ApplicationFactory.create_batch(2, mission=mission)
    staff = [MembershipFactory(association=mission.association).user for _ in range(2)]
    barrier = threading.Barrier(2)
    accepted, refused, errors = [], [], []

    def worker(application, user):
        try:
            barrier.wait(timeout=10)
            _accept(application, user)
            accepted.append(application.pk)
        except ApplicationError:
            refused.append(application.pk)
        except Exception as error:  # reported below, the test must see it
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(application, user))
        for application, user in zip((first, second), staff, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(accepted) == 1 and len(refused) == 1
    assert Application.objects.filter(mission=mission, status="accepted").count() == 1
    assert Mission.objects.get(pk=mission.pk).status == "closed"
