"""The admin's searchable country filter (vsi_portal/admin_filters.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests.factories import AssociationFactory, MissionFactory, UserFactory, otp_verify
from vsi_portal.admin_filters import country_codes_matching

CHANGELIST = reverse("admin:associations_association_changelist")


@pytest.mark.parametrize("typed", ["Sénégal", "senegal", "SÉNÉG", "SN", "sn", "Senegal "])
def test_a_country_is_found_by_its_name_with_or_without_accents_or_its_code(typed):
    with override("fr"):
        assert "SN" in country_codes_matching(typed)


def test_the_english_name_is_found_in_french_too():
    with override("fr"):
        assert "DE" in country_codes_matching("Germany")
        assert "DE" in country_codes_matching("Allemagne")


def test_nothing_typed_matches_nothing():
    assert country_codes_matching("  ") == []


@pytest.fixture
def fv_client(client, db):
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_filter_is_a_search_box_not_250_links(fv_client):
    page = fv_client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'type="search"' in page
    assert "Nom ou code du pays" in page
    assert page.count("?country=") == 0


def test_the_association_list_filters_by_a_typed_country(fv_client):
    senegal = AssociationFactory(name="Association Dakar", country="SN")
    france = AssociationFactory(name="Association Lyon", country="FR")
    page = fv_client.get(
        CHANGELIST, {"country": "sénégal"}, HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert senegal.name in page
    assert france.name not in page
    assert 'value="sénégal"' in page


def test_the_search_keeps_the_other_filters(fv_client):
    page = fv_client.get(
        CHANGELIST, {"status__exact": "pending", "country": "SN"}, HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert '<input type="hidden" name="status__exact" value="pending">' in page


def test_the_mission_list_has_the_same_filter(fv_client):
    dakar = MissionFactory(title="Mission à Dakar", country="SN")
    lome = MissionFactory(title="Mission à Lomé", country="TG")
    page = fv_client.get(
        reverse("admin:missions_mission_changelist"), {"country": "Senegal"}
    ).content.decode()
    assert dakar.title in page
    assert lome.title not in page
