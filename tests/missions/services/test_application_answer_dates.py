"""The dates of the answers on the application (``Application.note_move``), written with
each move and copied from the events again by ``application_move_dates_refresh``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from missions.models import Application, ApplicationEvent
from missions.services.applications import (
    application_accept,
    application_move_dates_refresh,
    application_reject,
    application_shortlist,
    application_withdraw,
)
from tests.factories import ApplicationFactory, MissionFactory

pytestmark = pytest.mark.django_db

SENT = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.fixture
def application(association):
    return ApplicationFactory(
        mission=MissionFactory(association=association, places=2), submitted_at=SENT
    )


def _on(days: int):
    return time_machine.travel(SENT + timedelta(days=days), tick=False)


def test_a_shortlisting_dates_the_first_answer_and_the_shortlisting(application, staff):
    with _on(2):
        application_shortlist(application=application, by=staff)
    application.refresh_from_db()
    assert application.answered_at == application.shortlisted_at == SENT + timedelta(days=2)
    assert application.accepted_at is None


def test_the_move_and_its_event_carry_the_same_moment(application, staff):
    with _on(2):
        application_shortlist(application=application, by=staff)
    application.refresh_from_db()
    assert application.events.get().at == application.answered_at


def test_an_acceptance_after_a_shortlisting_keeps_the_first_answer(application, staff):
    with _on(2):
        application_shortlist(application=application, by=staff)
    with _on(9):
        application_accept(application=Application.objects.get(pk=application.pk), by=staff)
    application.refresh_from_db()
    assert application.answered_at == SENT + timedelta(days=2)
    assert application.accepted_at == SENT + timedelta(days=9)


def test_a_refusal_dates_the_answer_only(application, staff):
    with _on(4):
        application_reject(application=application, by=staff, reason="profile")
    application.refresh_from_db()
    assert application.answered_at == SENT + timedelta(days=4)
    assert (application.shortlisted_at, application.accepted_at) == (None, None)


def test_a_withdrawal_is_no_answer(application, volunteer):
    application.volunteer = volunteer
    application.save(update_fields=["volunteer"])
    with _on(1):
        application_withdraw(application=application, by=volunteer.user, reason="dates")
    application.refresh_from_db()
    assert application.answered_at is None


def test_the_refresh_copies_each_first_move_from_the_events(application):
    for to_status, days in (("shortlisted", 3), ("accepted", 8), ("shortlisted", 20)):
        ApplicationEvent.objects.create(
            application=application, to_status=to_status, at=SENT + timedelta(days=days)
        )
    application_move_dates_refresh(applications=Application.objects.filter(pk=application.pk))
    application.refresh_from_db()
    assert application.answered_at == application.shortlisted_at == SENT + timedelta(days=3)
    assert application.accepted_at == SENT + timedelta(days=8)


def test_the_refresh_ignores_an_answer_dated_before_the_sending(application):
    ApplicationEvent.objects.create(
        application=application, to_status="rejected", at=SENT - timedelta(hours=1)
    )
    application_move_dates_refresh(applications=Application.objects.filter(pk=application.pk))
    application.refresh_from_db()
    assert application.answered_at is None
