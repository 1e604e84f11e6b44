"""/sitemap.xml (vsi_portal/sitemaps.py, missions/sitemaps.py, associations/sitemaps.py):
only the public pages, on the site's address, with when each last changed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AssociationFactory
from tests.missions.factories import IndexedMissionFactory as Mission_
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITEMAP_URL = reverse("sitemap")


def _locations(client) -> dict[str, str | None]:
    """``{address: lastmod}`` of every page the sitemap lists."""
    response = client.get(SITEMAP_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)  # noqa: S314 - the portal's own answer
    return {
        url.find(f"{SITEMAP}loc").text: getattr(url.find(f"{SITEMAP}lastmod"), "text", None)
        for url in root.iter(f"{SITEMAP}url")
    }


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://vsi.example.org"
    return settings.SITE_URL


def test_the_sitemap_lists_the_entry_pages_open_missions_and_approved_associations(client, site):
    association = AssociationFactory()
    mission = Mission_(association=association)
    locations = _locations(client)
    assert set(locations) == {
        f"{site}/",
        f"{site}/missions/",
        f"{site}/statistics/",
        f"{site}/accessibility/",
        f"{site}{mission.get_absolute_url()}",
        f"{site}{association.get_absolute_url()}",
    }
    updated_on = timezone.localtime(mission.updated_at).date()  # the sitemap's day: Paris's
    assert locations[f"{site}{mission.get_absolute_url()}"] == updated_on.isoformat()


def test_the_sitemap_leaves_out_every_mission_the_search_leaves_out(client, site):
    today = timezone.localdate()
    kept = Mission_()
    left_out = [
        Mission_(status="draft"),
        Mission_(status="closed"),
        Mission_(application_deadline=today - timedelta(days=1)),
        Mission_(association=AssociationFactory(approval_expires_on=today + timedelta(days=30))),
    ]
    locations = _locations(client)
    assert f"{site}{kept.get_absolute_url()}" in locations
    for mission in left_out:
        assert f"{site}{mission.get_absolute_url()}" not in locations


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_an_association_not_approved_and_its_missions_are_left_out(client, site, status):
    association = AssociationFactory(status=status)
    mission = Mission_(association=association)
    locations = _locations(client)
    assert f"{site}{association.get_absolute_url()}" not in locations
    assert f"{site}{mission.get_absolute_url()}" not in locations


def test_a_page_is_listed_once_whatever_the_language(client, site):
    mission = Mission_()
    client.cookies["django_language"] = "en"
    assert list(_locations(client)).count(f"{site}{mission.get_absolute_url()}") == 1


@pytest.mark.parametrize("count", [1, 30])
def test_the_sitemap_takes_the_same_queries_for_1_or_30_missions(client, count):
    for _ in range(count):
        Mission_()
    # A count and a page of rows for each of the two sections read from the database.
    assert count_queries(client, SITEMAP_URL) == 4
