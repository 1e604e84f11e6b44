"""Redis unreachable: pages, sign-in, sign-up and password reset keep working.

The caches are the production ones (``caches_for``), pointed at an address where nothing
listens: the shared cache reads every failure as a miss (django-redis's IGNORE_EXCEPTIONS),
sessions come from the database, allauth's rate limits count in this process.
"""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, MissionFactory, UserFactory
from tests.missions.factories import IndexedMissionFactory
from vsi_portal.settings import caches_for

pytestmark = pytest.mark.django_db

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens there


@pytest.fixture(autouse=True)
def redis_down(settings):
    settings.CACHES = caches_for(NOWHERE)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SEARCH_CACHE_SECONDS = 60


def _sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_the_search_page_answers_and_the_failure_is_logged(client, caplog):
    IndexedMissionFactory(title="Maraîchage à Kaolack")
    with caplog.at_level(logging.WARNING, logger="vsi_portal.cache"):
        response = client.get(reverse("missions:search"), {"q": "kaolack"})
    assert response.status_code == 200
    assert "Maraîchage à Kaolack" in response.content.decode()
    assert any(record.name == "vsi_portal.cache" for record in caplog.records)


def test_a_mission_page_answers(client):
    mission = MissionFactory()
    assert client.get(reverse("missions:detail", args=[mission.slug])).status_code == 200


def test_signing_in_works_and_the_session_is_read_from_the_database(client):
    user = UserFactory()
    response = _sign_in(client, user)
    assert response.status_code == 302
    page = client.get(reverse("volunteers:dashboard"))
    assert page.status_code == 200
    assert page.wsgi_request.user == user


def test_signing_out_while_redis_is_down_ends_the_session(client):
    user = UserFactory()
    _sign_in(client, user)
    cookie = client.cookies["sessionid"].value
    client.post(reverse("account_logout"))
    client.cookies["sessionid"] = cookie  # someone kept the old cookie
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_signing_up_works(client, outbox):
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Léa Martin",
            "email": "lea@example.org",
            "password1": "un-mot-de-passe-solide-42",
            "password2": "un-mot-de-passe-solide-42",
        },
    )
    assert response.status_code == 302


def test_asking_for_a_password_reset_works(client, outbox):
    UserFactory(email="ana@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "ana@example.org"})
    assert response.status_code == 302


def test_rate_limits_still_count_in_this_process(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "2/m/ip"}
    UserFactory(email="ana@example.org")
    answers = [
        client.post(reverse("account_reset_password"), {"email": "ana@example.org"}).status_code
        for _ in range(3)
    ]
    assert answers == [302, 302, 429]
