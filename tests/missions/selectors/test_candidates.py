"""The bridge to the rules (missions/selectors/candidates.py): served periods, the 6-year
ledger, the Candidate."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from missions.selectors.candidates import (
    candidate_for,
    mission_contract,
    served_periods,
    verdict_for,
    volunteer_ledger,
    volunteer_with_history,
)
from tests.factories import (
    MissionFactory,
    VolunteerFactory,
)
from tests.missions.engagement import contract_for
from tests.volunteers.factories import PriorMissionFactory
from volunteers.models import Volunteer
from vsi_portal.eligibility import Period

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 15)


# --- Served periods: the one list the ledger and the rules read --------------------------------


def test_planned_contract_has_served_nothing():
    volunteer = VolunteerFactory()
    contract_for(volunteer, start=date(2027, 9, 1), end=date(2028, 8, 31), status="planned")
    assert served_periods(volunteer, today=TODAY) == []


def test_active_contract_has_served_from_its_start_to_today():
    volunteer = VolunteerFactory()
    contract_for(volunteer, start=date(2027, 1, 1), end=date(2027, 12, 31), status="active")
    assert served_periods(volunteer, today=TODAY) == [Period(date(2027, 1, 1), TODAY)]


def test_active_contract_past_its_end_counts_up_to_the_planned_end():
    volunteer = VolunteerFactory()
    contract_for(volunteer, start=date(2026, 1, 1), end=date(2026, 12, 31), status="active")
    assert served_periods(volunteer, today=TODAY) == [Period(date(2026, 1, 1), date(2026, 12, 31))]


def test_completed_contract_counts_to_its_planned_end():
    volunteer = VolunteerFactory()
    contract_for(volunteer, start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed")
    assert served_periods(volunteer, today=TODAY) == [Period(date(2025, 1, 1), date(2025, 12, 31))]


def test_contract_ended_early_counts_to_the_day_it_ended():
    volunteer = VolunteerFactory()
    contract_for(
        volunteer,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        status="ended_early",
        ended_on=date(2025, 6, 30),
    )
    assert served_periods(volunteer, today=TODAY) == [Period(date(2025, 1, 1), date(2025, 6, 30))]


def test_contract_ending_early_while_the_notice_runs_counts_to_today():
    volunteer = VolunteerFactory()
    contract_for(
        volunteer,
        start=date(2027, 1, 1),
        end=date(2027, 12, 31),
        status="ended_early",
        ended_on=date(2027, 7, 31),
    )
    assert served_periods(volunteer, today=TODAY) == [Period(date(2027, 1, 1), TODAY)]


def test_served_periods_add_contracts_to_declared_missions_and_can_leave_one_out():
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer, start_on=date(2018, 1, 1), end_on=date(2018, 12, 31))
    contract = contract_for(
        volunteer, start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed"
    )
    assert served_periods(volunteer, today=TODAY) == [
        Period(date(2018, 1, 1), date(2018, 12, 31)),
        Period(date(2025, 1, 1), date(2025, 12, 31)),
    ]
    assert candidate_for(volunteer, exclude_contract_pk=contract.pk).prior_missions == (
        Period(date(2018, 1, 1), date(2018, 12, 31)),
    )


def test_another_volunteers_contract_is_not_counted():
    contract_for(
        VolunteerFactory(), start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed"
    )
    assert served_periods(VolunteerFactory(), today=TODAY) == []


def test_ledger_counts_the_days_served_through_the_portal():
    volunteer = VolunteerFactory()
    contract_for(volunteer, start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed")
    assert volunteer_ledger(volunteer).days_served == 365


def test_dashboard_ledger_reads_the_contracts(client):
    volunteer = VolunteerFactory()
    contract_for(volunteer, start=date(2025, 1, 1), end=date(2025, 1, 10), status="completed")
    client.force_login(volunteer.user)
    assert client.get(reverse("volunteers:dashboard")).context["ledger"].days_served == 10


def test_rules_see_the_contract_days_as_prior_service():
    volunteer = VolunteerFactory()
    contract_for(volunteer, start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed")
    candidate = candidate_for(volunteer)
    assert Period(date(2025, 1, 1), date(2025, 12, 31)) in candidate.prior_missions


def test_served_periods_of_an_unsaved_profile_are_empty():
    assert served_periods(Volunteer(), today=TODAY) == []


# --- One verdict for every page and service ---------------------------------------------------


def test_a_planned_contract_counts_for_its_whole_period():
    volunteer = VolunteerFactory()
    contract_for(volunteer, start=date(2027, 9, 1), end=date(2028, 8, 31), status="planned")
    candidate = candidate_for(volunteer)
    assert candidate.prior_missions == (Period(date(2027, 9, 1), date(2028, 8, 31)),)


def test_a_contract_ended_early_counts_to_its_last_day():
    volunteer = VolunteerFactory()
    contract_for(
        volunteer,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        status="ended_early",
        ended_on=date(2026, 6, 30),
    )
    assert candidate_for(volunteer).prior_missions == (Period(date(2026, 1, 1), date(2026, 6, 30)),)


def test_verdict_for_an_incomplete_profile_names_the_missing_facts():
    volunteer = VolunteerFactory(birth_date=None, residence="")
    judged = verdict_for(volunteer=volunteer, contract=mission_contract(MissionFactory()))
    assert judged.verdict is None
    assert not judged.eligible
    assert set(judged.missing_facts) == {"birth_date", "residence"}


def test_verdict_for_an_eligible_volunteer_has_no_reason():
    judged = verdict_for(volunteer=VolunteerFactory(), contract=mission_contract(MissionFactory()))
    assert judged.eligible
    assert judged.reason_texts == ()


def test_verdict_for_words_every_reason_of_the_rules():
    senegalese = VolunteerFactory(nationalities=["SN"], residence="SN")
    judged = verdict_for(volunteer=senegalese, contract=mission_contract(MissionFactory()))
    assert not judged.eligible
    assert len(judged.reason_texts) == len(judged.verdict.reasons) == 2
    assert all(isinstance(text, str) and text for text in judged.reason_texts)


def test_a_planned_contract_makes_an_overlapping_mission_ineligible_on_the_page_too():
    volunteer = VolunteerFactory()
    mission = MissionFactory()
    contract_for(volunteer, start=mission.start_on, end=mission.end_on, status="planned")
    judged = verdict_for(volunteer=volunteer, contract=mission_contract(mission))
    assert "OVERLAPS_PRIOR_MISSION" in judged.verdict.reasons


def test_the_contract_being_checked_can_be_left_out():
    volunteer = VolunteerFactory()
    mission = MissionFactory()
    contract = contract_for(volunteer, start=mission.start_on, end=mission.end_on, status="planned")
    judged = verdict_for(
        volunteer=volunteer,
        contract=mission_contract(mission),
        exclude_contract_pk=contract.pk,
    )
    assert judged.eligible


def test_volunteer_with_history_reads_the_rules_facts_in_three_queries(
    django_assert_num_queries,
):
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer, start_on=date(2018, 1, 1), end_on=date(2018, 6, 30))
    contract_for(volunteer, start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed")
    with django_assert_num_queries(3):
        loaded = volunteer_with_history(volunteer.user)
        candidate_for(loaded)
        served_periods(loaded)
