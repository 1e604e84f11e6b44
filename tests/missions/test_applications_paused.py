"""Whether a mission takes applications today, and why not: one answer for the model's
method and its query (``Mission.applications_paused``, ``open_for_applications``)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from missions.models import Mission, Paused
from tests.factories import AssociationFactory, MissionFactory

pytestmark = pytest.mark.django_db


def _paused(mission: Mission, today, accepted=None):
    mission = Mission.objects.select_related("association").get(pk=mission.pk)
    return mission.applications_paused(today=today, accepted=accepted)


def _is_open(mission: Mission, today) -> bool:
    return Mission.objects.open_for_applications(today=today).filter(pk=mission.pk).exists()


def test_a_published_mission_of_an_association_approved_past_its_start_is_open(today):
    mission = MissionFactory()
    assert _paused(mission, today) is None
    assert _is_open(mission, today)


def test_an_approval_without_an_expiry_keeps_the_mission_open(today):
    mission = MissionFactory(association=AssociationFactory(approval_expires_on=None))
    assert _paused(mission, today) is None
    assert _is_open(mission, today)


def test_an_approval_ending_before_the_start_pauses_the_mission(today):
    association = AssociationFactory(approval_expires_on=today + timedelta(days=60))
    mission = MissionFactory(association=association, start_on=today + timedelta(days=90))
    assert _paused(mission, today) == Paused.APPROVAL_ENDS_BEFORE_START
    assert not _is_open(mission, today)


def test_an_approval_ending_on_the_start_day_still_covers_it(today):
    start = today + timedelta(days=90)
    mission = MissionFactory(
        association=AssociationFactory(approval_expires_on=start), start_on=start
    )
    assert _paused(mission, today) is None
    assert _is_open(mission, today)


def test_a_passed_deadline_closes_applications_the_next_day(today):
    mission = MissionFactory(application_deadline=today, start_on=today + timedelta(days=30))
    assert _paused(mission, today) is None and _is_open(mission, today)
    tomorrow = today + timedelta(days=1)
    assert _paused(mission, tomorrow) == Paused.DEADLINE_PASSED
    assert not _is_open(mission, tomorrow)


def test_a_suspended_association_pauses_its_missions(today):
    mission = MissionFactory(association=AssociationFactory(status="suspended"))
    assert _paused(mission, today) == Paused.ASSOCIATION_NOT_APPROVED
    assert not _is_open(mission, today)


def test_a_draft_is_not_published(today):
    mission = MissionFactory(status="draft")
    assert _paused(mission, today) == Paused.NOT_PUBLISHED
    assert not _is_open(mission, today)


def test_a_closed_mission_says_closed_or_full_when_its_places_are_counted(today):
    mission = MissionFactory(status="closed", places=2)
    assert _paused(mission, today) == Paused.CLOSED
    assert _paused(mission, today, accepted=1) == Paused.CLOSED
    assert _paused(mission, today, accepted=2) == Paused.PLACES_FILLED
    assert not _is_open(mission, today)


def test_places_counted_full_pause_a_published_mission(today):
    mission = MissionFactory(places=1)
    assert _paused(mission, today, accepted=1) == Paused.PLACES_FILLED


@pytest.mark.parametrize("reason", list(Paused))
def test_every_reason_has_words_for_the_staff_badge(reason):
    assert str(reason.label)
