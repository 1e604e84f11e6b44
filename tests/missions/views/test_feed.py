"""The Atom feed of a search (missions/views/feeds.py): the search's missions, newest
first, in the feed's language, invalid parameters left out, its query budget."""

from __future__ import annotations

import secrets
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation

from missions.selectors.sharing import FEED_SIZE
from missions.services.missions import mission_close, mission_create
from tests.factories import AssociationFactory
from tests.missions.factories import IndexedMissionFactory as Mission_
from tests.queries import count_queries
from vsi_portal.formats import format_day, format_euros

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEED_URL = reverse("missions:feed")
SEARCH_URL = reverse("missions:search")


def _feed(client, params=None, **extra) -> ET.Element:
    response = client.get(FEED_URL, params or {}, **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - the portal's own answer
    assert root.tag == f"{ATOM}feed"
    return root


def _entry_links(root: ET.Element) -> list[str]:
    return [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]


def _search_links(client, params, settings) -> list[str]:
    """The addresses of the missions the search page lists for ``params``, newest first."""
    response = client.get(SEARCH_URL, {**params, "sort": "newest"})
    return [settings.SITE_URL + m.get_absolute_url() for m in response.context["page"]]


def _published(mission, days_ago: int):
    mission.published_at = timezone.now() - timedelta(days=days_ago)
    mission.save(update_fields=["published_at"])
    return mission


@pytest.fixture
def missions(today):
    """Six open missions, differing in country, domain, dates, allowance and language."""
    start = today + timedelta(days=120)
    made = [
        Mission_(country="SN", domain="health", allowance_eur=600, title="Santé à Thiès"),
        Mission_(country="SN", domain="teaching", allowance_eur=450, title="École de Dakar"),
        Mission_(country="PE", domain="teaching", allowance_eur=700, start_on=start),
        Mission_(country="VN", domain="health", allowance_eur=500, title="Dispensaire"),
        Mission_(country="BJ", domain="agriculture", allowance_eur=800, start_on=start),
        Mission_(country="MG", domain="environment", allowance_eur=550),
    ]
    made[3].languages.set(["en"])
    for days_ago, mission in enumerate(made):
        _published(mission, days_ago + 1)
    return made


# --- What it lists -----------------------------------------------------------------------------


def test_the_feed_is_atom_with_every_open_mission_newest_first(client, missions, settings):
    root = _feed(client)
    expected = [settings.SITE_URL + m.get_absolute_url() for m in missions]
    assert _entry_links(root) == expected  # published 1, 2, ... days ago
    assert root.find(f"{ATOM}id").text and root.find(f"{ATOM}updated").text


@pytest.mark.parametrize(
    "params",
    [
        {"country": "SN"},
        {"country": ["SN", "PE"]},
        {"region": "africa"},
        {"domain": "health"},
        {"domain": "teaching", "country": "SN"},
        {"allowance_min": "600"},
        {"language": "en"},
        {"q": "Dispensaire"},
    ],
    ids=lambda params: "&".join(f"{k}={v}" for k, v in params.items()),
)
def test_the_feed_lists_what_the_search_lists_for_each_filter(client, missions, settings, params):
    expected = _search_links(client, params, settings)
    assert expected, "the case must find something"
    assert _entry_links(_feed(client, params)) == expected


def test_the_feed_follows_the_start_dates(client, missions, settings, today):
    params = {"start_from": (today + timedelta(days=110)).isoformat()}
    links = _entry_links(_feed(client, params))
    assert links == _search_links(client, params, settings)
    assert len(links) == 2


def test_the_feed_leaves_out_what_the_search_leaves_out(client, today, settings):
    open_mission = Mission_()
    Mission_(status="draft")
    Mission_(status="closed")
    Mission_(application_deadline=today - timedelta(days=1))
    Mission_(association=AssociationFactory(status="suspended"))
    Mission_(association=AssociationFactory(approval_expires_on=today + timedelta(days=30)))
    assert _entry_links(_feed(client)) == [settings.SITE_URL + open_mission.get_absolute_url()]


def test_the_feed_is_newest_first_whatever_sort_is_asked(client, missions):
    for sort in ("start", "relevance", "nonsense"):
        links = _entry_links(_feed(client, {"sort": sort}))
        assert links[0].endswith(missions[0].get_absolute_url())


def test_the_feed_keeps_the_newest_fifty(client):
    made = [Mission_() for _ in range(FEED_SIZE + 2)]
    for days_ago, mission in enumerate(made):
        _published(mission, days_ago + 1)
    links = _entry_links(_feed(client))
    assert len(links) == FEED_SIZE == 50
    assert links[-1].endswith(made[FEED_SIZE - 1].get_absolute_url())


def test_missions_i_can_apply_to_is_left_out_of_the_feed(client, missions):
    assert len(_entry_links(_feed(client, {"eligible": "on"}))) == len(missions)


def test_a_mission_titled_feed_never_takes_the_feeds_address(association, staff, mission_data):
    mission = mission_create(
        association=association, by=staff, data={**mission_data, "title": "Feed"}
    )
    assert mission.slug == "feed-2"


# --- Invalid parameters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"country": "ZZ"},
        {"start_from": "not-a-date"},
        {"start_from": "2027-02-30"},
        {"duration_min": "-3"},
        {"allowance_min": "10000000000000000000000"},
        {"domain": "<script>"},
        {"page": "x", "sort": "", "utm_source": "newsletter"},
        {"q": "x" * 500},
        {"lang": "de"},
    ],
)
def test_an_invalid_parameter_is_left_out_never_an_error(client, missions, params):
    assert len(_entry_links(_feed(client, params))) == len(missions)


def test_a_refused_value_is_left_out_and_the_valid_ones_kept(client, missions, settings):
    root = _feed(client, {"country": "SN", "start_from": "nope", "domain": "health"})
    assert _entry_links(root) == [settings.SITE_URL + missions[0].get_absolute_url()]
    alternate = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == f"{settings.SITE_URL}{SEARCH_URL}?country=SN&domain=health"


# --- Words, language, links --------------------------------------------------------------------


def test_the_title_says_the_filters_in_french(client, missions):
    root = _feed(client, {"country": "SN", "domain": "health"})
    assert root.find(f"{ATOM}title").text == "Missions\u00a0: Sénégal, Santé"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


def test_the_title_says_the_filters_in_english_from_the_language_cookie(client, missions):
    client.cookies["django_language"] = "en"
    root = _feed(client, {"country": "SN", "domain": "health"})
    assert root.find(f"{ATOM}title").text == "Missions: Senegal, Health"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_the_lang_parameter_chooses_the_feeds_language(client, missions):
    response = client.get(FEED_URL, {"country": "SN", "lang": "en"})
    assert response["Content-Language"] == "en"
    root = ET.fromstring(response.content)  # noqa: S314 - the portal's own answer
    assert root.find(f"{ATOM}title").text == "Missions: Senegal"


def test_a_feed_without_filters_has_a_plain_title(client, missions):
    assert _feed(client).find(f"{ATOM}title").text == "Missions de VSI ouvertes aux candidatures"


def test_an_entry_has_its_facts_author_and_dates(client, today, settings):
    settings.SITE_URL = "https://vsi.example.org"
    association = AssociationFactory(name="Terres d'Afrique", slug="terres-afrique")
    mission = _published(
        Mission_(
            association=association,
            title="Santé & prévention",
            summary="Former <les> agents.",
            country="SN",
            place="Thiès",
            allowance_eur=1200,
            domain="health",
        ),
        days_ago=2,
    )
    entry = _feed(client).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Santé & prévention"
    assert entry.find(f"{ATOM}link").get("href") == (
        f"https://vsi.example.org/missions/{mission.slug}/"
    )
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Terres d'Afrique"
    assert entry.find(f"{ATOM}author/{ATOM}uri").text == (
        "https://vsi.example.org/associations/terres-afrique/"
    )
    assert entry.find(f"{ATOM}published").text.startswith(mission.published_at.isoformat()[:16])
    assert entry.find(f"{ATOM}updated").text.startswith(mission.updated_at.isoformat()[:16])
    assert entry.find(f"{ATOM}category").get("term") == "Santé"
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "Former &lt;les&gt; agents." in summary.text  # HTML, the summary escaped
    assert "Sénégal, Thiès" in summary.text
    with translation.override("fr"):
        assert f"{format_euros(1200)} par mois" in summary.text  # "1 200 € par mois"
        assert f"du {format_day(mission.start_on)} au {format_day(mission.end_on)}" in summary.text


def test_an_entrys_allowance_is_written_the_english_way(client, missions):
    summary = _feed(client, {"country": "BJ", "lang": "en"}).find(f"{ATOM}entry/{ATOM}summary")
    assert "€800 a month" in summary.text and "Benin" in summary.text


def test_the_feeds_links_are_on_the_sites_address(client, missions, settings):
    settings.SITE_URL = "https://vsi.example.org"
    root = _feed(client, {"domain": "health"})
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "https://vsi.example.org/missions/?domain=health",
        "self": "https://vsi.example.org/missions/feed/?domain=health&lang=fr",
    }


def test_the_search_page_links_its_feed_with_its_query_and_language(client, missions):
    client.cookies["django_language"] = "en"
    body = client.get(SEARCH_URL, {"country": "SN"}).content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="These missions as a feed '
        '(Atom)" href="/missions/feed/?country=SN&amp;lang=en">'
    ) in body


def test_the_feed_answers_get_only(client):
    assert client.post(FEED_URL).status_code == 405


# --- Cost ------------------------------------------------------------------------------------


FEED_QUERIES = 1  # the missions with their association; no session for an anonymous reader


@pytest.mark.parametrize("count", [1, 50])
def test_the_feed_takes_one_query_for_1_or_50_missions(client, settings, count):
    settings.SEARCH_CACHE_SECONDS = 0
    for _ in range(count):
        Mission_()
    assert count_queries(client, FEED_URL, {"country": "SN", "q": "école"}) == FEED_QUERIES
    assert count_queries(client, FEED_URL) == FEED_QUERIES


def test_the_same_feed_asked_again_comes_from_the_searchs_cache(client, missions):
    count_queries(client, FEED_URL, {"country": "SN"})
    assert count_queries(client, FEED_URL, {"country": "SN"}) == 0


def test_unknown_parameters_and_refused_values_add_no_cache_entry(client, missions):
    """The feed's key is its validated filters (``selectors.sharing``), never the raw query."""
    cache = caches["shared"]
    keys = (lambda: set(cache.keys("*"))) if hasattr(cache, "keys") else (lambda: set(cache._cache))
    _feed(client, {"country": "SN"})
    _feed(client)  # a refused country leaves the feed of every mission
    warm = keys()
    for _ in range(10):
        noise = secrets.token_hex(6)
        _feed(client, {"country": ["SN", noise], "start_from": noise, noise: noise, "lang": noise})
    assert keys() == warm


def test_a_closed_mission_leaves_the_cached_feed(
    client, association, staff, settings, django_capture_on_commit_callbacks
):
    kept, closed = Mission_(association=association), Mission_(association=association)
    assert len(_entry_links(_feed(client))) == 2
    with django_capture_on_commit_callbacks(execute=True):
        mission_close(mission=closed, by=staff)
    assert _entry_links(_feed(client)) == [settings.SITE_URL + kept.get_absolute_url()]
