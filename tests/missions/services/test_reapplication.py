"""Applying again to a mission after a withdrawal or a refusal: only a day later.

An apply/withdraw loop would otherwise e-mail the association's staff at every turn.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from missions.errors import ApplicationError
from missions.models import Application
from missions.services.applications import (
    REAPPLY_COOLDOWN,
    application_reject,
    application_submit,
    application_withdraw,
)
from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db

MOTIVATION = "Je veux enseigner et apprendre."


@pytest.fixture
def mission(association):
    return MissionFactory(association=association, places=2)


def _apply(mission, volunteer, **kwargs):
    return application_submit(
        mission=mission, volunteer=volunteer, motivation=MOTIVATION, by=volunteer.user, **kwargs
    )


def _withdrawn(mission, volunteer) -> Application:
    application = _apply(mission, volunteer)
    application_withdraw(application=application, by=volunteer.user, reason="dates")
    application.refresh_from_db()
    return application


def test_applying_again_a_minute_before_the_day_is_over_is_refused_with_the_wait(
    mission, volunteer
):
    withdrawn = _withdrawn(mission, volunteer)
    now = withdrawn.decided_at + REAPPLY_COOLDOWN - timedelta(minutes=1)
    with translation.override("en"), pytest.raises(ApplicationError) as refused:
        _apply(mission, volunteer, now=now)
    assert str(refused.value.message) == (
        "You withdrew your application to this mission less than 24 hours ago. "
        "You can apply to it again in 1\xa0minute."
    )
    assert mission.applications.count() == 1


def test_applying_again_once_the_day_is_over_is_accepted(mission, volunteer):
    withdrawn = _withdrawn(mission, volunteer)
    again = _apply(mission, volunteer, now=withdrawn.decided_at + REAPPLY_COOLDOWN)
    assert again.status == Application.Status.SUBMITTED


def test_the_wait_is_said_in_french_too(mission, volunteer):
    withdrawn = _withdrawn(mission, volunteer)
    now = withdrawn.decided_at + timedelta(hours=1)
    with translation.override("fr"), pytest.raises(ApplicationError) as refused:
        _apply(mission, volunteer, now=now)
    assert str(refused.value.message) == (
        "Vous avez retiré votre candidature à cette mission il y a moins de 24 heures. "
        "Vous pourrez y candidater de nouveau dans 23\xa0heures."
    )


def test_after_a_refusal_the_volunteer_waits_a_day_too(mission, volunteer, staff):
    application = _apply(mission, volunteer)
    application_reject(application=application, by=staff, reason="profile")
    application.refresh_from_db()
    with translation.override("en"), pytest.raises(ApplicationError, match="not retained"):
        _apply(mission, volunteer, now=application.decided_at + timedelta(hours=2))
    assert _apply(mission, volunteer, now=application.decided_at + REAPPLY_COOLDOWN)


def test_a_withdrawal_from_another_mission_does_not_hold_this_one(mission, volunteer):
    _withdrawn(MissionFactory(association=mission.association), volunteer)
    assert _apply(mission, volunteer).status == Application.Status.SUBMITTED


def test_the_apply_page_shows_the_wait_instead_of_the_form(client, mission, volunteer):
    _withdrawn(mission, volunteer)
    client.force_login(volunteer.user)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("missions:apply", kwargs={"slug": mission.slug}))
    page = response.content.decode()
    assert "You can apply to it again in 23\xa0hours, 59\xa0minutes." in page
    assert 'name="motivation"' not in page
