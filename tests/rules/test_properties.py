"""Invariants of the rules, on generated volunteers, missions and periods (hypothesis)."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.rules.strategies import (
    ONE_DAY,
    candidates_for,
    cases,
    contracts,
    countries,
    periods,
    spec_days,
)
from vsi_portal.eligibility import (
    Candidate,
    CandidateConstraints,
    Contract,
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
    age_on,
)
from vsi_portal.geography import codes_judged_as

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
