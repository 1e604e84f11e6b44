"""Who may sign a VSI contract for which mission: ``check(candidate, contract) -> Verdict``.

Pure Python (no Django). Sources: loi n° 2005-159 art. 1-7, décret n° 2022-1067,
service-public.fr F11444; docs/rules.md gives each rule, its source and the choices made.

One rule, one place: ``check`` and the mission search share the same building blocks.
``candidate_constraints(candidate)`` derives, from the volunteer's facts only, a frozen
``CandidateConstraints`` (blocked, excluded States, earliest start per minimum age, leave
window, days left, prior missions), once per candidate; ``contract_reasons(contract)`` gives
the reasons that depend on the mission only; each rule is a small predicate
``rule(constraints, contract) -> bool`` and ``check`` runs exactly these. The search turns
the same constraints into a database filter without restating a rule (docs/rules.md, "How
the mission search reuses the rules"); tests/rules/test_properties.py proves on generated
volunteers and contracts that the filter agrees with ``check``.

Malformed facts (end before start, an unknown country code, no nationality, an unknown
leave kind, a minimum age below 18) raise ``ValueError`` naming the field: never "ineligible".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vsi_portal.entitlements import (
    ADULT_AGE,
    LIFETIME_CAP_DAYS,
    Period,
    as_period,
    birthday,
    contract_last_day,
    days,
    lifetime_days_used,
    require_date,
    require_span,
)
from vsi_portal.geography import (
    EEA,
    FRANCE,
    ISO_3166_ALPHA2,
    OVERSEAS_COLLECTIVITIES,
    TERRITORY_STATE,
    validate_code,
)

__all__ = [
    "Candidate",
    "CandidateConstraints",
    "Contract",
    "Leave",
    "LeaveKind",
    "Period",
    "Reason",
    "Verdict",
    "Warning",
    "candidate_constraints",
    "check",
    "contract_reasons",
    "destination",
]


class Reason(StrEnum):
    """Why a candidate may not sign a contract, in the order of the rules (R1 to R11)."""

    UNDER_18 = "UNDER_18"
    BELOW_MIN_AGE = "BELOW_MIN_AGE"
    EMPLOYED = "EMPLOYED"
    LEAVE_DOES_NOT_COVER_CONTRACT = "LEAVE_DOES_NOT_COVER_CONTRACT"
    OTHER_PROFESSIONAL_ACTIVITY = "OTHER_PROFESSIONAL_ACTIVITY"
    ORGANISATION_NOT_APPROVED = "ORGANISATION_NOT_APPROVED"
    NATIONALITY_COUNTRY = "NATIONALITY_COUNTRY"
    RESIDENCE_COUNTRY = "RESIDENCE_COUNTRY"
    EU_EEA_DESTINATION = "EU_EEA_DESTINATION"
    FRANCE_RECIPROCITY_NOT_MET = "FRANCE_RECIPROCITY_NOT_MET"
    CONTRACT_OVER_2_YEARS = "CONTRACT_OVER_2_YEARS"
    LIFETIME_CAP_EXCEEDED = "LIFETIME_CAP_EXCEEDED"
    OVERLAPS_PRIOR_MISSION = "OVERLAPS_PRIOR_MISSION"


class Warning(StrEnum):  # shadows the builtin on purpose: the specification names it so
    """What the person or staff should know; a warning never blocks a contract."""

    EUROPEAN_SOLIDARITY_CORPS = "EUROPEAN_SOLIDARITY_CORPS"
    EU_NATIONAL_IN_FRANCE = "EU_NATIONAL_IN_FRANCE"
    OVERSEAS_COLLECTIVITY = "OVERSEAS_COLLECTIVITY"


class LeaveKind(StrEnum):
    """The leaves during which an employee may serve a VSI (R4)."""

    SABBATICAL = "sabbatical"
    SOLIDARITY = "solidarity"


# --- Facts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Leave:
    """A sabbatical or international solidarity leave granted by the employer."""

    kind: str
    start: date
    end: date

    def __post_init__(self) -> None:
        try:
            kind = LeaveKind(self.kind)
        except ValueError:
            raise ValueError(
                f"Leave.kind must be 'sabbatical' or 'solidarity', not {self.kind!r}"
            ) from None
        object.__setattr__(self, "kind", kind)
        require_span(self.start, self.end, "Leave.start", "Leave.end")

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)


def _nationalities(value: object) -> frozenset[str]:
    if type(value) is frozenset:  # the specified type: already a set of hashable values
        codes = value
    # A bare string would be read letter by letter: refuse it rather than judge "F" and "R".
    elif isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"Candidate.nationalities must be a set of country codes, not {value!r}")
    else:
        try:
            codes = frozenset(value)
        except TypeError:
            raise ValueError(
                f"Candidate.nationalities must be a set of country codes, not {value!r}"
            ) from None
    if not codes:
        raise ValueError("Candidate.nationalities is empty: at least one nationality is needed")
    if not codes <= ISO_3166_ALPHA2:
        # Name the first wrong code in a stable order, so the message does not vary.
        for code in sorted(codes, key=repr):
            validate_code(code, "Candidate.nationalities")
    return codes


def _prior_missions(value: object) -> tuple[Period, ...]:
    if value == ():
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"Candidate.prior_missions must be a tuple of Period, not {value!r}")
    return tuple(
        as_period(period, f"Candidate.prior_missions[{index}]")
        for index, period in enumerate(value)
    )


@dataclass(frozen=True)
class Candidate:
    """The volunteer's facts the rules need.

    ``prior_missions`` are the VSI days actually served, for any association, before this
    contract. Sets and lists are accepted and stored as a frozenset and a tuple.
    """

    birth_date: date
    nationalities: frozenset[str]
    residence: str
    employed: bool = False
    leave: Leave | None = None
    other_activity: bool = False
    prior_missions: tuple[Period, ...] = ()

    def __post_init__(self) -> None:
        require_date(self.birth_date, "Candidate.birth_date")
        object.__setattr__(self, "nationalities", _nationalities(self.nationalities))
        validate_code(self.residence, "Candidate.residence")
        if self.leave is not None and not isinstance(self.leave, Leave):
            raise ValueError(f"Candidate.leave must be a Leave or None, not {self.leave!r}")
        object.__setattr__(self, "prior_missions", _prior_missions(self.prior_missions))


@dataclass(frozen=True)
class Contract:
    """The mission's facts: where, when, the organisation's own minimum age and approval.

    *Choice*: a ``min_age`` below 18 is refused (ValueError) rather than ignored: the law
    already requires 18, so a lower minimum is a data error in the mission, not a rule.
    """

    country: str
    start: date
    end: date
    min_age: int = ADULT_AGE
    organisation_approved: bool = True

    def __post_init__(self) -> None:
        validate_code(self.country, "Contract.country")
        require_span(self.start, self.end, "Contract.start", "Contract.end")
        if isinstance(self.min_age, bool) or not isinstance(self.min_age, int):
            raise ValueError(f"Contract.min_age must be a whole number, not {self.min_age!r}")
        if self.min_age < ADULT_AGE:
            raise ValueError(f"Contract.min_age must be at least 18, not {self.min_age}")

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)


@dataclass(frozen=True)
class Verdict:
    """The outcome of ``check``: ``eligible`` is True exactly when ``reasons`` is empty."""

    eligible: bool
    reasons: tuple[Reason, ...]
    warnings: tuple[Warning, ...]


# --- What depends on the volunteer only -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class CandidateConstraints:
    """Everything the rules need from a candidate, in the shape a database query needs.

    Built by ``candidate_constraints``; ``check`` and the mission search both read it.
    """

    birth_date: date
    adult_from: date
    nationality_states: frozenset[str]
    residence_state: str
    holds_eea_nationality: bool
    reciprocity_met: bool
    employed_without_leave: bool
    other_activity: bool
    leave_window: Period | None
    days_left: int
    prior_missions: tuple[Period, ...]

    @property
    def blocked(self) -> bool:
        """True when a volunteer-only reason applies whatever the mission (R4)."""
        return self.employed_without_leave or self.other_activity

    @property
    def excluded_states(self) -> frozenset[str]:
        """The States no mission may be in for this volunteer (R6 to R9)."""
        excluded = self.nationality_states | {self.residence_state} | (EEA - {FRANCE})
        return excluded if self.reciprocity_met else excluded | {FRANCE}

    def earliest_start_for_age(self, min_age: int = ADULT_AGE) -> date:
        """The first start date at which the volunteer is old enough (R1 and R2)."""
        return birthday(self.birth_date, max(ADULT_AGE, min_age))


# The facts were validated when built (``Candidate``, ``Contract``), so their codes are known
# ISO codes: the rules look their State up directly instead of validating them again on
# every check (``geography.sovereign_state`` is the same lookup, with the validation).
_state_of = TERRITORY_STATE.get

_CONSTRAINTS = "_constraints"
"""Where a ``Candidate`` keeps its constraints once derived: its instance ``__dict__``, which
the dataclass machinery (fields, ``==``, ``hash``, ``repr``, ``replace``) never reads."""


def candidate_constraints(candidate: Candidate) -> CandidateConstraints:
    """The constraints every rule reads, derived from the candidate's facts only.

    Derived once per ``Candidate`` and kept on it: a candidate is frozen and so are its
    facts (codes, a frozenset, a tuple of frozen periods, a frozen leave), so its
    constraints cannot change, and the mission list checks one candidate against many
    missions. ``dataclasses.replace`` builds a new candidate, which derives its own.
    """
    memo = candidate.__dict__
    constraints = memo.get(_CONSTRAINTS)
    if constraints is None:
        constraints = memo[_CONSTRAINTS] = derive_constraints(candidate)
    return constraints


def derive_constraints(candidate: Candidate) -> CandidateConstraints:
    """Compute, from the candidate's facts only, the constraints every rule reads."""
    nationalities = candidate.nationalities
    if nationalities.isdisjoint(TERRITORY_STATE):  # the common case: States only
        nationality_states = nationalities
    else:
        nationality_states = frozenset(_state_of(code, code) for code in nationalities)
    residence = candidate.residence
    residence_state = _state_of(residence, residence)
    is_employed = bool(candidate.employed)
    leave = candidate.leave
    prior_missions = candidate.prior_missions
    birth_date = candidate.birth_date
    return CandidateConstraints(
        birth_date=birth_date,
        adult_from=birthday(birth_date, ADULT_AGE),
        nationality_states=nationality_states,
        residence_state=residence_state,
        holds_eea_nationality=not nationality_states.isdisjoint(EEA),
        # R9: France hosts nationals or residents of a country outside the EU and the EEA.
        reciprocity_met=not nationality_states <= EEA or residence_state not in EEA,
        employed_without_leave=is_employed and leave is None,
        other_activity=bool(candidate.other_activity),
        leave_window=Period(leave.start, leave.end) if is_employed and leave else None,
        days_left=(
            LIFETIME_CAP_DAYS - lifetime_days_used(prior_missions)
            if prior_missions
            else LIFETIME_CAP_DAYS
        ),
        prior_missions=prior_missions,
    )


def destination(contract: Contract) -> str:
    """D: the State the mission country is judged as."""
    country = contract.country
    return _state_of(country, country)


# --- The rules, one predicate each, True when the rule fails ---------------------------------

Rule = Callable[[CandidateConstraints, Contract], bool]
ContractRule = Callable[[Contract], bool]


def under_18(c: CandidateConstraints, contract: Contract) -> bool:
    """R1 (loi art. 1): the volunteer is an adult on the contract's start.

    *Choice*: age is checked at the start, so an application may be filed before 18.
    """
    return contract.start < c.adult_from


def below_min_age(c: CandidateConstraints, contract: Contract) -> bool:
    """R2: the organisation's own minimum (e.g. 21); only once R1 is met, to report one age."""
    # With no minimum above 18 the rule cannot fail: skip computing that birthday.
    return contract.min_age > ADULT_AGE and (
        c.adult_from <= contract.start < c.earliest_start_for_age(contract.min_age)
    )


def employed(c: CandidateConstraints, contract: Contract) -> bool:
    """R4: no employment contract, unless suspended by a sabbatical or solidarity leave."""
    return c.employed_without_leave


def leave_does_not_cover_contract(c: CandidateConstraints, contract: Contract) -> bool:
    """R4: the leave that suspends the employment contract must span the whole VSI."""
    return c.leave_window is not None and not c.leave_window.contains(contract)


def other_professional_activity(c: CandidateConstraints, contract: Contract) -> bool:
    """R4 (loi art. 1): the contract excludes any other professional activity."""
    return c.other_activity


def organisation_not_approved(contract: Contract) -> bool:
    """R5 (loi art. 1 and 9): only an approved association or GIP signs VSI contracts."""
    return not contract.organisation_approved


def nationality_country(c: CandidateConstraints, contract: Contract) -> bool:
    """R6 (loi art. 1): not in a State whose nationality the volunteer holds."""
    return destination(contract) in c.nationality_states


def residence_country(c: CandidateConstraints, contract: Contract) -> bool:
    """R7 (loi art. 1): not in the State where the volunteer regularly resides."""
    return destination(contract) == c.residence_state


def eu_eea_destination(contract: Contract) -> bool:
    """R8 (loi art. 1): outside the EU and the EEA (France has its own rule, R9)."""
    d = destination(contract)
    return d in EEA and d != FRANCE


def france_reciprocity_not_met(c: CandidateConstraints, contract: Contract) -> bool:
    """R9: in France only for nationals or residents of a country outside the EU and EEA."""
    return destination(contract) == FRANCE and not c.reciprocity_met


def contract_over_2_years(contract: Contract) -> bool:
    """R10 (loi art. 4): a contract lasts at most 24 months date-to-date.

    *Choice*: the limit is per contract; a new contract may follow.
    """
    return contract.end > contract_last_day(contract.start)


def lifetime_cap_exceeded(c: CandidateConstraints, contract: Contract) -> bool:
    """R11 (loi art. 4): at most 6 years (2191 days) of VSI over a lifetime."""
    return days(contract) > c.days_left


def overlaps_prior_mission(c: CandidateConstraints, contract: Contract) -> bool:
    """R11: a contract cannot share a day with a mission already served."""
    return bool(c.prior_missions) and any(prior.overlaps(contract) for prior in c.prior_missions)


CONTRACT_RULES: tuple[tuple[Reason, ContractRule], ...] = (
    (Reason.ORGANISATION_NOT_APPROVED, organisation_not_approved),
    (Reason.EU_EEA_DESTINATION, eu_eea_destination),
    (Reason.CONTRACT_OVER_2_YEARS, contract_over_2_years),
)
"""The rules that read the mission only: they hold or fail whoever the volunteer is."""


def _whoever(rule: ContractRule) -> Rule:
    """Let a mission-only rule sit among the others; it ignores the candidate."""

    def whoever_applies(c: CandidateConstraints, contract: Contract) -> bool:
        return rule(contract)

    whoever_applies.__name__ = rule.__name__
    whoever_applies.__doc__ = rule.__doc__
    return whoever_applies


RULES: tuple[tuple[Reason, Rule], ...] = (
    (Reason.UNDER_18, under_18),
    (Reason.BELOW_MIN_AGE, below_min_age),
    (Reason.EMPLOYED, employed),
    (Reason.LEAVE_DOES_NOT_COVER_CONTRACT, leave_does_not_cover_contract),
    (Reason.OTHER_PROFESSIONAL_ACTIVITY, other_professional_activity),
    (Reason.ORGANISATION_NOT_APPROVED, _whoever(organisation_not_approved)),
    (Reason.NATIONALITY_COUNTRY, nationality_country),
    (Reason.RESIDENCE_COUNTRY, residence_country),
    (Reason.EU_EEA_DESTINATION, _whoever(eu_eea_destination)),
    (Reason.FRANCE_RECIPROCITY_NOT_MET, france_reciprocity_not_met),
    (Reason.CONTRACT_OVER_2_YEARS, _whoever(contract_over_2_years)),
    (Reason.LIFETIME_CAP_EXCEEDED, lifetime_cap_exceeded),
    (Reason.OVERLAPS_PRIOR_MISSION, overlaps_prior_mission),
)
"""Every rule with its code, in the order reasons are reported (the specification's table)."""


def contract_reasons(contract: Contract) -> tuple[Reason, ...]:
    """The reasons that depend on the mission only, in rule order.

    The mission form refuses them on publication, so the search needs no volunteer to
    apply them, and ``check`` reports the very same ones.
    """
    return tuple(code for code, rule in CONTRACT_RULES if rule(contract))


# --- Warnings -------------------------------------------------------------------------------


def european_solidarity_corps(reasons: tuple[Reason, ...]) -> bool:
    """Point Europeans refused a European mission to the European Solidarity Corps."""
    return Reason.EU_EEA_DESTINATION in reasons or Reason.FRANCE_RECIPROCITY_NOT_MET in reasons


def eu_national_in_france(c: CandidateConstraints, contract: Contract) -> bool:
    """An EU/EEA national hosted in France: staff check the reciprocity documents."""
    return destination(contract) == FRANCE and c.holds_eea_nationality


def overseas_collectivity(c: CandidateConstraints, contract: Contract) -> bool:
    """PF, NC, WF: French law applies there only where it says so, so staff review."""
    return destination(contract) == FRANCE and contract.country in OVERSEAS_COLLECTIVITIES


def warnings_for(
    c: CandidateConstraints, contract: Contract, reasons: tuple[Reason, ...]
) -> tuple[Warning, ...]:
    """The warnings, in their order; those about France only for an eligible candidate."""
    found: list[Warning] = []
    if european_solidarity_corps(reasons):
        found.append(Warning.EUROPEAN_SOLIDARITY_CORPS)
    if not reasons:
        if eu_national_in_france(c, contract):
            found.append(Warning.EU_NATIONAL_IN_FRANCE)
        if overseas_collectivity(c, contract):
            found.append(Warning.OVERSEAS_COLLECTIVITY)
    return tuple(found)


# --- The verdict ----------------------------------------------------------------------------


def failing_rules(c: CandidateConstraints, contract: Contract) -> tuple[Reason, ...]:
    """Every failing rule, not only the first, in rule order."""
    failing = []
    for code, rule in RULES:  # a plain loop: markedly faster than a generator, on every check
        if rule(c, contract):
            failing.append(code)
    return tuple(failing)


def check(candidate: Candidate, contract: Contract) -> Verdict:
    """Tell whether ``candidate`` may sign ``contract``, with every reason and warning."""
    if not isinstance(candidate, Candidate):
        raise ValueError(f"candidate must be a Candidate, not {candidate!r}")
    if not isinstance(contract, Contract):
        raise ValueError(f"contract must be a Contract, not {contract!r}")
    constraints = candidate_constraints(candidate)
    reasons = failing_rules(constraints, contract)
    return Verdict(not reasons, reasons, warnings_for(constraints, contract, reasons))
