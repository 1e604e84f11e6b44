"""The rules at the edges of the calendar: a date they cannot compute with is a ValueError.

Python's dates run from 1 January of year 1 to 31 December 9999; a helper asked for a day
beyond them answers ``ValueError`` (a malformed fact, docs/rules.md), never the
``OverflowError`` that ``date + timedelta`` raises, which forms and services do not expect.
Each test draws dates from the whole calendar, with its first and last years drawn often.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vsi_portal.eligibility import Candidate, Contract, Period, candidate_constraints, check
from vsi_portal.entitlements import (
    add_days,
    add_months,
    age_on,
    birthday,
    continuous_mission,
    contract_last_day,
    earliest_end_after_notice,
    insertion_premium_deadline,
    leave_days,
    lifetime_days_used,
    merged,
    pension_quarters,
    reaches_twelve_months,
    resettlement_allowance,
    whole_months,
)
from vsi_portal.explanations import explain_verdict

any_date = st.one_of(
    st.dates(),
    st.dates(date(9990, 1, 1), date.max),
    st.dates(date.min, date(10, 12, 31)),
    st.sampled_from([date.min, date.max]),
)


@st.composite
def spans(draw: st.DrawFn) -> Period:
    start, end = sorted((draw(any_date), draw(any_date)))
    return Period(start, end)


def outcome(function, *args, **kwargs) -> object:
    """The function's result, or the ValueError it raised; any other error fails the test."""
    try:
        return function(*args, **kwargs)
    except ValueError as error:
        return error


@settings(deadline=None, max_examples=300)
@given(any_date, st.integers(-120_000, 120_000))
def test_adding_months_beyond_the_calendar_is_a_value_error(d: date, n: int) -> None:
    outcome(add_months, d, n)


@settings(deadline=None, max_examples=300)
@given(any_date, st.integers(-4_000_000, 4_000_000))
def test_adding_days_beyond_the_calendar_is_a_value_error(d: date, n: int) -> None:
    result = outcome(add_days, d, n)
    if isinstance(result, date):
        assert result == d + timedelta(days=n)


@settings(deadline=None, max_examples=300)
@given(spans())
def test_counting_months_leave_and_aids_on_any_span_never_overflows(span: Period) -> None:
    outcome(whole_months, span.start, span.end)
    outcome(reaches_twelve_months, span.start, span.end)
    outcome(leave_days, span.start, span.end)
    outcome(resettlement_allowance, [span], compelling_reason=True)


@settings(deadline=None, max_examples=100)
@given(spans())
def test_pension_quarters_on_any_span_never_overflow(span: Period) -> None:
    # Keeps a run short (a quarter per 90 days): the span's last years are what matter here.
    start = max(span.start, add_days(span.end, -3000)) if span.end.year > 20 else span.start
    outcome(pension_quarters, start, span.end)


@settings(deadline=None, max_examples=300)
@given(st.lists(spans(), max_size=4))
def test_merging_periods_that_end_on_the_calendars_last_day_never_overflows(
    periods: list[Period],
) -> None:
    outcome(merged, periods)
    outcome(lifetime_days_used, periods)
    outcome(continuous_mission, periods)


@settings(deadline=None, max_examples=300)
@given(any_date, any_date, st.integers(0, 200))
def test_ages_birthdays_and_deadlines_never_overflow(birth: date, on: date, age: int) -> None:
    outcome(birthday, birth, age)
    outcome(age_on, birth, on)
    outcome(contract_last_day, on)
    outcome(earliest_end_after_notice, on)
    outcome(insertion_premium_deadline, on)


@settings(deadline=None, max_examples=300)
@given(any_date, spans(), st.lists(spans(), max_size=3), st.sampled_from([18, 21, 30]))
def test_checking_and_explaining_any_dates_never_overflows(
    birth: date, span: Period, prior: list[Period], min_age: int
) -> None:
    candidate = Candidate(
        birth_date=birth, nationalities={"FR"}, residence="FR", prior_missions=prior
    )
    contract = Contract(country="SN", start=span.start, end=span.end, min_age=min_age)
    outcome(candidate_constraints, candidate)
    verdict = outcome(check, candidate, contract)
    if not isinstance(verdict, ValueError):
        outcome(explain_verdict, verdict, candidate=candidate, contract=contract)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: add_months(date(9999, 12, 1), 1), "outside the calendar"),
        (lambda: add_days(date.max, 1), "outside the calendar"),
        (lambda: whole_months(date(9999, 1, 1), date.max), "end"),
        (lambda: birthday(date(9990, 1, 1), 18), "outside the calendar"),
        (lambda: earliest_end_after_notice(date(9999, 12, 31)), "outside the calendar"),
    ],
)
def test_a_date_beyond_the_calendar_is_named_in_the_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_a_merged_run_may_end_on_the_calendars_last_day() -> None:
    runs = merged([Period(date(9999, 1, 1), date.max), Period(date(9999, 6, 1), date.max)])
    assert runs == [Period(date(9999, 1, 1), date.max)]
