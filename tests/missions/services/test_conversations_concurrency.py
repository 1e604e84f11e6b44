"""The posting limit and the one report per reporter hold when two requests arrive at the
same moment (truly parallel on PostgreSQL)."""

from __future__ import annotations

import threading
from functools import partial

import pytest
from django.db import connection

from missions.errors import ApplicationError
from missions.models import ApplicationMessage, MessageReport
from missions.services.conversations import message_post, message_report
from tests.concurrency import at_once
from tests.factories import ApplicationFactory, MembershipFactory

_SQLITE_WRITER = threading.Lock()


def _in_turn_on_sqlite(call):
    """SQLite's in-memory test database fails a second writer at once instead of waiting,
    so there the two take turns; PostgreSQL runs them in parallel (the row locks order them)."""
    if connection.vendor != "sqlite":
        return call()
    with _SQLITE_WRITER:
        return call()


def _race(*calls):
    done, errors = at_once(*[partial(_in_turn_on_sqlite, call) for call in calls])
    refused = [str(error.message) for error in errors if isinstance(error, ApplicationError)]
    assert [error for error in errors if not isinstance(error, ApplicationError)] == []
    return done, refused


@pytest.fixture
def application():
    membership = MembershipFactory()
    application = ApplicationFactory(mission__association=membership.association)
    application.staff = membership.user
    return application


@pytest.mark.django_db(transaction=True)
def test_two_messages_at_the_same_moment_count_against_the_limit_in_turn(application, settings):
    settings.CONVERSATION_MESSAGES_PER_HOUR = 1
    staff = application.staff
    done, refused = _race(
        lambda: message_post(application=application, body="Un.", by=staff),
        lambda: message_post(application=application, body="Deux.", by=staff),
    )
    assert (len(done), len(refused)) == (1, 1)
    assert ApplicationMessage.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_report_sent_twice_at_the_same_moment_makes_one(application):
    message = message_post(application=application, body="Un.", by=application.staff)
    volunteer = application.volunteer.user
    done, refused = _race(
        lambda: message_report(message=message, reason="Spam.", by=volunteer),
        lambda: message_report(message=message, reason="Spam.", by=volunteer),
    )
    assert (len(done), len(refused)) == (1, 1)
    assert MessageReport.objects.count() == 1
