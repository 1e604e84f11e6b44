"""The public pages (missions/views/public.py): a mission page and its verdict, saved
missions, "missions I can apply to", their query budgets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import (
    AssociationFactory,
    VolunteerFactory,
)
from tests.missions.factories import IndexedMissionFactory as Mission_
from tests.queries import count_queries
from volunteers.models import PriorMission, SavedMission

pytestmark = pytest.mark.django_db

SEARCH_BUDGET = 8
# Similar missions come in up to 3 small queries (same domain and country, domain, country);
# the association's response rate in 1 (the nightly figures of the day; 2 before the job ran:
# then computed); the languages of the profile (for the warning of a language the mission
# wants) in 1.
PAGE_BUDGET = 15


# --- Mission page: who sees what ------------------------------------------------------------


def test_anonymous_reads_a_published_mission_with_every_fact(client):
    mission = Mission_(allowance_eur=650, places=3)
    mission.languages.set(["fr", "wo"])
    response = client.get(mission.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["leave_days"] == 24
    assert response.context["opens_aids"] is True
    assert response.context["pension_quarters"]
    assert "650" in body and "Wolof" in body
    assert reverse("account_login") in body


def test_a_closed_mission_stays_readable_with_a_banner(client):
    mission = Mission_(status="closed")
    response = client.get(mission.get_absolute_url())
    assert response.status_code == 200
    assert response.context["is_open"] is False
    assert "alert-secondary" in response.content.decode()


def test_a_draft_is_hidden_from_anonymous_volunteers_and_other_staff(client, other_staff, outsider):
    mission = Mission_(status="draft")
    assert client.get(mission.get_absolute_url()).status_code == 404
    for user in (other_staff, outsider, VolunteerFactory().user):
        client.force_login(user)
        assert client.get(mission.get_absolute_url()).status_code == 404


def test_a_draft_is_shown_to_its_staff_as_a_preview(client, association, staff):
    mission = Mission_(status="draft", association=association)
    client.force_login(staff)
    response = client.get(mission.get_absolute_url())
    assert response.status_code == 200 and response.context["preview"] is True


def test_a_published_mission_of_a_suspended_association_is_hidden(client):
    mission = Mission_(association=AssociationFactory(status="suspended"))
    assert client.get(mission.get_absolute_url()).status_code == 404


def test_unknown_mission_is_404(client):
    assert client.get(reverse("missions:detail", kwargs={"slug": "nope"})).status_code == 404


# --- Mission page: the verdict --------------------------------------------------------------


def test_eligible_volunteer_is_told_they_can_apply(client, volunteer):
    mission = Mission_()
    client.force_login(volunteer.user)
    response = client.get(mission.get_absolute_url())
    assert response.context["verdict"].eligible is True
    assert response.context["reason_texts"] == []


def test_ineligible_volunteer_sees_every_reason_explained(client):
    volunteer = VolunteerFactory(nationalities=["SN"], residence="SN", employed=True)
    mission = Mission_(country="SN")
    client.force_login(volunteer.user)
    response = client.get(mission.get_absolute_url())
    verdict = response.context["verdict"]
    assert verdict.eligible is False
    assert set(verdict.reasons) == {"EMPLOYED", "NATIONALITY_COUNTRY", "RESIDENCE_COUNTRY"}
    assert len(response.context["reason_texts"]) == 3
    body = response.content.decode()
    for text in response.context["reason_texts"]:
        assert text[:40] in body


def test_warning_is_shown_to_an_eligible_volunteer_in_french_polynesia(client):
    volunteer = VolunteerFactory(nationalities=["SN"], residence="SN")
    mission = Mission_(country="PF", allowance_eur=900)
    client.force_login(volunteer.user)
    response = client.get(mission.get_absolute_url())
    assert response.context["verdict"].eligible is True
    assert response.context["verdict"].warnings == ("OVERSEAS_COLLECTIVITY",)
    assert len(response.context["warning_texts"]) == 1
    assert response.context["in_france"] is True


def test_incomplete_profile_is_told_what_is_missing(client):
    volunteer = VolunteerFactory(birth_date=None, residence="")
    client.force_login(volunteer.user)
    response = client.get(Mission_().get_absolute_url())
    assert response.context["verdict"] is None
    assert len(response.context["missing_facts"]) == 2


def test_apply_button_only_when_eligible_and_the_url_exists(client, volunteer):
    """The Apply link is rendered only when ``missions:apply`` exists (applications work)."""
    from django.urls import NoReverseMatch

    mission = Mission_()
    client.force_login(volunteer.user)
    body = client.get(mission.get_absolute_url()).content.decode()
    try:
        apply_url = reverse("missions:apply", kwargs={"slug": mission.slug})
    except NoReverseMatch:
        apply_url = None
    assert (apply_url in body) if apply_url else ("/apply" not in body)


def test_similar_missions_share_the_domain_or_the_country(client):
    mission = Mission_(domain="health", country="SN")
    same_domain = Mission_(domain="health", country="PE")
    same_country = Mission_(domain="water", country="SN")
    Mission_(domain="water", country="PE")
    Mission_(domain="health", country="SN", status="closed")
    response = client.get(mission.get_absolute_url())
    assert set(response.context["similar"]) == {same_domain, same_country}


def test_similar_missions_put_the_same_domain_and_country_first_then_the_soonest(client, today):
    mission = Mission_(domain="health", country="SN")
    soon = today + timedelta(days=60)
    later = today + timedelta(days=120)
    country_only = Mission_(domain="water", country="SN", start_on=soon)
    domain_later = Mission_(domain="health", country="PE", start_on=later)
    domain_soon = Mission_(domain="health", country="PE", start_on=soon)
    both = Mission_(domain="health", country="SN", start_on=later)
    Mission_(domain="water", country="SN", start_on=later)  # the fifth: left out
    response = client.get(mission.get_absolute_url())
    assert response.context["similar"] == [both, domain_soon, domain_later, country_only]


# --- Saved missions -------------------------------------------------------------------------


def test_save_requires_login(client):
    mission = Mission_()
    response = client.post(reverse("missions:save", kwargs={"slug": mission.slug}))
    assert response.status_code == 302 and reverse("account_login") in response.url
    assert not SavedMission.objects.exists()


def test_save_is_post_only(client, volunteer):
    client.force_login(volunteer.user)
    mission = Mission_()
    assert client.get(reverse("missions:save", kwargs={"slug": mission.slug})).status_code == 405


def test_volunteer_saves_then_unsaves(client, volunteer):
    mission = Mission_()
    client.force_login(volunteer.user)
    response = client.post(reverse("missions:save", kwargs={"slug": mission.slug}))
    assert response.status_code == 302
    [(entry, paused)] = client.get(reverse("missions:saved")).context["saved"]
    assert entry.mission == mission and paused is None
    client.post(reverse("missions:unsave", kwargs={"slug": mission.slug}), {"next": "saved"})
    assert not volunteer.saved.exists()


def test_a_signed_in_user_without_profile_can_save(client, outsider):
    mission = Mission_()
    client.force_login(outsider)
    client.post(reverse("missions:save", kwargs={"slug": mission.slug}))
    assert outsider.volunteer.saved.count() == 1


def test_a_draft_cannot_be_saved_by_an_outsider(client, volunteer):
    mission = Mission_(status="draft")
    client.force_login(volunteer.user)
    assert client.post(reverse("missions:save", kwargs={"slug": mission.slug})).status_code == 404


def test_saved_page_shows_only_my_saved_missions(client, volunteer):
    mine, theirs = Mission_(title="La mienne"), Mission_(title="La leur")
    SavedMission.objects.create(volunteer=volunteer, mission=mine)
    SavedMission.objects.create(volunteer=VolunteerFactory(), mission=theirs)
    client.force_login(volunteer.user)
    body = client.get(reverse("missions:saved")).content.decode()
    assert "La mienne" in body and "La leur" not in body


def test_saved_page_requires_login(client):
    assert client.get(reverse("missions:saved")).status_code == 302


# --- "Missions I can apply to" on the page --------------------------------------------------


def test_eligible_filter_keeps_only_missions_i_can_apply_to(client, volunteer):
    ok = Mission_(country="SN")
    Mission_(country="FR", allowance_eur=900)  # French volunteer: reciprocity not met
    Mission_(country="RE", allowance_eur=900)
    client.force_login(volunteer.user)
    response = client.get(reverse("missions:search"), {"eligible": "1"})
    assert list(response.context["page"].object_list) == [ok]
    assert response.context["filtering_eligible"] is True


def test_eligible_filter_counts_prior_missions(client, volunteer, today):
    mission = Mission_(country="SN")
    PriorMission.objects.create(
        volunteer=volunteer,
        association_name="Ancienne",
        country="MA",
        start_on=mission.start_on - timedelta(days=10),
        end_on=mission.start_on,
    )
    client.force_login(volunteer.user)
    response = client.get(reverse("missions:search"), {"eligible": "1"})
    assert list(response.context["page"].object_list) == []


def test_eligible_filter_with_incomplete_profile_explains(client):
    volunteer = VolunteerFactory(birth_date=None)
    Mission_()
    client.force_login(volunteer.user)
    response = client.get(reverse("missions:search"), {"eligible": "1"})
    assert response.context["eligibility_notice"] == "incomplete"
    assert response.context["page"].paginator.count == 1


# --- Query budgets --------------------------------------------------------------------------


@pytest.mark.parametrize("signed_in", [False, True])
def test_search_runs_the_same_few_queries_for_1_and_50_results(
    client, django_assert_num_queries, volunteer, signed_in
):
    if signed_in:
        client.force_login(volunteer.user)
    params = {
        "q": "enseignant",
        "country": "SN",
        "domain": "teaching",
        "eligible": "1",
        "duration_min": 6,
        "allowance_min": 100,
        "language": "fr",
        "sort": "start",
    }
    first = Mission_()
    first.languages.set(["fr"])
    url = reverse("missions:search")
    queries = count_queries(client, url, params)
    assert queries <= SEARCH_BUDGET
    for mission in Mission_.create_batch(49):
        mission.languages.set(["fr"])
    with django_assert_num_queries(queries):
        response = client.get(url, {**params, "page": 2})
    assert len(response.context["page"].object_list) == 20
    assert response.context["page"].paginator.count == 50


def test_mission_page_stays_within_its_budget_with_no_similar_mission(client, volunteer, settings):
    """The worst case: each of the 3 groups of similar missions is read, and is empty."""
    settings.SEARCH_CACHE_SECONDS = 0  # the page computed in full, similar missions included
    mission = Mission_()
    mission.languages.set(["fr", "wo"])
    client.force_login(volunteer.user)
    assert count_queries(client, mission.get_absolute_url()) <= PAGE_BUDGET


def test_mission_page_reads_no_more_for_50_similar_missions(
    client, django_assert_max_num_queries, volunteer, settings
):
    settings.SEARCH_CACHE_SECONDS = 0
    mission = Mission_()
    mission.languages.set(["fr", "wo"])
    Mission_.create_batch(50, domain=mission.domain)
    client.force_login(volunteer.user)
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(mission.get_absolute_url())
    assert len(response.context["similar"]) == 4


def test_saved_page_runs_the_same_queries_for_1_and_50_missions(
    client, django_assert_num_queries, volunteer
):
    SavedMission.objects.create(volunteer=volunteer, mission=Mission_())
    client.force_login(volunteer.user)
    queries = count_queries(client, reverse("missions:saved"))
    for mission in Mission_.create_batch(49):
        SavedMission.objects.create(volunteer=volunteer, mission=mission)
    with django_assert_num_queries(queries):
        client.get(reverse("missions:saved"))


def test_pages_render_in_english(client, volunteer):
    from django.utils import translation

    mission = Mission_()
    client.force_login(volunteer.user)
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        search = client.get(reverse("missions:search"), HTTP_ACCEPT_LANGUAGE="en")
        page = client.get(mission.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert "mission found" in search.content.decode()
    assert "Can I apply?" in page.content.decode()


def test_the_sort_label_says_why_relevance_without_words_sorts_by_start_date(client):
    Mission_()
    client.cookies["django_language"] = "en"
    response = client.get(reverse("missions:search"), {"sort": "relevance"})
    assert response.context["sort"] == "start"
    assert "sorting by relevance needs words" in response.content.decode()


def test_the_country_list_carries_the_picker_words_for_its_script(client):
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("missions:search")).content.decode()
    assert 'data-country-picker=""' in page
    assert 'data-placeholder="Tapez le nom d’un pays"' in page
    assert "vendor/tom-select/tom-select.complete.min.js" in page


# --- The description's formatting ----------------------------------------------------------


def test_the_mission_page_shows_the_description_formatted(client):
    mission = Mission_(
        description="We **teach**:\n\n- reading\n- writing\n\n[Our site](https://example.org/)"
    )
    body = client.get(mission.get_absolute_url()).content.decode()
    assert "We <strong>teach</strong>:" in body
    assert "<ul>\n<li>reading</li>\n<li>writing</li>\n</ul>" in body
    assert '<a href="https://example.org/" rel="nofollow noopener">Our site</a>' in body


def test_the_mission_page_shows_no_html_typed_in_the_description(client):
    mission = Mission_(description="<script>alert(1)</script> [x](javascript:alert(1))")
    body = client.get(mission.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body
    assert 'href="javascript:' not in body
