"""The search for a candidate (a complete profile, or a visitor's answers): "missions I can
apply to" on by default, at the top, off with ``eligible=0``, kept in the URL; a badge on
every card that agrees with the verdict; the shared cache never mixes candidates; similar
missions a candidate can apply to."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from missions.selectors.candidates import candidate_for, mission_contract
from missions.selectors.missions import SIMILAR_POOL, _similar_missions
from tests.factories import VolunteerFactory
from tests.missions.factories import IndexedMissionFactory as Mission_
from tests.queries import count_queries
from volunteers.models import Volunteer
from vsi_portal.eligibility import check
from vsi_portal.explanations import explain_reason_briefly

pytestmark = pytest.mark.django_db

SEARCH = reverse("missions:search")
SEARCH_BUDGET = 8
CARD_TITLE = re.compile(r'<h3 class="h5 card-title"[^>]*><a href="[^"]*">([^<]*)</a>')


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SEARCH_CACHE_SECONDS = 60


@pytest.fixture
def missions():
    """One mission a French national living in France can apply to, and two they cannot."""
    return {
        "senegal": Mission_(title="Au Sénégal", country="SN"),
        "france": Mission_(title="En France", country="FR", allowance_eur=900),
        "older": Mission_(title="Dès 99 ans", country="MA", min_age=99),
    }


def _answer(client: Client, **facts) -> None:
    data = {"birth_date": "1998-04-02", "nationalities": ["FR"], "residence": "FR", **facts}
    assert client.post(reverse("missions:eligibility"), data).status_code == 302


def _titles(response) -> list[str]:
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


def _visitor(**facts) -> Client:
    client = Client()
    _answer(client, **facts)
    return client


# --- On by default, at the top, in the URL ------------------------------------------------


def test_a_volunteer_sees_only_the_missions_they_can_apply_to_by_default(
    client, volunteer, missions
):
    client.force_login(volunteer.user)
    response = client.get(SEARCH)
    assert response.context["filtering_eligible"] is True
    assert _titles(response) == ["Au Sénégal"]
    content = response.content.decode()
    assert "Seules les missions auxquelles vous pouvez postuler sont affichées." in content
    assert 'href="?eligible=0"' in content


def test_eligible_0_turns_the_filter_off_and_shows_a_badge_on_every_card(
    client, volunteer, missions
):
    client.force_login(volunteer.user)
    response = client.get(SEARCH, {"eligible": "0"})
    assert response.context["filtering_eligible"] is False
    assert sorted(_titles(response)) == ["Au Sénégal", "Dès 99 ans", "En France"]
    assert 'href="?eligible=1"' in response.content.decode()


def test_the_badges_agree_with_the_verdict(client, volunteer, missions):
    client.force_login(volunteer.user)
    response = client.get(SEARCH, {"eligible": "0"})
    candidate = candidate_for(volunteer)
    content = response.content.decode()
    for mission, verdict in response.context["cards"]:
        assert verdict == check(candidate, mission_contract(mission))
    assert content.count("Vous pouvez postuler") == 1
    # A French national: the first of the mission in France's three reasons.
    assert html.escape(explain_reason_briefly("NATIONALITY_COUNTRY")) in content
    assert html.escape(explain_reason_briefly("BELOW_MIN_AGE")) in content


def test_the_filters_form_keeps_the_choice_in_the_url(client, volunteer, missions):
    client.force_login(volunteer.user)
    default = client.get(SEARCH).content.decode()
    off = client.get(SEARCH, {"eligible": "0"}).content.decode()
    box = re.compile(r'<input type="checkbox" name="eligible" value="1"[^>]*>')
    assert '<input type="hidden" name="eligible" value="0">' in default
    assert "checked" in box.search(default).group(0)
    assert "checked" not in box.search(off).group(0)


def test_the_old_on_spelling_still_turns_the_filter_on(client, volunteer, missions):
    client.force_login(volunteer.user)
    assert _titles(client.get(SEARCH, {"eligible": "on"})) == ["Au Sénégal"]


def test_a_person_whose_profile_lacks_facts_searches_everything_by_default(client, missions):
    volunteer = VolunteerFactory(birth_date=None)
    client.force_login(volunteer.user)
    response = client.get(SEARCH)
    assert response.context["filtering_eligible"] is False
    assert response.context["cards"][0][1] is None
    assert client.get(SEARCH, {"eligible": "1"}).context["eligibility_notice"] == "incomplete"


def test_a_visitor_who_did_not_answer_is_offered_the_questions(client, missions):
    content = client.get(SEARCH).content.decode()
    assert reverse("missions:eligibility") in content
    assert "Vous pouvez postuler" not in content
    assert len(_titles(client.get(SEARCH))) == 3


def test_a_visitor_asking_for_the_filter_without_answers_is_told_how(client, missions):
    response = client.get(SEARCH, {"eligible": "1"}, HTTP_COOKIE="")
    content = response.content.decode()
    assert "répondez à quelques questions ou connectez-vous" in content


# --- A visitor's answers ----------------------------------------------------------------


def test_a_visitor_who_answered_is_searched_as_a_candidate(missions):
    visitor = _visitor()
    response = visitor.get(SEARCH)
    assert response.context["filtering_eligible"] is True
    assert _titles(response) == ["Au Sénégal"]
    assert "Vous pouvez postuler" in response.content.decode()


def test_a_visitor_who_forgets_their_answers_gets_the_shared_page_again(missions):
    visitor = _visitor()
    visitor.post(reverse("missions:eligibility_forget"))
    visitor.get(SEARCH)  # the flashed message makes this page their own
    assert len(_titles(visitor.get(SEARCH))) == 3


# --- The shared cache never mixes candidates ----------------------------------------------


def test_the_shared_page_never_reaches_a_visitor_who_answered(missions):
    assert len(_titles(Client().get(SEARCH))) == 3  # now in the shared cache
    answered = _visitor()
    assert _titles(answered.get(SEARCH)) == ["Au Sénégal"]
    shared = Client().get(SEARCH).content.decode()
    assert "Vous pouvez postuler" not in shared
    assert len(CARD_TITLE.findall(shared)) == 3


def test_two_visitors_with_different_answers_get_their_own_results(missions):
    french = _visitor()
    senegalese = _visitor(nationalities=["SN"], residence="SN")
    assert _titles(french.get(SEARCH)) == ["Au Sénégal"]
    assert _titles(senegalese.get(SEARCH)) == ["En France"]
    assert _titles(french.get(SEARCH)) == ["Au Sénégal"]


def test_the_filters_form_of_a_candidate_is_not_shown_to_others(client, volunteer, missions):
    client.force_login(volunteer.user)
    client.get(SEARCH)  # caches the filters' HTML for candidates
    anonymous = Client().get(SEARCH).content.decode()
    assert 'name="eligible"' not in anonymous


# --- Query budgets ------------------------------------------------------------------------


@pytest.mark.parametrize("eligible", ["", "0"])
@pytest.mark.parametrize("who", ["volunteer", "visitor"])
def test_a_candidates_search_keeps_its_budget_for_1_and_50_results(
    client, django_assert_num_queries, volunteer, who, eligible, settings
):
    settings.SEARCH_CACHE_SECONDS = 0  # computed in full
    if who == "volunteer":
        client.force_login(volunteer.user)
    else:
        _answer(client)
    params = {"eligible": eligible} if eligible else {}
    Mission_()
    queries = count_queries(client, SEARCH, params)
    assert queries <= SEARCH_BUDGET
    Mission_.create_batch(49, country="FR", allowance_eur=900)
    Mission_.create_batch(10)
    with django_assert_num_queries(queries):
        response = client.get(SEARCH, params)
    assert len(response.context["cards"]) == (20 if eligible else 11)


# --- Similar missions ---------------------------------------------------------------------


def test_similar_missions_are_only_those_a_candidate_can_apply_to(client, volunteer, missions):
    mission = Mission_(country="SN", domain="teaching")
    client.force_login(volunteer.user)
    similar = client.get(mission.get_absolute_url()).context["similar"]
    assert [m.title for m in similar] == ["Au Sénégal"]


def test_similar_missions_past_the_shared_closest_ones_are_found_for_a_candidate(client, volunteer):
    """The twelve closest missions, kept for everyone, hold none they can apply to: the
    database's filter finds the one further away."""
    mission = Mission_(country="SN", domain="teaching")
    for _ in range(SIMILAR_POOL):
        Mission_(country="SN", domain="teaching", min_age=99)
    Mission_(title="Plus loin", country="SN", domain="health")
    client.force_login(volunteer.user)
    similar = client.get(mission.get_absolute_url()).context["similar"]
    assert [m.title for m in similar] == ["Plus loin"]


def test_a_candidates_similar_missions_are_the_databases_first_ones_they_can_apply_to(
    client, volunteer, today
):
    mission = Mission_(country="SN", domain="teaching")
    for days in range(8):
        Mission_(country="SN", domain="teaching", min_age=99 if days % 2 else 18)
    client.force_login(volunteer.user)
    similar = client.get(mission.get_absolute_url()).context["similar"]
    candidate = candidate_for(volunteer)
    assert [m.pk for m in similar] == [
        m.pk for m in _similar_missions(mission, today=today, candidate=candidate)
    ]
    assert len(similar) == 4


def test_similar_missions_are_unchanged_for_anyone_else(client, missions):
    mission = Mission_(country="SN", domain="teaching")
    similar = client.get(mission.get_absolute_url()).context["similar"]
    assert {m.title for m in similar} == {"Au Sénégal", "En France", "Dès 99 ans"}


def test_a_visitor_who_answered_gets_a_verdict_and_similar_missions_they_can_apply_to(missions):
    visitor = _visitor()
    response = visitor.get(missions["france"].get_absolute_url())
    assert response.context["verdict"].eligible is False
    assert [m.title for m in response.context["similar"]] == ["Au Sénégal"]


def test_a_visitor_who_answered_is_offered_an_account_to_apply(missions):
    visitor = _visitor()
    response = visitor.get(missions["senegal"].get_absolute_url())
    assert response.context["verdict"].eligible is True
    assert reverse("account_signup") in response.content.decode()
    assert Volunteer.objects.count() == 0


def test_a_candidate_with_no_mission_to_apply_to_is_offered_every_mission(client, volunteer):
    Mission_(country="FR", allowance_eur=900)
    client.force_login(volunteer.user)
    response = client.get(SEARCH)
    assert response.context["page"].paginator.count == 0
    assert 'href="/missions/?eligible=0"' in response.content.decode()
