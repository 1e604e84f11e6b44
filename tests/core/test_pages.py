from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_is_in_french_by_default(client: Client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
    assert "Trouver une mission" in response.content.decode()


def test_home_page_stays_in_french_for_an_english_browser(client: Client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="fr">' in response.content.decode()


def test_home_page_links_to_mission_search(client: Client):
    response = client.get("/")
    assert reverse("missions:search") in response.content.decode()


def test_language_switcher_shows_the_page_in_english(client: Client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Find a mission" in page


def test_language_switcher_remembers_a_signed_in_persons_choice(client: Client):
    from tests.factories import UserFactory

    user = UserFactory(preferred_language="fr")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_language_switcher_refuses_get(client: Client):
    assert client.get(reverse("set_language")).status_code == 405


def test_every_page_has_a_skip_link_and_landmarks(client: Client):
    page = client.get("/").content.decode()
    assert 'href="#main"' in page
    assert '<main id="main"' in page
    assert "<header" in page
    assert "<footer" in page
    assert "<nav" in page


def test_unknown_page_is_a_friendly_404(client: Client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Cette page n’existe pas" in response.content.decode() or (
        "Cette page n'existe pas" in response.content.decode()
    )


def test_mission_search_page_answers(client: Client):
    assert client.get(reverse("missions:search")).status_code == 200


def test_static_files_are_vendored_not_from_a_cdn(client: Client):
    page = client.get("/").content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in page
    assert "cdn" not in page.lower()


def test_server_error_page_renders_without_context(rf):
    from vsi_portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500


def test_a_signed_in_person_sees_their_preferred_language(client: Client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(preferred_language="en"))
    assert '<html lang="en">' in client.get("/").content.decode()
