"""Invariants of the rules, on generated volunteers, missions and periods (hypothesis)."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from vsi_portal.eligibility import (
    Candidate,
    CandidateConstraints,
    Contract,
    Leave,
    Period,
    Reason,
    Verdict,
    candidate_constraints,
    check,
    contract_reasons,
    derive_constraints,
    failing_rules,
    warnings_for,
)
from vsi_portal.entitlements import (
    LIFETIME_CAP_DAYS,
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
from vsi_portal.geography import ISO_3166_ALPHA2, codes_judged_as

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


# --- The spec, transcribed literally, as an oracle for check --------------------------------

SPEC_STATE = {
    **dict.fromkeys("GP MQ GF RE YT MF BL PM PF NC WF TF".split(), "FR"),
    **dict.fromkeys("GL FO".split(), "DK"),
    **dict.fromkeys("AW CW SX BQ".split(), "NL"),
    "AX": "FI",
    **dict.fromkeys("SJ BV".split(), "NO"),
}
SPEC_EU = set(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
SPEC_EEA = SPEC_EU | {"IS", "LI", "NO"}


def spec_add_months(d: date, n: int) -> date:
    month = d.month - 1 + n
    year = d.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def spec_age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def spec_days(periods: tuple[Period, ...]) -> set[date]:
    return {p.start + timedelta(days=i) for p in periods for i in range((p.end - p.start).days + 1)}


def spec_verdict(who: Candidate, what: Contract) -> tuple[tuple[str, ...], tuple[str, ...]]:
    d = SPEC_STATE.get(what.country, what.country)
    n = {SPEC_STATE.get(code, code) for code in who.nationalities}
    r = SPEC_STATE.get(who.residence, who.residence)
    age = spec_age(who.birth_date, what.start)
    contract_days = spec_days((Period(what.start, what.end),))
    leave = who.leave
    table = [
        ("UNDER_18", age < 18),
        ("BELOW_MIN_AGE", 18 <= age < what.min_age),
        ("EMPLOYED", who.employed and leave is None),
        (
            "LEAVE_DOES_NOT_COVER_CONTRACT",
            who.employed
            and leave is not None
            and not (leave.start <= what.start and what.end <= leave.end),
        ),
        ("OTHER_PROFESSIONAL_ACTIVITY", who.other_activity),
        ("ORGANISATION_NOT_APPROVED", not what.organisation_approved),
        ("NATIONALITY_COUNTRY", d in n),
        ("RESIDENCE_COUNTRY", d == r),
        ("EU_EEA_DESTINATION", d in SPEC_EEA and d != "FR"),
        (
            "FRANCE_RECIPROCITY_NOT_MET",
            d == "FR" and not any(x not in SPEC_EEA for x in n) and r in SPEC_EEA,
        ),
        ("CONTRACT_OVER_2_YEARS", what.end > spec_add_months(what.start, 24) - ONE_DAY),
        (
            "LIFETIME_CAP_EXCEEDED",
            len(spec_days(who.prior_missions)) + len(contract_days) > 2191,
        ),
        ("OVERLAPS_PRIOR_MISSION", bool(spec_days(who.prior_missions) & contract_days)),
    ]
    reasons = tuple(code for code, fails in table if fails)
    warnings = []
    if "EU_EEA_DESTINATION" in reasons or "FRANCE_RECIPROCITY_NOT_MET" in reasons:
        warnings.append("EUROPEAN_SOLIDARITY_CORPS")
    if not reasons and d == "FR":
        if n & SPEC_EEA:
            warnings.append("EU_NATIONAL_IN_FRANCE")
        if what.country in {"PF", "NC", "WF"}:
            warnings.append("OVERSEAS_COLLECTIVITY")
    return reasons, tuple(warnings)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_check_matches_the_specification_table(case: tuple[Candidate, Contract]) -> None:
    who, what = case
    result = check(who, what)
    assert (result.reasons, result.warnings) == spec_verdict(who, what)


# --- The mission search's building blocks agree with check ----------------------------------


def query_admits(c: CandidateConstraints, mission: Contract) -> bool:
    """The "missions I can apply to" filter, as the database will express it."""
    if c.blocked or contract_reasons(mission):
        return False
    window = c.leave_window
    return (
        mission.country not in codes_judged_as(c.excluded_states)
        and mission.start >= c.earliest_start_for_age(mission.min_age)
        and (window is None or (window.start <= mission.start and mission.end <= window.end))
        and (mission.end - mission.start).days + 1 <= c.days_left
        and not any(mission.start <= p.end and mission.end >= p.start for p in c.prior_missions)
    )


@settings(max_examples=300, deadline=None)
@given(cases())
def test_check_agrees_with_the_candidate_constraints_filter(
    case: tuple[Candidate, Contract],
) -> None:
    who, what = case
    assert check(who, what).eligible == query_admits(candidate_constraints(who), what)


COUNTRY_REASONS = {
    Reason.NATIONALITY_COUNTRY,
    Reason.RESIDENCE_COUNTRY,
    Reason.EU_EEA_DESTINATION,
    Reason.FRANCE_RECIPROCITY_NOT_MET,
}


@settings(max_examples=200, deadline=None)
@given(cases())
def test_excluded_states_are_exactly_the_country_reasons(case: tuple[Candidate, Contract]) -> None:
    who, what = case
    excluded = what.country in codes_judged_as(candidate_constraints(who).excluded_states)
    assert excluded == bool(COUNTRY_REASONS & set(check(who, what).reasons))


@settings(deadline=None)
@given(cases())
def test_blocked_is_exactly_a_volunteer_only_reason(case: tuple[Candidate, Contract]) -> None:
    who, what = case
    blocking = {Reason.EMPLOYED, Reason.OTHER_PROFESSIONAL_ACTIVITY}
    assert candidate_constraints(who).blocked == bool(blocking & set(check(who, what).reasons))


@settings(deadline=None)
@given(contracts(), st.data())
def test_contract_reasons_are_reported_by_check_for_anyone(
    contract: Contract, data: st.DataObject
) -> None:
    who = data.draw(candidates_for(contract))
    reasons = check(who, contract).reasons
    assert set(contract_reasons(contract)) <= set(reasons)


# --- The constraints a candidate keeps once derived ------------------------------------------


def fresh_copy(who: Candidate) -> Candidate:
    """An equal candidate built anew, which has derived nothing yet."""
    return replace(who)


@settings(deadline=None)
@given(cases())
def test_kept_constraints_equal_freshly_derived_ones(case: tuple[Candidate, Contract]) -> None:
    who, what = case
    check(who, what)  # derives and keeps them
    assert candidate_constraints(who) == derive_constraints(fresh_copy(who))


@settings(deadline=None)
@given(cases())
def test_check_gives_the_same_verdict_with_kept_or_fresh_constraints(
    case: tuple[Candidate, Contract],
) -> None:
    who, what = case
    first = check(who, what)
    again = check(who, what)  # reads the kept constraints
    fresh = check(fresh_copy(who), what)
    c = derive_constraints(who)
    reasons = failing_rules(c, what)
    derived_by_hand = Verdict(not reasons, reasons, warnings_for(c, what, reasons))
    assert first == again == fresh == derived_by_hand


@settings(deadline=None)
@given(cases(), cases())
def test_a_candidate_changed_by_replace_never_reads_stale_constraints(
    case: tuple[Candidate, Contract], other: tuple[Candidate, Contract]
) -> None:
    who, what = case
    facts = other[0]
    check(who, what)  # ``who`` now keeps its constraints
    changed = replace(
        who,
        birth_date=facts.birth_date,
        nationalities=facts.nationalities,
        residence=facts.residence,
        employed=facts.employed,
        leave=facts.leave,
        other_activity=facts.other_activity,
        prior_missions=facts.prior_missions,
    )
    verdict = check(changed, what)
    assert (verdict.reasons, verdict.warnings) == spec_verdict(facts, what)


# --- Invariants of the verdict --------------------------------------------------------------


@settings(deadline=None)
@given(cases())
def test_eligible_exactly_when_there_is_no_reason(case: tuple[Candidate, Contract]) -> None:
    result = check(*case)
    assert result.eligible == (not result.reasons)


@settings(deadline=None)
@given(cases())
def test_reasons_follow_the_rule_order_once_each(case: tuple[Candidate, Contract]) -> None:
    reasons = check(*case).reasons
    order = list(Reason)
    assert list(reasons) == sorted(set(reasons), key=order.index)


@settings(deadline=None)
@given(cases())
def test_under_18_and_below_min_age_never_come_together(case: tuple[Candidate, Contract]) -> None:
    reasons = check(*case).reasons
    assert not {Reason.UNDER_18, Reason.BELOW_MIN_AGE} <= set(reasons)


@settings(deadline=None)
@given(cases(), countries)
def test_adding_a_nationality_never_removes_a_reason_but_reciprocity(
    case: tuple[Candidate, Contract], extra: str
) -> None:
    # A nationality from outside the EEA meets the French reciprocity rule (R9): that reason
    # alone may go. Every other reason stays.
    who, what = case
    more = replace(who, nationalities=who.nationalities | {extra})
    before = set(check(who, what).reasons) - {Reason.FRANCE_RECIPROCITY_NOT_MET}
    assert before <= set(check(more, what).reasons)


@settings(deadline=None)
@given(cases(), st.sampled_from(sorted(SPEC_EEA)))
def test_adding_an_eea_nationality_never_removes_a_reason(
    case: tuple[Candidate, Contract], extra: str
) -> None:
    who, what = case
    more = replace(who, nationalities=who.nationalities | {extra})
    assert set(check(who, what).reasons) <= set(check(more, what).reasons)


@settings(deadline=None)
@given(cases(), st.data())
def test_shortening_a_contract_never_adds_length_reasons(
    case: tuple[Candidate, Contract], data: st.DataObject
) -> None:
    who, what = case
    length = (what.end - what.start).days
    cut_start = data.draw(st.integers(0, length))
    cut_end = data.draw(st.integers(0, length - cut_start))
    shorter = replace(
        what,
        start=what.start + timedelta(days=cut_start),
        end=what.end - timedelta(days=cut_end),
    )
    length_reasons = {Reason.CONTRACT_OVER_2_YEARS, Reason.LIFETIME_CAP_EXCEEDED}
    added = set(check(who, shorter).reasons) - set(check(who, what).reasons)
    assert not added & length_reasons


@settings(deadline=None)
@given(cases(), periods(max_days=1200))
def test_adding_a_prior_mission_never_removes_a_reason(
    case: tuple[Candidate, Contract], prior: Period
) -> None:
    who, what = case
    more = replace(who, prior_missions=(*who.prior_missions, prior))
    assert set(check(who, what).reasons) <= set(check(more, what).reasons)


@settings(deadline=None)
@given(cases(), st.integers(0, 10))
def test_raising_the_minimum_age_never_removes_a_reason(
    case: tuple[Candidate, Contract], extra: int
) -> None:
    who, what = case
    older = replace(what, min_age=what.min_age + extra)
    assert set(check(who, what).reasons) <= set(check(who, older).reasons)


@settings(deadline=None)
@given(cases())
def test_age_reasons_agree_with_the_age_on_the_start(case: tuple[Candidate, Contract]) -> None:
    who, what = case
    age = age_on(who.birth_date, what.start)
    reasons = check(who, what).reasons
    assert (Reason.UNDER_18 in reasons) == (age < 18)
    assert (Reason.BELOW_MIN_AGE in reasons) == (18 <= age < what.min_age)


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
