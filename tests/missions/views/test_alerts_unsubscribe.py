"""One-click unsubscribe: a signed link, no account; a GET only asks, a POST (the page's
button, or a mail client's RFC 8058 one-click POST, without a CSRF token) stops the
alerts; an altered link gets a clear 400 page, never a 500."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from missions.alert_links import unsubscribe_path
from missions.models import SavedSearch
from tests.factories import VolunteerFactory
from tests.missions.alerts import NOW, saved_search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _morning():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def search(volunteer):
    return saved_search(volunteer, "country=SN", name="Sénégal", frequency="daily")


def _path(search):
    return unsubscribe_path(volunteer_id=search.volunteer_id, saved_search_ids=[search.pk])


def _frequency(search) -> str:
    search.refresh_from_db()
    return search.frequency


def test_a_get_shows_a_button_and_stops_nothing(client, search):
    response = client.get(_path(search))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sénégal" in html and 'method="post"' in html
    assert _frequency(search) == "daily"


def test_the_button_stops_the_alert_without_signing_in(client, search):
    response = client.post(_path(search))
    assert response.status_code == 200
    assert _frequency(search) == "none"
    assert SavedSearch.objects.filter(pk=search.pk).exists()  # the search stays saved


def test_a_mail_client_s_one_click_post_needs_no_csrf_token(search):
    client = Client(enforce_csrf_checks=True)
    response = client.post(_path(search), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert _frequency(search) == "none"


def test_an_alert_already_stopped_says_so(client, search):
    client.post(_path(search))
    response = client.post(_path(search))
    assert response.status_code == 200
    assert "already" in response.content.decode() or "déjà" in response.content.decode()


def test_a_deleted_search_says_its_alerts_are_stopped(client, search):
    path = _path(search)
    search.delete()
    response = client.get(path)
    assert response.status_code == 200
    assert "already" in response.content.decode() or "déjà" in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_altered_link_gets_a_clear_400_page(client, search, method):
    path = _path(search)
    token = path.rstrip("/").rsplit("/", 1)[1]
    altered = path.replace(token, token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"))
    response = getattr(client, method)(altered)
    assert response.status_code == 400
    assert "not valid" in response.content.decode() or "pas valide" in response.content.decode()
    assert _frequency(search) == "daily"


def test_a_link_of_one_volunteer_cannot_stop_another_s_search(client, search):
    other = VolunteerFactory()
    path = unsubscribe_path(volunteer_id=other.pk, saved_search_ids=[search.pk])
    client.post(path)
    assert _frequency(search) == "daily"


def test_garbage_gets_a_400_not_a_500(client, db):
    assert client.get("/missions/alerts/unsubscribe/not-a-token/").status_code == 400
    assert client.post("/missions/alerts/unsubscribe/e30:abc:def/").status_code == 400
