"""A mission page outside the portal (templates/missions/_sharing_meta.html): Open Graph
and Twitter's card, the schema.org JobPosting of an open mission (missions/structured_data.py),
noindex on a page the search does not list."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.factories import AssociationFactory
from tests.missions.factories import IndexedMissionFactory as Mission_
from tests.sharing_head import Head

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://vsi.example.org"
    return settings.SITE_URL


def _head(client, mission) -> Head:
    response = client.get(mission.get_absolute_url())
    assert response.status_code == 200
    return Head(response.content.decode())


def test_a_mission_page_carries_open_graph_and_a_twitter_card(client, site):
    mission = Mission_(title="Santé à Thiès", summary="Former les agents de santé.")
    head = _head(client, mission)
    url = f"{site}{mission.get_absolute_url()}"
    assert head.meta["og:title"] == "Santé à Thiès"
    assert head.meta["og:description"] == "Former les agents de santé."
    assert head.meta["description"] == "Former les agents de santé."
    assert head.meta["og:url"] == url and head.links["canonical"] == url
    assert head.meta["og:type"] == "article"
    assert head.meta["og:site_name"] == "Portail VSI"
    assert (head.meta["og:locale"], head.meta["og:locale:alternate"]) == ("fr_FR", "en_GB")
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["twitter:title"] == "Santé à Thiès"


def test_the_open_graph_locale_follows_the_pages_language(client):
    client.cookies["django_language"] = "en"
    head = _head(client, Mission_())
    assert (head.meta["og:locale"], head.meta["og:locale:alternate"]) == ("en_GB", "fr_FR")
    assert head.meta["og:site_name"] == "VSI Portal"


def test_an_open_mission_is_indexable_and_carries_its_job_posting(client, site):
    association = AssociationFactory(name="Terres d'Afrique", website="https://ta.example.org")
    mission = Mission_(
        association=association, country="SN", place="Thiès", allowance_eur=650, places=2
    )
    head = _head(client, mission)
    assert "robots" not in head.meta
    [posting] = head.json_ld
    assert posting["@context"] == "https://schema.org"
    assert posting["@type"] == "JobPosting"
    assert posting["title"] == mission.title
    assert posting["employmentType"] == "VOLUNTEER"
    assert posting["url"] == f"{site}{mission.get_absolute_url()}"
    assert posting["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Terres d'Afrique",
        "url": f"{site}{association.get_absolute_url()}",
        "sameAs": "https://ta.example.org",
    }
    assert posting["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "SN",
        "addressLocality": "Thiès",
    }
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "value": 650, "unitText": "MONTH"},
    }
    assert posting["validThrough"].startswith(f"{mission.application_deadline.isoformat()}T23:59")
    assert posting["jobStartDate"] == mission.start_on.isoformat()
    assert posting["totalJobOpenings"] == 2
    assert posting["datePosted"]


def test_a_text_cannot_end_the_json_ld_script(client):
    title = "Santé </script><script>alert(1)</script> & co"
    mission = Mission_(title=title, description="<b>Bold?</b>\n\nSecond & last")
    body = client.get(mission.get_absolute_url()).content.decode()
    json_ld = body.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in json_ld and ">" not in json_ld and "&" not in json_ld
    [posting] = Head(body).json_ld
    assert posting["title"] == title
    assert posting["description"] == "<p>&lt;b&gt;Bold?&lt;/b&gt;</p>\n<p>Second &amp; last</p>"


def test_a_closed_mission_says_so_carries_noindex_and_no_job_posting(client):
    mission = Mission_(status="closed")
    response = client.get(mission.get_absolute_url())
    head = Head(response.content.decode())
    assert head.meta["robots"] == "noindex"
    assert head.json_ld == []
    assert "Cette mission est clôturée" in response.content.decode()
    assert 'id="applications-paused"' in response.content.decode()


@pytest.mark.parametrize("case", ["deadline_passed", "approval_ends_before_start"])
def test_a_mission_whose_applications_are_paused_carries_noindex(client, today, case):
    if case == "deadline_passed":
        mission = Mission_(application_deadline=today - timedelta(days=1))
    else:
        association = AssociationFactory(approval_expires_on=today + timedelta(days=30))
        mission = Mission_(association=association)
    head = _head(client, mission)
    assert head.meta["robots"] == "noindex"
    assert head.json_ld == []


def test_a_drafts_preview_carries_noindex(client, association, staff):
    mission = Mission_(status="draft", association=association)
    client.force_login(staff)
    head = _head(client, mission)
    assert head.meta["robots"] == "noindex" and head.json_ld == []
