"""Entitlements: the worked cases of vsi-rules.md and a case on each side of every limit."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from vsi_portal.entitlements import (
    LIFETIME_CAP_DAYS,
    AllowanceProblem,
    Period,
    Resettlement,
    add_months,
    age_on,
    allowance_problem,
    birthday,
    contract_last_day,
    days,
    earliest_end_after_notice,
    insertion_premium_deadline,
    leave_days,
    lifetime_days_used,
    pension_quarters,
    reaches_twelve_months,
    resettlement_allowance,
    whole_months,
)

D = date
P = Period


# --- The worked cases -----------------------------------------------------------------------


def test_leave_days_for_a_twelve_month_mission_is_24() -> None:
    assert leave_days(D(2025, 9, 1), D(2026, 8, 31)) == 24


def test_leave_days_for_a_five_month_mission_is_0() -> None:
    assert leave_days(D(2025, 9, 1), D(2026, 1, 31)) == 0


def test_pension_quarters_of_the_worked_case() -> None:
    assert pension_quarters(D(2025, 9, 1), D(2026, 8, 31)) == {2025: 1, 2026: 3}


def test_resettlement_after_twelve_months_is_800() -> None:
    assert resettlement_allowance([P(D(2025, 9, 1), D(2026, 8, 31))]) == Resettlement(800, False)


def test_resettlement_after_twenty_four_months_is_3700() -> None:
    assert resettlement_allowance([P(D(2024, 9, 1), D(2026, 8, 31))]) == Resettlement(3700, False)


def test_resettlement_after_nine_months_without_reason_is_0() -> None:
    assert resettlement_allowance([P(D(2025, 9, 1), D(2026, 5, 31))]) == Resettlement(0, False)


def test_insertion_premium_deadline_of_the_worked_case() -> None:
    assert insertion_premium_deadline(D(2026, 8, 31)) == D(2027, 8, 31)


def test_earliest_end_after_notice_of_the_worked_case() -> None:
    assert earliest_end_after_notice(D(2026, 1, 15)) == D(2026, 2, 15)


@pytest.mark.parametrize(
    ("amount", "problem"), [(150, None), (149, AllowanceProblem.ALLOWANCE_BELOW_MINIMUM)]
)
def test_allowance_abroad_of_the_worked_case(amount: int, problem: AllowanceProblem | None) -> None:
    assert allowance_problem("SN", amount) == problem


def test_lifetime_days_of_two_years_is_730() -> None:
    assert lifetime_days_used([P(D(2014, 1, 1), D(2015, 12, 31))]) == 730


# --- Date conventions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2025, 8, 31), 1, D(2025, 9, 30)),
        (D(2025, 12, 15), 1, D(2026, 1, 15)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2025, 9, 1), 0, D(2025, 9, 1)),
    ],
)
def test_add_months_keeps_the_day_clamped_to_the_month(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (D(2025, 9, 1), D(2026, 8, 31), 12),
        (D(2025, 9, 1), D(2026, 8, 30), 11),
        (D(2025, 9, 1), D(2025, 9, 1), 0),
        (D(2025, 9, 1), D(2025, 9, 30), 1),
        (D(2025, 9, 1), D(2025, 9, 29), 0),
        (D(2025, 1, 31), D(2025, 2, 27), 1),  # 31 Jan + 1 month = 28 Feb, minus a day
        (D(2025, 1, 31), D(2025, 2, 26), 0),
        (D(2024, 2, 29), D(2025, 2, 27), 12),
        (D(2024, 2, 29), D(2025, 2, 26), 11),
    ],
)
def test_whole_months_counts_months_date_to_date(start: date, end: date, months: int) -> None:
    assert whole_months(start, end) == months


def test_days_include_both_ends() -> None:
    assert days(P(D(2025, 9, 1), D(2025, 9, 1))) == 1


@pytest.mark.parametrize(
    ("birth", "age", "expected"),
    [
        (D(2007, 9, 2), 18, D(2025, 9, 2)),
        (D(2008, 2, 29), 18, D(2026, 3, 1)),
        (D(2008, 2, 29), 20, D(2028, 2, 29)),
        (D(2008, 2, 29), 0, D(2008, 2, 29)),
    ],
)
def test_birthday_is_the_first_day_of_that_age(birth: date, age: int, expected: date) -> None:
    assert birthday(birth, age) == expected


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (D(2026, 2, 28), 17),
        (D(2026, 3, 1), 18),
        (D(2028, 2, 28), 19),
        (D(2028, 2, 29), 20),
    ],
)
def test_age_of_someone_born_on_29_february(on: date, age: int) -> None:
    assert age_on(D(2008, 2, 29), on) == age


@pytest.mark.parametrize(("end", "expected"), [(D(2026, 8, 31), True), (D(2026, 8, 30), False)])
def test_state_aids_need_twelve_months_date_to_date(end: date, expected: bool) -> None:
    assert reaches_twelve_months(D(2025, 9, 1), end) is expected


def test_contract_last_day_is_24_months_less_a_day() -> None:
    assert contract_last_day(D(2025, 9, 1)) == D(2027, 8, 31)


# --- R11: lifetime days ---------------------------------------------------------------------


def test_lifetime_cap_is_six_years_of_365_25_days() -> None:
    assert LIFETIME_CAP_DAYS == math.floor(6 * 365.25) == 2191


def test_lifetime_days_count_overlapping_days_once() -> None:
    periods = [P(D(2020, 1, 1), D(2020, 1, 10)), P(D(2020, 1, 5), D(2020, 1, 20))]
    assert lifetime_days_used(periods) == 20


def test_lifetime_days_add_adjacent_periods() -> None:
    periods = [P(D(2020, 1, 11), D(2020, 1, 20)), P(D(2020, 1, 1), D(2020, 1, 10))]
    assert lifetime_days_used(periods) == 20


def test_lifetime_days_count_a_nested_period_once() -> None:
    periods = [P(D(2020, 1, 1), D(2020, 12, 31)), P(D(2020, 3, 1), D(2020, 3, 31))]
    assert lifetime_days_used(periods) == 366


def test_lifetime_days_of_nothing_is_zero() -> None:
    assert lifetime_days_used([]) == 0


def test_lifetime_days_accept_date_pairs() -> None:
    assert lifetime_days_used([(D(2020, 1, 1), D(2020, 1, 31))]) == 31


# --- R14: leave -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (D(2026, 2, 27), 0),  # 5 whole months
        (D(2026, 2, 28), 12),  # 6 whole months
        (D(2026, 3, 31), 14),
    ],
)
def test_leave_days_start_at_six_whole_months(end: date, expected: int) -> None:
    assert leave_days(D(2025, 9, 1), end) == expected


# --- R15: pension quarters ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (D(2025, 3, 30), {}),  # 89 days
        (D(2025, 3, 31), {2025: 1}),  # 90 days
        (D(2025, 6, 28), {2025: 1}),  # 179 days
        (D(2025, 6, 29), {2025: 2}),  # 180 days
    ],
)
def test_pension_quarter_per_complete_90_days(end: date, expected: dict[int, int]) -> None:
    assert pension_quarters(D(2025, 1, 1), end) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (D(2025, 10, 3), {2025: 1}),  # day 90 is 31 December 2025
        (D(2025, 10, 4), {2026: 1}),  # day 90 is 1 January 2026
    ],
)
def test_pension_quarter_belongs_to_the_year_of_its_90th_day(
    start: date, expected: dict[int, int]
) -> None:
    assert pension_quarters(start, D(2026, 1, 31)) == expected


def test_fifth_quarter_in_a_year_is_lost() -> None:
    # Days 90, 180, 270, 360 and 450 all fall in 2025: 1 Jan, 1 Apr, 30 Jun, 28 Sep, 27 Dec.
    assert pension_quarters(D(2024, 10, 4), D(2025, 12, 27)) == {2025: 4}


def test_four_quarters_in_a_year_are_all_kept() -> None:
    assert pension_quarters(D(2024, 10, 4), D(2025, 12, 26)) == {2025: 4}


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (D(2026, 3, 26), {2025: 4}),  # 539 days
        (D(2026, 3, 27), {2025: 4, 2026: 1}),  # day 540 is 27 March 2026
    ],
)
def test_quarter_after_a_full_year_goes_to_the_next_year(
    end: date, expected: dict[int, int]
) -> None:
    assert pension_quarters(D(2024, 10, 4), end) == expected


def test_years_without_quarters_are_absent() -> None:
    assert 2024 not in pension_quarters(D(2024, 10, 4), D(2025, 12, 31))


# --- R18: resettlement allowance ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "amount"),
    [
        (D(2025, 9, 1), D(2026, 8, 30), 0),  # 11 months
        (D(2025, 9, 1), D(2026, 8, 31), 800),  # 12 months
        (D(2025, 9, 1), D(2027, 2, 27), 800),  # 17 months
        (D(2025, 9, 1), D(2027, 2, 28), 1500),  # 18 months
        (D(2024, 9, 1), D(2026, 8, 30), 1500),  # 23 months
        (D(2024, 9, 1), D(2026, 8, 31), 3700),  # 24 months
    ],
)
def test_resettlement_steps_at_12_18_and_24_months(start: date, end: date, amount: int) -> None:
    assert resettlement_allowance([P(start, end)]) == Resettlement(amount, False)


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (D(2026, 2, 27), Resettlement(0, False)),  # 5 months
        (D(2026, 2, 28), Resettlement(None, True)),  # 6 months
        (D(2026, 8, 30), Resettlement(None, True)),  # 11 months
        (D(2026, 8, 31), Resettlement(800, False)),  # 12 months: the rule, not staff
    ],
)
def test_compelling_reason_sends_six_to_eleven_months_to_staff(
    end: date, expected: Resettlement
) -> None:
    served = [P(D(2025, 9, 1), end)]
    assert resettlement_allowance(served, compelling_reason=True) == expected


def test_public_official_gets_no_resettlement() -> None:
    served = [P(D(2024, 9, 1), D(2026, 8, 31))]
    assert resettlement_allowance(served, public_official=True) == Resettlement(0, False)


def test_public_official_with_compelling_reason_gets_no_review() -> None:
    served = [P(D(2025, 9, 1), D(2026, 5, 31))]
    result = resettlement_allowance(served, public_official=True, compelling_reason=True)
    assert result == Resettlement(0, False)


def test_adjacent_periods_form_one_continuous_mission() -> None:
    served = [P(D(2026, 3, 1), D(2026, 8, 31)), P(D(2025, 9, 1), D(2026, 2, 28))]
    assert resettlement_allowance(served).amount == 800


def test_a_one_day_gap_breaks_the_continuous_mission() -> None:
    served = [P(D(2025, 9, 1), D(2026, 2, 27)), P(D(2026, 3, 1), D(2026, 8, 31))]
    assert resettlement_allowance(served).amount == 0


def test_only_the_chain_ending_with_the_latest_period_counts() -> None:
    served = [P(D(2020, 1, 1), D(2021, 12, 31)), P(D(2025, 9, 1), D(2026, 2, 28))]
    assert resettlement_allowance(served).amount == 0


def test_resettlement_accepts_a_single_period() -> None:
    assert resettlement_allowance(P(D(2025, 9, 1), D(2026, 8, 31))).amount == 800


def test_resettlement_without_service_is_zero() -> None:
    assert resettlement_allowance([]) == Resettlement(0, False)


def test_resettlement_unpacks_as_amount_and_review() -> None:
    amount, manual_review = resettlement_allowance([P(D(2024, 9, 1), D(2026, 8, 31))])
    assert (amount, manual_review) == (3700, False)


# --- R17, R19: notice and insertion premium -------------------------------------------------


@pytest.mark.parametrize(
    ("mission_end", "deadline"),
    [
        (D(2024, 2, 29), D(2025, 2, 28)),
        (D(2026, 8, 31), D(2027, 8, 31)),
        (D(2027, 2, 28), D(2028, 2, 28)),
    ],
)
def test_insertion_premium_deadline_is_twelve_months_later(
    mission_end: date, deadline: date
) -> None:
    assert insertion_premium_deadline(mission_end) == deadline


@pytest.mark.parametrize(
    ("notice", "earliest"),
    [(D(2026, 1, 31), D(2026, 2, 28)), (D(2024, 1, 31), D(2024, 2, 29))],
)
def test_notice_of_one_month_is_clamped_to_the_month(notice: date, earliest: date) -> None:
    assert earliest_end_after_notice(notice) == earliest


# --- R13: monthly allowance -----------------------------------------------------------------

OUTSIDE = AllowanceProblem.ALLOWANCE_OUTSIDE_FRANCE_RANGE


@pytest.mark.parametrize("country", ["FR", "RE", "PF", "NC", "GP"])
@pytest.mark.parametrize(
    ("amount", "problem"), [(799, OUTSIDE), (800, None), (1600, None), (1601, OUTSIDE)]
)
def test_allowance_in_france_is_between_800_and_1600(
    country: str, amount: int, problem: AllowanceProblem | None
) -> None:
    assert allowance_problem(country, amount) == problem


@pytest.mark.parametrize(
    ("amount", "problem"),
    [
        (Decimal("149.99"), AllowanceProblem.ALLOWANCE_BELOW_MINIMUM),
        (Decimal("150.00"), None),
        (5000, None),
    ],
)
def test_allowance_abroad_is_at_least_150(amount: Any, problem: AllowanceProblem | None) -> None:
    assert allowance_problem("GL", amount) == problem


def test_allowance_codes_are_the_specified_strings() -> None:
    assert allowance_problem("FR", 799) == "ALLOWANCE_OUTSIDE_FRANCE_RANGE"


# --- Malformed input ------------------------------------------------------------------------

MALFORMED = [
    pytest.param(lambda: whole_months(D(2025, 9, 2), D(2025, 9, 1)), r"\bend\b", id="months"),
    pytest.param(lambda: leave_days(D(2025, 9, 2), D(2025, 9, 1)), r"\bend\b", id="leave"),
    pytest.param(lambda: pension_quarters(D(2025, 9, 2), D(2025, 9, 1)), r"\bend\b", id="pension"),
    pytest.param(
        lambda: lifetime_days_used([(D(2025, 9, 2), D(2025, 9, 1))]),
        r"periods\[0\].*Period\.end",
        id="lifetime",
    ),
    pytest.param(lambda: lifetime_days_used(["2025"]), r"periods\[0\]", id="lifetime-type"),
    pytest.param(
        lambda: resettlement_allowance([(D(2025, 9, 2), D(2025, 9, 1))]),
        r"served\[0\]",
        id="served",
    ),
    pytest.param(lambda: allowance_problem("fr", 900), r"country", id="country"),
    pytest.param(lambda: allowance_problem("FR", "900"), r"eur_per_month", id="amount-text"),
    pytest.param(lambda: allowance_problem("FR", True), r"eur_per_month", id="amount-bool"),
    pytest.param(lambda: allowance_problem("SN", float("nan")), r"eur_per_month", id="nan"),
    pytest.param(lambda: allowance_problem("SN", Decimal("NaN")), r"eur_per_month", id="dec-nan"),
    pytest.param(lambda: insertion_premium_deadline("2026-08-31"), r"mission_end", id="deadline"),
    pytest.param(lambda: earliest_end_after_notice(None), r"notice_date", id="notice"),
    pytest.param(lambda: P(D(2025, 9, 2), D(2025, 9, 1)), r"Period\.end", id="period"),
]


@pytest.mark.parametrize(("call", "field"), MALFORMED)
def test_malformed_input_raises_value_error_naming_the_field(call: Any, field: str) -> None:
    with pytest.raises(ValueError, match=field):
        call()
