"""Hypothesis strategies for the rules: contracts and candidates around every boundary."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import strategies as st

from vsi_portal.eligibility import (
    Candidate,
    Contract,
    Leave,
    Period,
)
from vsi_portal.entitlements import (
    LIFETIME_CAP_DAYS,
    add_months,
    days,
)
from vsi_portal.geography import ISO_3166_ALPHA2

ONE_DAY = timedelta(days=1)

# Countries that exercise the rules: France and its territories, EEA States and territories,
# Switzerland and the UK, and ordinary destinations; plus any ISO code.
INTERESTING = (
    "FR RE GP PF NC WF TF DE IT IS LI NO DK GL FO NL AW BQ FI AX SJ BV CH GB SN MA KH US BR"
).split()
countries = st.one_of(st.sampled_from(INTERESTING), st.sampled_from(sorted(ISO_3166_ALPHA2)))
offsets = st.integers(min_value=-3, max_value=3).map(lambda n: timedelta(days=n))
# True one time in four: most generated volunteers then pass the yes/no rules, so the
# other rules get exercised on eligible cases too.
rarely = st.sampled_from([False, False, False, True])


def periods(
    min_start: date = date(2000, 1, 1), max_start: date = date(2035, 12, 31), max_days: int = 900
) -> st.SearchStrategy[Period]:
    return st.builds(
        lambda start, length: Period(start, start + timedelta(days=length)),
        st.dates(min_start, max_start),
        st.integers(min_value=0, max_value=max_days),
    )


long_periods = periods(max_days=2300)


def near_1_march(years: st.SearchStrategy[int]) -> st.SearchStrategy[date]:
    """Dates around 28 February / 1 March, where 29 February birthdays fall."""
    return st.builds(lambda year, offset: date(year, 3, 1) + offset, years, offsets)


contract_starts = st.one_of(
    st.dates(date(2020, 1, 1), date(2035, 12, 31)), near_1_march(st.integers(2020, 2035))
)
# Lengths around the 2-year limit are drawn often, as are short and long ones.
contract_lengths = st.one_of(
    st.integers(0, 1000), st.integers(725, 735), st.sampled_from([0, 364, 365])
)
min_ages = st.sampled_from([18, 18, 19, 20, 21, 25, 30])


@st.composite
def contracts(draw: st.DrawFn) -> Contract:
    start = draw(contract_starts)
    return Contract(
        country=draw(countries),
        start=start,
        end=start + timedelta(days=draw(contract_lengths)),
        min_age=draw(min_ages),
        organisation_approved=not draw(rarely),
    )


def leap_year_at_most(year: int) -> int:
    while not calendar.isleap(year):
        year -= 1
    return year


# Strategies are built once: building them inside a draw makes hypothesis re-validate them.
any_birth = st.dates(date(1950, 1, 1), date(2020, 12, 31))
birth_styles = st.sampled_from(["any", "on an age boundary", "29 February"])
age_picks = st.sampled_from([17, 18, 19, -1, 0])  # -1 and 0: relative to the minimum age
leave_kinds = st.sampled_from(["sabbatical", "solidarity"])
prior_styles = st.sampled_from(["any", "around the start", "around the cap"])
prior_counts = st.sampled_from([0, 0, 1, 1, 2, 3])
prior_lengths = st.integers(0, 2300)
cap_offsets = st.integers(-2, 1)
nationality_sets = st.frozensets(countries, min_size=1, max_size=3)


@st.composite
def candidates_for(draw: st.DrawFn, contract: Contract) -> Candidate:
    """A volunteer whose facts often sit on a boundary of the given contract."""
    start, end = contract.start, contract.end
    style = draw(birth_styles)
    if style == "any":
        birth_date = draw(any_birth)
    else:
        pick = draw(age_picks)
        age = pick if pick >= 17 else contract.min_age + pick
        if style == "29 February":
            birth_date = date(leap_year_at_most(start.year - age), 2, 29)
        else:
            birth_date = add_months(start, -12 * age) + draw(offsets)
    leave = None
    if draw(rarely):
        leave_start = start + draw(offsets)
        leave = Leave(draw(leave_kinds), leave_start, max(leave_start, end + draw(offsets)))
    prior_missions = []
    for _ in range(draw(prior_counts)):
        kind = draw(prior_styles)
        if kind == "around the start":
            # Ends a few days before or after the start: both sides of an overlap.
            prior_end = start - draw(offsets)
            prior = Period(prior_end - timedelta(days=draw(prior_lengths)), prior_end)
        elif kind == "around the cap":
            # Brings the total to a day or two either side of the 2191-day cap.
            room = LIFETIME_CAP_DAYS - days(contract.period)
            first = date(1990, 1, 1)
            prior = Period(first, first + timedelta(days=max(0, room + draw(cap_offsets))))
        else:
            prior = draw(long_periods)
        prior_missions.append(prior)
    return Candidate(
        birth_date=birth_date,
        nationalities=draw(nationality_sets),
        residence=draw(countries),
        employed=draw(rarely),
        leave=leave,
        other_activity=draw(rarely),
        prior_missions=tuple(prior_missions),
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[Candidate, Contract]:
    contract = draw(contracts())
    return draw(candidates_for(contract)), contract


def spec_days(periods: tuple[Period, ...]) -> set[date]:
    return {p.start + timedelta(days=i) for p in periods for i in range((p.end - p.start).days + 1)}
