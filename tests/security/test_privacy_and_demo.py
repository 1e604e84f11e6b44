"""The privacy page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

PRIVACY = reverse("security:privacy")


def test_anyone_reads_the_privacy_page_in_french(client):
    response = client.get(PRIVACY)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Extrait de casier judiciaire" in body or "casier judiciaire" in body
    assert "30 jours" in body
    assert "3 ans" in body


def test_the_privacy_page_reads_in_english(client):
    client.cookies["django_language"] = "en"
    body = client.get(PRIVACY).content.decode()
    assert "Criminal record extract" in body
    assert "30 days" in body
    assert "3 years" in body


def test_the_privacy_page_links_to_export_and_delete(client):
    body = client.get(PRIVACY).content.decode()
    assert reverse("volunteers:data_export") in body
    assert reverse("volunteers:account_delete") in body


def test_the_privacy_page_follows_the_inactivity_setting(client, settings):
    settings.RETENTION_INACTIVE_YEARS = 5
    assert "5 ans" in client.get(PRIVACY).content.decode()


def test_every_page_footer_links_to_the_privacy_page(client):
    assert f'href="{PRIVACY}"' in client.get(reverse("home")).content.decode()


def test_a_signed_in_volunteer_reads_the_privacy_page(client):
    client.force_login(VolunteerFactory().user)
    assert client.get(PRIVACY).status_code == 200


def test_the_privacy_page_is_get_only(client):
    assert client.post(PRIVACY).status_code == 405
