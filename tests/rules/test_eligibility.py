"""Eligibility: the worked cases of vsi-rules.md, the order of the codes, each rule's boundaries."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.rules.worked_case import D, R, W, candidate, contract, verdict
from vsi_portal.eligibility import (
    RULES,
    Leave,
    Period,
    Reason,
    Warning,
    check,
)

# --- The worked cases of vsi-rules.md -------------------------------------------------------

WORKED_CASES = [
    pytest.param({}, {}, (), (), id="1-none"),
    pytest.param({"birth_date": D(2007, 9, 2)}, {}, (R.UNDER_18,), (), id="2-under-18"),
    pytest.param(
        {"birth_date": D(2005, 3, 15)}, {"min_age": 21}, (R.BELOW_MIN_AGE,), (), id="5-min-age"
    ),
    pytest.param(
        {"nationalities": frozenset({"SN"})}, {}, (R.NATIONALITY_COUNTRY,), (), id="7-nationality"
    ),
    pytest.param({"residence": "KH"}, {"country": "KH"}, (R.RESIDENCE_COUNTRY,), (), id="9-res"),
    pytest.param(
        {}, {"country": "DE"}, (R.EU_EEA_DESTINATION,), (W.EUROPEAN_SOLIDARITY_CORPS,), id="10-de"
    ),
    pytest.param(
        {"nationalities": frozenset({"SN"}), "residence": "SN"},
        {"country": "FR"},
        (),
        (),
        id="14-sn-in-france",
    ),
    pytest.param(
        {"nationalities": frozenset({"MA"}), "residence": "FR"},
        {"country": "FR"},
        (R.RESIDENCE_COUNTRY,),
        (),
        id="16-ma-living-in-france",
    ),
    pytest.param(
        {"nationalities": frozenset({"DE"}), "residence": "DE"},
        {"country": "FR"},
        (R.FRANCE_RECIPROCITY_NOT_MET,),
        (W.EUROPEAN_SOLIDARITY_CORPS,),
        id="17-de-in-france",
    ),
    pytest.param({"employed": True}, {}, (R.EMPLOYED,), (), id="19-employed"),
    pytest.param(
        {"employed": True, "leave": Leave("solidarity", D(2025, 9, 1), D(2026, 2, 28))},
        {},
        (R.LEAVE_DOES_NOT_COVER_CONTRACT,),
        (),
        id="21-short-leave",
    ),
    pytest.param({}, {"end": D(2027, 8, 31)}, (), (), id="24-two-years"),
    pytest.param({}, {"end": D(2027, 9, 1)}, (R.CONTRACT_OVER_2_YEARS,), (), id="25-over-2y"),
    pytest.param(
        {"prior_missions": (Period(D(2024, 9, 1), D(2025, 9, 30)),)},
        {},
        (R.OVERLAPS_PRIOR_MISSION,),
        (),
        id="28-overlap",
    ),
]


@pytest.mark.parametrize(("who", "mission", "reasons", "warnings"), WORKED_CASES)
def test_worked_case_gives_the_specified_verdict(
    who: dict[str, Any], mission: dict[str, Any], reasons: tuple, warnings: tuple
) -> None:
    result = verdict(who, **mission)
    assert (result.eligible, result.reasons, result.warnings) == (not reasons, reasons, warnings)


def test_codes_are_the_specified_strings() -> None:
    result = verdict({"nationalities": frozenset({"DE"}), "residence": "DE"}, country="FR")
    assert result.reasons == ("FRANCE_RECIPROCITY_NOT_MET",)
    assert result.warnings == ("EUROPEAN_SOLIDARITY_CORPS",)


# --- Order of the codes ---------------------------------------------------------------------

SPEC_REASON_ORDER = [
    "UNDER_18",
    "BELOW_MIN_AGE",
    "EMPLOYED",
    "LEAVE_DOES_NOT_COVER_CONTRACT",
    "OTHER_PROFESSIONAL_ACTIVITY",
    "ORGANISATION_NOT_APPROVED",
    "NATIONALITY_COUNTRY",
    "RESIDENCE_COUNTRY",
    "EU_EEA_DESTINATION",
    "FRANCE_RECIPROCITY_NOT_MET",
    "CONTRACT_OVER_2_YEARS",
    "LIFETIME_CAP_EXCEEDED",
    "OVERLAPS_PRIOR_MISSION",
]


def test_reason_members_follow_the_specification_table() -> None:
    assert [member.value for member in Reason] == SPEC_REASON_ORDER


def test_rules_run_in_the_specification_order() -> None:
    assert [code for code, _rule in RULES] == SPEC_REASON_ORDER


def test_warning_members_follow_the_specification() -> None:
    assert [member.value for member in Warning] == [
        "EUROPEAN_SOLIDARITY_CORPS",
        "EU_NATIONAL_IN_FRANCE",
        "OVERSEAS_COLLECTIVITY",
    ]


def test_every_failing_rule_is_reported_in_table_order() -> None:
    who = candidate(
        birth_date=D(2010, 1, 1),
        nationalities=frozenset({"FR"}),
        residence="FR",
        employed=True,
        other_activity=True,
        prior_missions=(Period(D(2019, 1, 1), D(2025, 9, 1)),),
    )
    mission = contract(country="RE", end=D(2027, 9, 1), organisation_approved=False)
    assert check(who, mission).reasons == (
        R.UNDER_18,
        R.EMPLOYED,
        R.OTHER_PROFESSIONAL_ACTIVITY,
        R.ORGANISATION_NOT_APPROVED,
        R.NATIONALITY_COUNTRY,
        R.RESIDENCE_COUNTRY,
        R.FRANCE_RECIPROCITY_NOT_MET,
        R.CONTRACT_OVER_2_YEARS,
        R.LIFETIME_CAP_EXCEEDED,
        R.OVERLAPS_PRIOR_MISSION,
    )


def test_eu_eea_destination_comes_before_over_2_years() -> None:
    result = verdict(country="IT", end=D(2027, 9, 1))
    assert result.reasons == (R.EU_EEA_DESTINATION, R.CONTRACT_OVER_2_YEARS)


# --- R1, R2: age at the contract's start ----------------------------------------------------


@pytest.mark.parametrize(
    ("start", "reasons"),
    [
        (D(2025, 9, 1), (R.UNDER_18,)),  # the day before the 18th birthday
        (D(2025, 9, 2), ()),  # the 18th birthday
        (D(2025, 9, 3), ()),  # the day after
    ],
)
def test_adult_from_the_18th_birthday(start: date, reasons: tuple) -> None:
    result = verdict({"birth_date": D(2007, 9, 2)}, start=start, end=D(2026, 8, 31))
    assert result.reasons == reasons


@pytest.mark.parametrize(
    ("start", "reasons"),
    [
        (D(2026, 2, 28), (R.UNDER_18,)),
        (D(2026, 3, 1), ()),
    ],
)
def test_born_on_29_february_turns_18_on_1_march_of_a_non_leap_year(
    start: date, reasons: tuple
) -> None:
    result = verdict({"birth_date": D(2008, 2, 29)}, start=start, end=D(2026, 12, 31))
    assert result.reasons == reasons


@pytest.mark.parametrize(
    ("start", "reasons"),
    [
        (D(2028, 2, 28), (R.BELOW_MIN_AGE,)),
        (D(2028, 2, 29), ()),
    ],
)
def test_born_on_29_february_reaches_min_age_on_29_february_of_a_leap_year(
    start: date, reasons: tuple
) -> None:
    result = verdict({"birth_date": D(2008, 2, 29)}, start=start, end=D(2028, 12, 31), min_age=20)
    assert result.reasons == reasons


@pytest.mark.parametrize(
    ("start", "reasons"),
    [
        (D(2025, 9, 1), (R.BELOW_MIN_AGE,)),  # the day before the 21st birthday
        (D(2025, 9, 2), ()),
        (D(2025, 9, 3), ()),
    ],
)
def test_min_age_is_reached_on_that_birthday(start: date, reasons: tuple) -> None:
    result = verdict({"birth_date": D(2004, 9, 2)}, start=start, end=D(2026, 8, 31), min_age=21)
    assert result.reasons == reasons


def test_under_18_is_reported_without_below_min_age() -> None:
    assert verdict({"birth_date": D(2010, 1, 1)}, min_age=25).reasons == (R.UNDER_18,)


def test_min_age_18_adds_nothing_to_the_adult_rule() -> None:
    assert verdict({"birth_date": D(2007, 9, 1)}, min_age=18).eligible


# --- R4: employment, leave, other activity --------------------------------------------------


def test_employed_with_leave_spanning_the_contract_is_eligible() -> None:
    leave = Leave("sabbatical", D(2025, 9, 1), D(2026, 8, 31))
    assert verdict({"employed": True, "leave": leave}).eligible


@pytest.mark.parametrize(
    ("leave_start", "leave_end"),
    [
        (D(2025, 9, 2), D(2026, 8, 31)),  # starts a day late
        (D(2025, 9, 1), D(2026, 8, 30)),  # ends a day early
    ],
)
def test_leave_one_day_short_does_not_cover_the_contract(
    leave_start: date, leave_end: date
) -> None:
    leave = Leave("solidarity", leave_start, leave_end)
    assert verdict({"employed": True, "leave": leave}).reasons == (R.LEAVE_DOES_NOT_COVER_CONTRACT,)


def test_leave_of_someone_not_employed_is_ignored() -> None:
    leave = Leave("solidarity", D(2020, 1, 1), D(2020, 1, 2))
    assert verdict({"leave": leave}).eligible


def test_other_professional_activity_is_a_reason() -> None:
    assert verdict({"other_activity": True}).reasons == (R.OTHER_PROFESSIONAL_ACTIVITY,)


# --- R5 to R9: organisation and countries ---------------------------------------------------


def test_unapproved_organisation_is_a_reason() -> None:
    assert verdict(organisation_approved=False).reasons == (R.ORGANISATION_NOT_APPROVED,)


@pytest.mark.parametrize("country", ["CH", "GB", "US", "MA"])
def test_switzerland_uk_and_others_are_outside_the_eea(country: str) -> None:
    assert verdict(country=country).eligible


@pytest.mark.parametrize("country", ["DE", "IT", "IS", "LI", "NO", "GL", "AW", "AX", "SJ"])
def test_eea_destination_or_its_territory_is_refused(country: str) -> None:
    result = verdict(country=country)
    assert result.reasons == (R.EU_EEA_DESTINATION,)
    assert result.warnings == (W.EUROPEAN_SOLIDARITY_CORPS,)


def test_territory_of_a_nationality_state_is_that_state() -> None:
    result = verdict({"nationalities": frozenset({"DK"}), "residence": "SN"}, country="GL")
    assert result.reasons == (R.NATIONALITY_COUNTRY, R.EU_EEA_DESTINATION)


def test_french_overseas_department_is_france_for_a_french_resident() -> None:
    result = verdict(country="RE")
    assert result.reasons == (
        R.NATIONALITY_COUNTRY,
        R.RESIDENCE_COUNTRY,
        R.FRANCE_RECIPROCITY_NOT_MET,
    )
    assert result.warnings == (W.EUROPEAN_SOLIDARITY_CORPS,)


def test_residence_in_a_territory_is_residence_in_its_state() -> None:
    result = verdict({"nationalities": frozenset({"SN"}), "residence": "NC"}, country="GP")
    assert result.reasons == (R.RESIDENCE_COUNTRY,)


def test_eea_national_living_outside_the_eea_meets_reciprocity() -> None:
    result = verdict({"nationalities": frozenset({"DE"}), "residence": "SN"}, country="FR")
    assert result.eligible
    assert result.warnings == (W.EU_NATIONAL_IN_FRANCE,)


def test_second_nationality_outside_the_eea_meets_reciprocity() -> None:
    who = {"nationalities": frozenset({"DE", "SN"}), "residence": "DE"}
    assert verdict(who, country="FR").warnings == (W.EU_NATIONAL_IN_FRANCE,)


def test_swiss_national_living_in_switzerland_may_go_to_france_without_warning() -> None:
    result = verdict({"nationalities": frozenset({"CH"}), "residence": "CH"}, country="FR")
    assert (result.eligible, result.warnings) == (True, ())


@pytest.mark.parametrize("country", ["PF", "NC", "WF"])
def test_overseas_collectivity_is_flagged_when_eligible(country: str) -> None:
    result = verdict({"nationalities": frozenset({"SN"}), "residence": "SN"}, country=country)
    assert (result.eligible, result.warnings) == (True, (W.OVERSEAS_COLLECTIVITY,))


def test_both_france_warnings_come_in_order() -> None:
    who = {"nationalities": frozenset({"SN", "IT"}), "residence": "SN"}
    assert verdict(who, country="NC").warnings == (
        W.EU_NATIONAL_IN_FRANCE,
        W.OVERSEAS_COLLECTIVITY,
    )


@pytest.mark.parametrize("country", ["RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF", "TF"])
def test_other_french_territories_are_not_overseas_collectivities(country: str) -> None:
    result = verdict({"nationalities": frozenset({"SN"}), "residence": "SN"}, country=country)
    assert (result.eligible, result.warnings) == (True, ())


def test_france_warnings_are_not_given_when_ineligible() -> None:
    who = {"nationalities": frozenset({"SN", "IT"}), "residence": "SN", "employed": True}
    result = verdict(who, country="PF")
    assert (result.reasons, result.warnings) == ((R.EMPLOYED,), ())


# --- R10: two years per contract -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "reasons"),
    [
        (D(2025, 9, 1), D(2027, 8, 31), ()),
        (D(2025, 9, 1), D(2027, 9, 1), (R.CONTRACT_OVER_2_YEARS,)),
        (D(2024, 2, 29), D(2026, 2, 27), ()),  # add_months clamps 29 Feb to 28 Feb
        (D(2024, 2, 29), D(2026, 2, 28), (R.CONTRACT_OVER_2_YEARS,)),
        (D(2025, 8, 31), D(2027, 8, 30), ()),
        (D(2025, 8, 31), D(2027, 8, 31), (R.CONTRACT_OVER_2_YEARS,)),
    ],
)
def test_contract_lasts_at_most_24_months_date_to_date(
    start: date, end: date, reasons: tuple
) -> None:
    assert verdict(start=start, end=end).reasons == reasons


# --- R11: six years over a lifetime, no overlap ---------------------------------------------


def test_lifetime_cap_reached_exactly_is_allowed() -> None:
    prior = (Period(D(2010, 1, 1), D(2014, 12, 31)),)  # 1826 days + 365 = 2191
    assert verdict({"prior_missions": prior}).eligible


def test_lifetime_cap_exceeded_by_one_day_is_refused() -> None:
    prior = (Period(D(2010, 1, 1), D(2015, 1, 1)),)  # 1827 days + 365 = 2192
    assert verdict({"prior_missions": prior}).reasons == (R.LIFETIME_CAP_EXCEEDED,)


def test_overlapping_prior_missions_count_once_towards_the_cap() -> None:
    prior = (Period(D(2010, 1, 1), D(2014, 12, 31)), Period(D(2012, 1, 1), D(2012, 12, 31)))
    assert verdict({"prior_missions": prior}).eligible


@pytest.mark.parametrize(
    ("prior", "reasons"),
    [
        (Period(D(2024, 9, 1), D(2025, 8, 31)), ()),  # ends the day before the start
        (Period(D(2024, 9, 1), D(2025, 9, 1)), (R.OVERLAPS_PRIOR_MISSION,)),
        (Period(D(2026, 8, 31), D(2026, 9, 30)), (R.OVERLAPS_PRIOR_MISSION,)),
        (Period(D(2026, 9, 1), D(2026, 9, 30)), ()),  # starts the day after the end
    ],
)
def test_overlap_is_a_shared_day(prior: Period, reasons: tuple) -> None:
    assert verdict({"prior_missions": (prior,)}).reasons == reasons


def test_prior_missions_given_as_pairs_are_periods() -> None:
    who = candidate(prior_missions=[(D(2024, 9, 1), D(2025, 9, 30))])
    assert who.prior_missions == (Period(D(2024, 9, 1), D(2025, 9, 30)),)
