""" "Am I eligible?" without an account (missions/views/eligibility.py): the answers stay in
the session, nothing is stored, the answer uses the rules' own words, and who sees what."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import VolunteerFactory
from tests.missions.factories import IndexedMissionFactory as Mission_
from volunteers.answers import SESSION_KEY
from vsi_portal.eligibility import Reason
from vsi_portal.explanations import explain_reason

pytestmark = pytest.mark.django_db

PAGE = reverse("missions:eligibility")
FORGET = reverse("missions:eligibility_forget")
FRENCH_IN_FRANCE = {
    "birth_date": "1998-04-02",
    "nationalities": ["FR"],
    "residence": "FR",
    "leave_kind": "",
}


def _answer(client: Client, **facts):
    return client.post(PAGE, {**FRENCH_IN_FRANCE, **facts})


def _row_counts() -> dict[str, int]:
    """Rows of every model but the sessions (where the answers live, by design)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"
    }


def test_a_visitor_sees_the_questions(client):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "answer" not in response.context
    assert response.context["form"].fields["birth_date"].required


def test_answering_keeps_the_answers_in_the_session_and_shows_the_answer(client):
    response = _answer(client)
    assert response.status_code == 302
    assert response.url == PAGE + "#answer"
    assert client.session[SESSION_KEY]["nationalities"] == ["FR"]
    page = client.get(PAGE)
    assert page.context["answered"] is True
    assert page.context["answer"] is not None


def test_answering_writes_nothing_to_the_database(client):
    Mission_()
    before = _row_counts()
    with CaptureQueriesContext(connection) as queries:
        _answer(
            client,
            employed="on",
            leave_kind="solidarity",
            leave_start="2027-01-01",
            leave_end="2028-12-31",
        )
        client.get(PAGE)
        client.get(reverse("missions:search"))
        client.post(FORGET)
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in query["sql"]
    ]
    assert writes == []
    assert _row_counts() == before


def test_a_refused_answer_shows_the_error_and_keeps_nothing(client):
    response = _answer(client, birth_date="2099-01-01")
    assert response.status_code == 400
    assert "birth_date" in response.context["form"].errors
    assert SESSION_KEY not in client.session


def test_the_answer_uses_the_rules_own_words_for_each_closed_destination(client):
    _answer(client)
    answer = client.get(PAGE).context["answer"]
    france = next(group for group in answer.closed if group.france)
    assert explain_reason(Reason.NATIONALITY_COUNTRY) in france.texts
    assert explain_reason(Reason.RESIDENCE_COUNTRY) in france.texts
    assert explain_reason(Reason.FRANCE_RECIPROCITY_NOT_MET) in france.texts
    europe = next(group for group in answer.closed if "Allemagne" in group.countries)
    assert europe.texts == (explain_reason(Reason.EU_EEA_DESTINATION),)
    assert [group.france for group in answer.open] == [False]
    assert "Sénégal" in answer.open[0].countries


def test_france_is_open_to_a_senegalese_living_in_senegal_but_not_senegal(client):
    _answer(client, nationalities=["SN"], residence="SN")
    answer = client.get(PAGE).context["answer"]
    closed = {group.title: group.texts for group in answer.closed}
    assert closed["Sénégal"] == (
        explain_reason(Reason.NATIONALITY_COUNTRY),
        explain_reason(Reason.RESIDENCE_COUNTRY),
    )
    assert any(group.france for group in answer.open)


def test_an_employee_without_leave_is_told_no_mission_is_open_for_now(client):
    _answer(client, employed="on")
    answer = client.get(PAGE).context["answer"]
    assert answer.blocked
    assert answer.person_texts == (explain_reason(Reason.EMPLOYED),)


def test_the_answer_counts_the_open_missions_the_visitor_can_apply_to(client):
    Mission_(country="SN")
    Mission_(country="FR", allowance_eur=900)  # reciprocity not met for a French national
    _answer(client)
    assert client.get(PAGE).context["mission_count"] == 1


def test_forgetting_the_answers_is_post_only_and_empties_the_session(client):
    _answer(client)
    assert client.get(FORGET).status_code == 405
    response = client.post(FORGET)
    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_one_visitors_answers_are_never_anothers(client):
    _answer(client)
    other = Client()
    response = other.get(PAGE)
    assert "answer" not in response.context
    assert SESSION_KEY not in other.session


def test_a_volunteer_sees_the_answer_from_their_profile(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.context["from_profile"] is True
    assert "form" not in response.context
    assert response.context["answer"] is not None


def test_a_signed_in_person_without_profile_is_told_what_is_missing(client, other_staff):
    client.force_login(other_staff)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "answer" not in response.context
    assert response.context["missing_facts"]


def test_a_signed_in_person_cannot_post_answers_into_the_session(client, volunteer):
    client.force_login(volunteer.user)
    _answer(client, nationalities=["SN"])
    assert SESSION_KEY not in client.session


def test_the_page_renders_in_english(client):
    client.cookies["django_language"] = "en"
    _answer(client)
    content = client.get(PAGE).content.decode()
    assert "Destinations open to you" in content
    assert "France, overseas included" in content
