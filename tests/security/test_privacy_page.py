"""The public privacy page (`security:privacy`): what is kept, for how long, and the way to
one's data."""

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


def test_the_privacy_page_states_the_login_records_and_audit_periods_in_french(client):
    body = client.get(PRIVACY).content.decode()
    assert "90 jours, puis supprimées" in body
    assert "5 ans, puis supprimé" in body
    assert "numéro de compte" in body
    # No more promise the job does not keep: the trail has its own period now.
    assert "aussi longtemps que les données" not in body


def test_the_privacy_page_states_the_periods_in_english(client):
    client.cookies["django_language"] = "en"
    body = client.get(PRIVACY).content.decode()
    assert "90 days, then deleted." in body
    assert "5 years, then deleted." in body
    assert "account number only" in body
    assert "kept as long as the records it is about" not in body


def test_the_privacy_page_follows_the_retention_settings(client, settings):
    settings.RETENTION_LOGIN_RECORDS_DAYS = 30
    settings.RETENTION_AUDIT_YEARS = 2
    client.cookies["django_language"] = "en"
    body = client.get(PRIVACY).content.decode()
    assert "30 days, then deleted." in body
    assert "2 years, then deleted." in body


def test_the_privacy_page_says_who_checks_a_criminal_record_and_the_unchecked_period(client):
    client.cookies["django_language"] = "en"
    body = client.get(PRIVACY).content.decode()
    assert "an administrator of the association that signs your contract" in body
    assert "deleted 90 days after you sent it" in body
