"""The association's page and its missions' pages say how the association answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from missions.models import Application, ApplicationEvent
from missions.services.applications import application_move_dates_refresh
from tests.factories import ApplicationFactory, AssociationFactory, MissionFactory, UserFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2026, 6, 15)
RATE_EN = "Answers 80% of applications, in 6 days on median (last 12 months)"
RATE_FR = "Répond à 80\u00a0% des candidatures, en 6 jours en médiane (12 derniers mois)"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime(2026, 6, 15, 12, tzinfo=PARIS), tick=False):
        yield


@pytest.fixture
def mission():
    return MissionFactory(association=AssociationFactory())


def _answered(mission, *, days: int | None):
    submitted_at = datetime(2026, 3, 2, 9, tzinfo=PARIS)
    application = ApplicationFactory(
        mission=mission, submitted_at=submitted_at, status="shortlisted" if days else "submitted"
    )
    if days is not None:
        ApplicationEvent.objects.create(
            application=application,
            from_status="submitted",
            to_status="shortlisted",
            at=submitted_at + timedelta(days=days),
            by=UserFactory(),
        )
        application_move_dates_refresh(applications=Application.objects.filter(pk=application.pk))


@pytest.fixture
def answering(mission):
    """Five applications, four answered in 2, 5, 7 and 9 days: 80 %, 6 days on median."""
    for days in (2, 5, 7, 9, None):
        _answered(mission, days=days)
    return mission


def _get(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url).content.decode()


@pytest.mark.parametrize(("language", "expected"), [("en", RATE_EN), ("fr", RATE_FR)])
def test_the_association_page_shows_its_response_rate(client, answering, language, expected):
    url = reverse("associations:detail", kwargs={"slug": answering.association.slug})
    assert expected in _get(client, url, language)


@pytest.mark.parametrize(("language", "expected"), [("en", RATE_EN), ("fr", RATE_FR)])
def test_the_mission_page_shows_its_associations_response_rate(
    client, answering, language, expected
):
    assert expected in _get(client, answering.get_absolute_url(), language)


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "New on the portal"), ("fr", "Nouvelle sur le portail")]
)
def test_both_pages_say_new_on_the_portal_before_five_applications(
    client, mission, language, expected
):
    for days in (2, 5, 7, 9):
        _answered(mission, days=days)
    association_url = reverse("associations:detail", kwargs={"slug": mission.association.slug})

    assert expected in _get(client, association_url, language)
    assert expected in _get(client, mission.get_absolute_url(), language)


@pytest.mark.parametrize("page", ["association", "mission"])
def test_a_page_runs_as_many_queries_for_50_applications_as_for_5(client, answering, page):
    if page == "association":
        url = reverse("associations:detail", kwargs={"slug": answering.association.slug})
    else:
        url = answering.get_absolute_url()
    client.get(url)  # the first request fills the process's caches (languages, sites)
    five = count_queries(client, url)
    for _ in range(45):
        _answered(answering, days=3)

    assert count_queries(client, url) == five
