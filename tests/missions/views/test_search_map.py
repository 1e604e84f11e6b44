"""The search map page (missions/views/search_map.py): its counts, links, shapes, table,
languages and query budget."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from missions.services.missions import RESERVED_SLUGS
from missions.world_map import world_map
from tests.factories import VolunteerFactory
from tests.missions.factories import IndexedMissionFactory as Mission_
from tests.queries import count_queries
from vsi_portal.settings import caches_for

pytestmark = pytest.mark.django_db

MAP = reverse("missions:map")
SEARCH = reverse("missions:search")
SEARCH_BUDGET = 8
MAP_LINK = re.compile(r'<a href="([^"]*)" tabindex="-1" data-country="([A-Z]{2})">')
TABLE_ROW = re.compile(r'<tr><th scope="row" class="fw-normal"><a href="([^"]*)">([^<]*)</a></th>'
                       r'<td class="text-end">(\d+)</td></tr>')  # fmt: skip


def _missions() -> None:
    Mission_.create_batch(3, country="SN", domain="teaching")
    Mission_(country="SN", domain="health")
    Mission_.create_batch(2, country="MG", domain="health")
    Mission_(country="KH", domain="teaching", allowance_eur=900)
    Mission_(country="TK", domain="teaching")  # Tokelau: no shape at this scale


def _page(client, params=None) -> str:
    response = client.get(MAP, params or {})
    assert response.status_code == 200
    return response.content.decode()


def _unescape(url: str) -> str:
    return url.replace("&amp;", "&")


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"domain": "teaching"},
        {"country": ["SN", "KH"]},
        {"region": "africa", "domain": "health"},
        {"allowance_min": "800"},
        {"q": "enseignant", "sort": "newest"},
        {"country": "PE"},
    ],
)
def test_the_map_counts_what_the_search_finds(client, params):
    _missions()
    search = client.get(SEARCH, params)
    found = {}
    for mission in search.context["page"].object_list:
        found[mission.country.code] = found.get(mission.country.code, 0) + 1
    response = client.get(MAP, params)
    assert response.context["total"] == search.context["page"].paginator.count
    assert {c.code: c.count for c in response.context["listed"]} == found


def test_each_country_links_to_the_search_on_it_with_the_other_filters(client):
    _missions()
    body = _page(client, {"domain": "teaching", "country": ["SN", "KH"], "page": "3"})
    links = {code: _unescape(url) for url, code in MAP_LINK.findall(body)}
    assert set(links) == {"SN", "KH"}
    sn = urlsplit(links["SN"])
    assert sn.path == SEARCH
    assert parse_qs(sn.query) == {"domain": ["teaching"], "country": ["SN"]}


def test_every_country_with_missions_and_a_shape_is_a_shaded_link(client):
    _missions()
    body = _page(client)
    drawn = {code for _url, code in MAP_LINK.findall(body)}
    assert drawn == {"SN", "MG", "KH"}
    assert "TK" not in world_map().shapes
    assert f'd="{world_map().shapes["PE"].d}" fill="#e9ecef"' in body  # grey, no link


def test_the_table_lists_every_country_with_missions_by_count(client):
    _missions()
    rows = TABLE_ROW.findall(_page(client))
    assert [(name, int(count)) for _url, name, count in rows] == [
        ("Sénégal", 4),
        ("Madagascar", 2),
        ("Cambodge", 1),
        ("Tokelau", 1),
    ]
    assert parse_qs(urlsplit(_unescape(rows[0][0])).query) == {"country": ["SN"]}


def test_a_country_without_a_shape_is_named_under_the_map(client):
    _missions()
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        response = client.get(MAP)
    assert [country.code for country in response.context["unmapped"]] == ["TK"]
    assert "Too small for this map, in the table only: Tokelau." in response.content.decode()


def test_no_mission_found_says_so_and_draws_no_link(client):
    body = _page(client, {"country": "PE"})
    assert not MAP_LINK.findall(body)
    assert not TABLE_ROW.findall(body)


def test_the_page_is_in_french_by_default(client):
    _missions()
    body = _page(client)
    assert '<html lang="fr">' in body
    assert "Sénégal" in body


def test_the_page_reads_in_english(client):
    _missions()
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        body = _page(client)
    assert '<html lang="en">' in body
    assert "Missions on the map" in body
    assert ">Senegal</a>" in body and "Senegal: 4 missions" in body


def test_the_search_links_to_its_results_on_the_map_and_back(client):
    _missions()
    search = client.get(SEARCH, {"domain": "health", "page": "1"}).content.decode()
    assert f'href="{MAP}?domain=health"' in search
    assert f'href="{SEARCH}?domain=health"' in _page(client, {"domain": "health"})


def test_missions_i_can_apply_to_are_the_volunteers_own(client, volunteer):
    Mission_(country="SN")
    Mission_(country="FR", allowance_eur=900)  # a French volunteer cannot go to France
    client.force_login(volunteer.user)
    response = client.get(MAP, {"eligible": "1"})
    assert [c.code for c in response.context["listed"]] == ["SN"]
    assert response.context["filtering_eligible"] is True


def test_missions_i_can_apply_to_are_on_by_default_for_a_candidate(client, volunteer):
    Mission_(country="SN")
    Mission_(country="FR", allowance_eur=900)
    client.force_login(volunteer.user)
    assert [c.code for c in client.get(MAP).context["listed"]] == ["SN"]
    response = client.get(MAP, {"eligible": "0"})
    assert [c.code for c in response.context["listed"]] == ["FR", "SN"]
    assert response.context["filtering_eligible"] is False


def test_missions_i_can_apply_to_asks_an_anonymous_visitor_to_answer(client):
    Mission_(country="SN")
    response = client.get(MAP, {"eligible": "1"})
    assert response.context["eligibility_notice"] == "answer"
    assert response.context["total"] == 1


def test_a_refused_filter_is_left_out_and_said(client):
    Mission_(country="SN")
    response = client.get(MAP, {"allowance_min": "lots"})
    assert response.status_code == 200
    assert response.context["total"] == 1
    assert "allowance_min" in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()


def test_map_is_an_address_no_mission_may_take():
    assert "map" in RESERVED_SLUGS


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_map_keeps_the_search_budget_for_1_and_50_missions(
    client, django_assert_num_queries, settings, signed_in
):
    settings.SEARCH_CACHE_SECONDS = 0  # computed in full
    volunteer = VolunteerFactory()
    if signed_in:
        client.force_login(volunteer.user)
    params = {"q": "enseignant", "domain": "teaching", "eligible": "1", "allowance_min": 100}
    Mission_(country="SN")
    queries = count_queries(client, MAP, params)
    assert queries <= SEARCH_BUDGET
    for index in range(49):
        Mission_(country=["SN", "MG", "KH", "PE", "BJ", "TK", "ML"][index % 7])
    with django_assert_num_queries(queries):
        response = client.get(MAP, params)
    assert response.context["total"] == 50


def test_the_map_answers_while_redis_is_down(client, settings):
    settings.CACHES = caches_for("redis://127.0.0.1:1/0")  # nothing listens there
    settings.SEARCH_CACHE_SECONDS = 60
    _missions()
    response = client.get(MAP)
    assert response.status_code == 200
    assert response.context["total"] == 8
