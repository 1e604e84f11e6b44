"""Properties of the date helpers and the entitlements, on generated dates and periods."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.rules.strategies import (
    ONE_DAY,
    periods,
    spec_days,
)
from vsi_portal.eligibility import (
    Period,
)
from vsi_portal.entitlements import (
    Resettlement,
    add_months,
    age_on,
    birthday,
    days,
    leave_days,
    lifetime_days_used,
    pension_quarters,
    resettlement_allowance,
    whole_months,
)

# --- Dates ----------------------------------------------------------------------------------

some_dates = st.dates(date(1900, 1, 1), date(2200, 12, 31))


@settings(deadline=None)
@given(some_dates, st.integers(-600, 600))
def test_add_months_moves_n_months_and_clamps_the_day(d: date, n: int) -> None:
    result = add_months(d, n)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == n
    assert result.day == min(d.day, calendar.monthrange(result.year, result.month)[1])


@settings(deadline=None)
@given(some_dates, st.integers(0, 5000))
def test_whole_months_is_the_largest_month_count_that_fits(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    m = whole_months(start, end)
    assert add_months(start, m) - ONE_DAY <= end < add_months(start, m + 1) - ONE_DAY


@settings(deadline=None)
@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.integers(1, 99))
def test_birthday_is_the_first_day_of_that_age(birth: date, age: int) -> None:
    day = birthday(birth, age)
    assert age_on(birth, day) == age
    assert age_on(birth, day - ONE_DAY) == age - 1


# --- Entitlements ---------------------------------------------------------------------------


@settings(deadline=None)
@given(some_dates, st.integers(0, 3000), st.integers(0, 400))
def test_leave_days_never_decrease_as_the_end_moves_later(
    start: date, length: int, more: int
) -> None:
    end = start + timedelta(days=length)
    assert leave_days(start, end) <= leave_days(start, end + timedelta(days=more))


@settings(deadline=None)
@given(periods(max_days=4000))
def test_pension_quarters_are_at_most_4_a_year_and_days_over_90(period: Period) -> None:
    quarters = pension_quarters(period.start, period.end)
    assert all(1 <= count <= 4 for count in quarters.values())
    assert sum(quarters.values()) <= days(period) // 90


@settings(deadline=None)
@given(periods(max_days=4000))
def test_pension_quarters_lose_only_fifth_quarters(period: Period) -> None:
    quarters = pension_quarters(period.start, period.end)
    earned = days(period) // 90
    assert sum(quarters.values()) >= earned - sum(1 for count in quarters.values() if count == 4)


@settings(deadline=None)
@given(st.lists(periods(min_start=date(2000, 1, 1), max_start=date(2003, 12, 31)), max_size=5))
def test_lifetime_days_count_each_distinct_day_once(served: list[Period]) -> None:
    used = lifetime_days_used(served)
    assert used == len(spec_days(tuple(served)))
    assert used <= sum(days(p) for p in served)
    assert used >= max((days(p) for p in served), default=0)


@settings(deadline=None)
@given(st.lists(periods(), max_size=4))
def test_lifetime_days_ignore_the_order_of_periods(served: list[Period]) -> None:
    assert lifetime_days_used(served) == lifetime_days_used(list(reversed(served)))


@settings(deadline=None)
@given(st.lists(periods(max_days=800), min_size=1, max_size=4), st.booleans(), st.booleans())
def test_resettlement_is_a_step_or_a_review(
    served: list[Period], official: bool, compelling: bool
) -> None:
    result = resettlement_allowance(served, public_official=official, compelling_reason=compelling)
    assert result in {
        Resettlement(0, False),
        Resettlement(800, False),
        Resettlement(1500, False),
        Resettlement(3700, False),
        Resettlement(None, True),
    }
    assert not (official and result != Resettlement(0, False))


@settings(deadline=None)
@given(periods(max_days=1200), st.integers(0, 400))
def test_resettlement_never_decreases_with_a_longer_mission(period: Period, more: int) -> None:
    longer = Period(period.start, period.end + timedelta(days=more))
    assert (resettlement_allowance(longer).amount or 0) >= (
        resettlement_allowance(period).amount or 0
    )
