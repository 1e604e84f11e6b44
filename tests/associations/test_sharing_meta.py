"""An association's page outside the portal (templates/associations/_sharing_meta.html):
Open Graph and Twitter's card; noindex while only its team may read it."""

from __future__ import annotations

import pytest

from tests.factories import AssociationFactory, MembershipFactory
from tests.sharing_head import Head

pytestmark = pytest.mark.django_db


def _head(client, association) -> Head:
    response = client.get(association.get_absolute_url())
    assert response.status_code == 200
    return Head(response.content.decode())


def test_an_approved_associations_page_carries_open_graph_and_is_indexable(client, settings):
    settings.SITE_URL = "https://vsi.example.org"
    association = AssociationFactory(name="Terres d'Afrique", description="Projets au Togo.")
    head = _head(client, association)
    url = f"https://vsi.example.org{association.get_absolute_url()}"
    assert head.meta["og:title"] == head.meta["twitter:title"] == "Terres d'Afrique"
    assert head.meta["og:description"] == head.meta["description"] == "Projets au Togo."
    assert head.meta["og:url"] == head.links["canonical"] == url
    assert head.meta["og:type"] == "website"
    assert head.meta["og:locale"] == "fr_FR"
    assert head.meta["twitter:card"] == "summary"
    assert "robots" not in head.meta


def test_a_long_description_is_cut_for_the_card(client):
    head = _head(client, AssociationFactory(description="Solidarité " * 60))
    assert len(head.meta["og:description"]) <= 200
    assert head.meta["og:description"].endswith("…")


def test_a_suspended_associations_page_seen_by_its_team_carries_noindex(client):
    membership = MembershipFactory(association=AssociationFactory(status="suspended"))
    client.force_login(membership.user)
    assert _head(client, membership.association).meta["robots"] == "noindex"
