"""A mission nobody can apply to is never in the public search, even from its cache: an
approval ending before the start, a passed deadline, filled places, a suspension; a
renewed approval puts the missions back at once."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from associations.services.associations import association_renew_approval
from missions.services.applications import application_accept
from tests.factories import ApplicationFactory, AssociationFactory, UserFactory
from tests.missions.factories import IndexedMissionFactory as Mission_
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

SEARCH = reverse("missions:search")
PARIS = ZoneInfo("Europe/Paris")
CARD_TITLE = re.compile(r'<h3 class="h5 card-title"[^>]*><a href="[^"]*">([^<]*)</a>')


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SEARCH_CACHE_SECONDS = 60


def _titles(client, **params) -> list[str]:
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


@pytest.fixture
def short_approval(today):
    """Approved until 60 days from today."""
    return AssociationFactory(approval_expires_on=today + timedelta(days=60))


def test_a_mission_starting_after_its_association_s_approval_is_not_in_the_search(
    client, short_approval, today
):
    Mission_(association=short_approval, title="Avant", start_on=today + timedelta(days=50))
    Mission_(association=short_approval, title="Après", start_on=today + timedelta(days=90))
    assert _titles(client) == ["Avant"]
    assert _titles(client) == ["Avant"]  # from the cache, the same


def test_a_signed_in_search_leaves_it_out_too(client, volunteer, short_approval, today):
    Mission_(association=short_approval, title="Après", start_on=today + timedelta(days=90))
    client.force_login(volunteer.user)
    assert _titles(client) == []
    assert _titles(client, eligible="on") == []


def test_a_renewed_approval_puts_the_missions_back_in_the_cached_search(
    client, short_approval, today, django_capture_on_commit_callbacks
):
    Mission_(association=short_approval, title="Après", start_on=today + timedelta(days=90))
    assert _titles(client) == []  # the empty page is now cached
    with django_capture_on_commit_callbacks(execute=True):
        association_renew_approval(
            association=short_approval,
            by=UserFactory(is_staff=True),
            approval_reference="VSI-2027-0001",
            approval_expires_on=today + timedelta(days=3 * 365),
        )
    assert _titles(client) == ["Après"]


def test_a_mission_leaves_the_cached_search_the_day_after_its_deadline(client):
    # 23:30 in Paris on the deadline, then 00:30 the next day (still the deadline in UTC).
    evening = datetime(2027, 3, 10, 23, 30, tzinfo=PARIS)
    with time_machine.travel(evening, tick=False):
        Mission_(
            title="Dernier jour",
            application_deadline=evening.date(),
            start_on=evening.date() + timedelta(days=30),
        )
        assert _titles(client) == ["Dernier jour"]
    with time_machine.travel(evening + timedelta(hours=1), tick=False):
        assert _titles(client) == []


def test_the_last_place_filled_takes_the_mission_out_of_the_cached_search(
    client, association, staff, django_capture_on_commit_callbacks
):
    mission = Mission_(association=association, title="Une place", places=1)
    application = ApplicationFactory(mission=mission)
    assert _titles(client) == ["Une place"]
    with django_capture_on_commit_callbacks(execute=True):
        application_accept(application=application, by=staff)
    assert _titles(client) == []


def test_similar_missions_leave_out_the_missions_nobody_can_apply_to(client, short_approval, today):
    shown = Mission_(title="Page lue")
    Mission_(title="Voisine ouverte")
    Mission_(association=short_approval, title="Voisine", start_on=today + timedelta(days=90))
    response = client.get(shown.get_absolute_url())
    assert [mission.title for mission in response.context["similar"]] == ["Voisine ouverte"]


def test_the_association_s_page_lists_only_its_missions_open_to_applications(
    client, short_approval, today
):
    Mission_(association=short_approval, title="Avant", start_on=today + timedelta(days=50))
    Mission_(association=short_approval, title="Après", start_on=today + timedelta(days=90))
    response = client.get(reverse("associations:detail", kwargs={"slug": short_approval.slug}))
    assert [mission.title for mission in response.context["missions"]] == ["Avant"]


def test_the_search_runs_the_same_queries_with_missions_left_out(
    client, settings, short_approval, today
):
    settings.SEARCH_CACHE_SECONDS = 0
    Mission_(title="Ouverte")
    queries = count_queries(client, SEARCH)
    for days in range(5):
        Mission_(association=short_approval, start_on=today + timedelta(days=90 + days))
    assert count_queries(client, SEARCH) == queries
    assert _titles(client) == ["Ouverte"]
