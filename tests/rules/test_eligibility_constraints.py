"""Eligibility's building blocks shared with the mission search (``candidate_constraints``,
``contract_reasons``), and malformed facts raising ``ValueError``."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from tests.rules.worked_case import D, R, candidate, contract, verdict
from vsi_portal.eligibility import (
    CandidateConstraints,
    Contract,
    Leave,
    LeaveKind,
    Period,
    candidate_constraints,
    check,
    contract_reasons,
)
from vsi_portal.geography import EEA

# --- The building blocks the mission search shares with check -------------------------------


def test_constraints_block_an_employee_without_leave() -> None:
    assert candidate_constraints(candidate(employed=True)).blocked


def test_constraints_block_another_professional_activity() -> None:
    assert candidate_constraints(candidate(other_activity=True)).blocked


def test_constraints_do_not_block_an_employee_on_leave() -> None:
    leave = Leave("sabbatical", D(2025, 1, 1), D(2026, 12, 31))
    constraints = candidate_constraints(candidate(employed=True, leave=leave))
    assert (constraints.blocked, constraints.leave_window) == (
        False,
        Period(D(2025, 1, 1), D(2026, 12, 31)),
    )


def test_constraints_have_no_leave_window_when_not_employed() -> None:
    leave = Leave("sabbatical", D(2025, 1, 1), D(2026, 12, 31))
    assert candidate_constraints(candidate(leave=leave)).leave_window is None


def test_french_resident_of_france_is_excluded_from_the_eea_and_france() -> None:
    assert candidate_constraints(candidate()).excluded_states == EEA


def test_senegalese_resident_of_senegal_is_excluded_from_senegal_and_the_eea_but_france() -> None:
    who = candidate(nationalities=frozenset({"SN"}), residence="SN")
    assert candidate_constraints(who).excluded_states == (EEA - {"FR"}) | {"SN"}


def test_territories_in_the_facts_are_judged_as_their_states() -> None:
    who = candidate(nationalities=frozenset({"GL"}), residence="AW")
    constraints = candidate_constraints(who)
    assert (constraints.nationality_states, constraints.residence_state) == ({"DK"}, "NL")


def test_earliest_start_for_age_is_the_birthday_of_that_age() -> None:
    constraints = candidate_constraints(candidate(birth_date=D(2008, 2, 29)))
    assert [constraints.earliest_start_for_age(age) for age in (17, 18, 20)] == [
        D(2026, 3, 1),
        D(2026, 3, 1),
        D(2028, 2, 29),
    ]


def test_days_left_subtract_distinct_days_served() -> None:
    prior = (Period(D(2014, 1, 1), D(2015, 12, 31)), Period(D(2015, 1, 1), D(2015, 1, 31)))
    assert candidate_constraints(candidate(prior_missions=prior)).days_left == 2191 - 730


def test_constraints_are_a_frozen_dataclass() -> None:
    constraints = candidate_constraints(candidate())
    assert isinstance(constraints, CandidateConstraints)
    with pytest.raises(AttributeError):
        constraints.days_left = 0  # type: ignore[misc]


def test_constraints_are_derived_once_per_candidate() -> None:
    who = candidate()
    assert candidate_constraints(who) is candidate_constraints(who)


def test_kept_constraints_leave_equality_hash_and_repr_alone() -> None:
    checked, fresh = candidate(), candidate()
    check(checked, contract())
    assert (checked, hash(checked), repr(checked)) == (fresh, hash(fresh), repr(fresh))


def test_contract_reasons_list_the_mission_only_reasons_in_order() -> None:
    mission = contract(country="DE", end=D(2027, 9, 1), organisation_approved=False)
    assert contract_reasons(mission) == (
        R.ORGANISATION_NOT_APPROVED,
        R.EU_EEA_DESTINATION,
        R.CONTRACT_OVER_2_YEARS,
    )


def test_contract_reasons_are_empty_for_a_valid_mission() -> None:
    assert contract_reasons(contract()) == ()


# --- Malformed facts raise ValueError naming the field --------------------------------------

MALFORMED = [
    pytest.param(lambda: contract(end=D(2025, 8, 31)), r"Contract\.end", id="contract-end"),
    pytest.param(lambda: contract(country="sn"), r"Contract\.country.*'SN'", id="lower-country"),
    pytest.param(lambda: contract(country="XX"), r"Contract\.country", id="unknown-country"),
    pytest.param(lambda: contract(country="UK"), r"Contract\.country", id="reserved-code"),
    pytest.param(lambda: contract(country=None), r"Contract\.country", id="no-country"),
    pytest.param(lambda: contract(start="2025-09-01"), r"Contract\.start", id="string-start"),
    pytest.param(
        lambda: contract(start=datetime(2025, 9, 1)), r"Contract\.start", id="datetime-start"
    ),
    pytest.param(lambda: contract(min_age=17), r"Contract\.min_age", id="min-age-17"),
    pytest.param(lambda: contract(min_age="21"), r"Contract\.min_age", id="min-age-text"),
    pytest.param(lambda: contract(min_age=True), r"Contract\.min_age", id="min-age-bool"),
    pytest.param(
        lambda: candidate(nationalities=frozenset({"fr"})),
        r"Candidate\.nationalities: 'fr' is not an upper-case ISO 3166-1 alpha-2 code",
        id="lower-nationality",
    ),
    pytest.param(
        lambda: candidate(nationalities=frozenset({"FR", "ZZ"})),
        r"Candidate\.nationalities",
        id="unknown-nationality",
    ),
    pytest.param(
        lambda: candidate(nationalities=frozenset()), r"Candidate\.nationalities", id="none"
    ),
    pytest.param(lambda: candidate(nationalities="FR"), r"Candidate\.nationalities", id="str"),
    pytest.param(lambda: candidate(residence="fr"), r"Candidate\.residence", id="lower-residence"),
    pytest.param(lambda: candidate(residence=""), r"Candidate\.residence", id="empty-residence"),
    pytest.param(lambda: candidate(birth_date=None), r"Candidate\.birth_date", id="no-birth"),
    pytest.param(
        lambda: candidate(leave=(D(2025, 1, 1), D(2025, 2, 1))), r"Candidate\.leave", id="leave"
    ),
    pytest.param(
        lambda: candidate(prior_missions=((D(2025, 2, 1), D(2025, 1, 1)),)),
        r"Candidate\.prior_missions\[0\].*Period\.end",
        id="prior-backwards",
    ),
    pytest.param(
        lambda: candidate(prior_missions=(Period(D(2020, 1, 1), D(2020, 2, 1)), "2021")),
        r"Candidate\.prior_missions\[1\]",
        id="prior-not-a-period",
    ),
    pytest.param(
        lambda: Leave("solidarity", D(2025, 9, 1), D(2025, 8, 31)), r"Leave\.end", id="leave-end"
    ),
    pytest.param(
        lambda: Leave("parental", D(2025, 9, 1), D(2026, 8, 31)), r"Leave\.kind", id="leave-kind"
    ),
    pytest.param(lambda: Period(D(2025, 9, 2), D(2025, 9, 1)), r"Period\.end", id="period-end"),
    pytest.param(lambda: check(candidate(), None), r"contract", id="no-contract"),
]


@pytest.mark.parametrize(("build", "field"), MALFORMED)
def test_malformed_fact_raises_value_error_naming_the_field(build: Any, field: str) -> None:
    with pytest.raises(ValueError, match=field):
        build()


def test_malformed_contract_raises_inside_check() -> None:
    with pytest.raises(ValueError, match=r"Contract\.end is before Contract\.start"):
        check(candidate(), Contract("SN", D(2025, 9, 1), D(2025, 8, 31)))


def test_one_day_contract_is_well_formed() -> None:
    assert verdict(end=D(2025, 9, 1)).eligible


def test_leave_kind_is_kept_as_its_code() -> None:
    leave = Leave("sabbatical", D(2025, 1, 1), D(2025, 12, 31))
    assert (leave.kind, leave.kind == "sabbatical") == (LeaveKind.SABBATICAL, True)


def test_nationalities_given_as_a_list_become_a_frozenset() -> None:
    assert candidate(nationalities=["SN", "FR", "SN"]).nationalities == frozenset({"SN", "FR"})


def test_facts_are_frozen() -> None:
    with pytest.raises(AttributeError):
        replace(contract()).country = "KH"  # type: ignore[misc]
