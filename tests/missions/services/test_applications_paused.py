"""Applying to a mission nobody can apply to is refused with the words its page shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import translation

from missions.errors import ApplicationError
from missions.models import Application, Paused
from missions.selectors.approval import paused_text
from missions.services.applications import application_submit, mission_open_problem
from missions.services.missions import mission_update
from tests.factories import ApplicationFactory, AssociationFactory, MissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_an_approval_ending_before_the_start_refuses_the_application(volunteer, today):
    association = AssociationFactory(approval_expires_on=today + timedelta(days=60))
    mission = MissionFactory(association=association, start_on=today + timedelta(days=90))
    expected = paused_text(mission, Paused.APPROVAL_ENDS_BEFORE_START, today=today)
    with pytest.raises(ApplicationError) as refused:
        application_submit(
            mission=mission, volunteer=volunteer, motivation="Oui", by=volunteer.user
        )
    assert refused.value.message == expected
    assert "before the mission starts on" in expected
    assert not Application.objects.exists()


def test_an_approval_already_over_says_it_ended(volunteer, today):
    association = AssociationFactory(approval_expires_on=today - timedelta(days=1))
    mission = MissionFactory(association=association)
    problem = mission_open_problem(mission, today=today)
    assert problem and "approval ended on" in problem


def test_a_closed_mission_whose_places_are_taken_says_they_are_filled(today):
    mission = MissionFactory(places=1, status="closed")
    ApplicationFactory(mission=mission, status="accepted")
    assert mission_open_problem(mission, today=today) == (
        "Applications are closed: every place of this mission is filled."
    )


def test_an_open_mission_has_no_problem(today):
    assert mission_open_problem(MissionFactory(), today=today) is None


def test_fewer_places_all_taken_close_the_mission(association, staff):
    mission = MissionFactory(association=association, places=2)
    ApplicationFactory(mission=mission, status="accepted")
    mission_update(mission=mission, by=staff, data={"places": 1})
    mission.refresh_from_db()
    assert mission.is_closed


def test_more_places_than_taken_keep_the_mission_published(association, staff):
    mission = MissionFactory(association=association, places=3)
    ApplicationFactory(mission=mission, status="accepted")
    mission_update(mission=mission, by=staff, data={"places": 2})
    mission.refresh_from_db()
    assert mission.is_published
