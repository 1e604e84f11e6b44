"""A visitor's "Am I eligible?" answers (volunteers/answers.py): kept in the session as
JSON, read back as the profile's facts, judged like a profile, carried into the profile
made at sign-up."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missions.selectors.candidates import candidate_for
from tests.factories import UserFactory
from volunteers.answers import (
    SESSION_KEY,
    answers_forget,
    answers_keep,
    answers_of,
    answers_volunteer,
)
from volunteers.forms import EligibilityAnswersForm
from volunteers.models import Volunteer
from volunteers.services import volunteer_update_profile
from vsi_portal.eligibility import Candidate, Contract, Leave, check

COUNTRIES = "FR DE SN MA GB CH US RE GL PF BR KH DK NO".split()
TODAY = date(2026, 12, 5)


def _form_data(**facts) -> dict:
    data = {
        "birth_date": "1998-04-02",
        "nationalities": ["SN"],
        "residence": "FR",
        "leave_kind": "",
    }
    data.update(facts)
    return {key: value for key, value in data.items() if value is not False}


def _kept(data: dict) -> dict:
    """The session, as the JSON serializer would store it, after a valid form."""
    form = EligibilityAnswersForm(data, instance=Volunteer())
    assert form.is_valid(), form.errors
    session: dict = {}
    answers_keep(session, form.cleaned_data)
    return json.loads(json.dumps(session))


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY)


def test_the_answers_are_kept_as_iso_dates_and_codes(db):
    session = _kept(
        _form_data(
            employed="on", leave_kind="sabbatical", leave_start="2027-01-01", leave_end="2028-06-30"
        )
    )
    assert session[SESSION_KEY] == {
        "birth_date": "1998-04-02",
        "nationalities": ["SN"],
        "residence": "FR",
        "employed": True,
        "leave_kind": "sabbatical",
        "leave_start": "2027-01-01",
        "leave_end": "2028-06-30",
        "other_activity": False,
    }


def test_the_answers_read_back_as_an_unsaved_profile(db):
    volunteer = answers_volunteer(_kept(_form_data()))
    assert volunteer.pk is None
    assert volunteer.birth_date == date(1998, 4, 2)
    assert [country.code for country in volunteer.nationalities] == ["SN"]


def test_answers_edited_by_hand_are_forgotten_not_judged():
    session = {
        SESSION_KEY: {"birth_date": "1998-04-02", "nationalities": ["sn"], "residence": "FR"}
    }
    assert answers_of(session) is None
    assert SESSION_KEY not in session


def test_forgetting_twice_is_harmless():
    session: dict = {}
    answers_forget(session)
    answers_forget(session)
    assert session == {}


def test_the_form_asks_for_the_three_facts_the_rules_cannot_do_without(db):
    form = EligibilityAnswersForm({}, instance=Volunteer())
    assert not form.is_valid()
    assert {"birth_date", "nationalities", "residence"} <= set(form.errors)


def test_the_form_refuses_a_leave_without_employment_like_the_profile(db):
    form = EligibilityAnswersForm(
        _form_data(leave_kind="sabbatical", leave_start="2027-01-01", leave_end="2027-12-31"),
        instance=Volunteer(),
    )
    assert not form.is_valid()
    assert "leave_kind" in form.errors


# --- The answers equal eligibility.check --------------------------------------------------

births = st.dates(date(1926, 12, 6), date(2010, 12, 5))
mission_days = st.integers(0, 1500).map(lambda n: TODAY + timedelta(days=n))


@st.composite
def facts(draw):
    employed = draw(st.booleans())
    leave = None
    if employed and draw(st.booleans()):
        start = draw(mission_days)
        leave = Leave(
            draw(st.sampled_from(["sabbatical", "solidarity"])),
            start,
            start + timedelta(days=draw(st.integers(0, 900))),
        )
    return Candidate(
        birth_date=draw(births),
        nationalities=draw(st.frozensets(st.sampled_from(COUNTRIES), min_size=1, max_size=3)),
        residence=draw(st.sampled_from(COUNTRIES)),
        employed=employed,
        leave=leave,
        other_activity=draw(st.booleans()),
    )


@st.composite
def contracts(draw):
    start = draw(mission_days)
    return Contract(
        country=draw(st.sampled_from(COUNTRIES)),
        start=start,
        end=start + timedelta(days=draw(st.integers(0, 800))),
        min_age=draw(st.sampled_from([18, 21, 25])),
        organisation_approved=draw(st.booleans()),
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(candidate=facts(), contract_list=st.lists(contracts(), min_size=1, max_size=5))
def test_the_answers_judged_equal_check_on_the_same_facts(db, candidate, contract_list):
    data = _form_data(
        birth_date=candidate.birth_date.isoformat(),
        nationalities=sorted(candidate.nationalities),
        residence=candidate.residence,
        employed="on" if candidate.employed else False,
        other_activity="on" if candidate.other_activity else False,
        leave_kind=candidate.leave.kind if candidate.leave else "",
        leave_start=candidate.leave.start.isoformat() if candidate.leave else "",
        leave_end=candidate.leave.end.isoformat() if candidate.leave else "",
    )
    form = EligibilityAnswersForm(data, instance=Volunteer())
    if not form.is_valid():
        # Only a birth date the profile refuses too (under 16 or over 100 today).
        assert set(form.errors) == {"birth_date"}
        return
    session: dict = {}
    answers_keep(session, form.cleaned_data)
    judged = candidate_for(answers_volunteer(json.loads(json.dumps(session))))
    assert judged == candidate
    for contract in contract_list:
        assert check(judged, contract) == check(candidate, contract)


# --- Sign-up ----------------------------------------------------------------------------


def test_the_profile_service_takes_the_answers_as_they_are_read(db):
    user = UserFactory()
    answers = answers_of(_kept(_form_data(other_activity="on")))
    volunteer = volunteer_update_profile(user=user, data=answers)
    volunteer.refresh_from_db()
    assert volunteer.residence.code == "FR"
    assert volunteer.other_activity is True
