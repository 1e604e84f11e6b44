"""The bridge from a person to the rules: their ``Candidate``, a mission's ``Contract``,
the verdict and its words.

``volunteer_with_history`` loads a volunteer with everything the rules read (declared
missions and the portal's contracts, one prefetch each); ``candidate_for`` turns them
into the rules' ``Candidate``; ``verdict_for`` runs ``eligibility.check`` and words every
reason. The mission page, the apply page, the staff's application page, the apply
service and contract creation all go through ``verdict_for``; no view computes a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from volunteers.models import Volunteer
from volunteers.selectors import volunteer_missing_facts
from vsi_portal.eligibility import Candidate, Leave, Period, Verdict, check
from vsi_portal.eligibility import Contract as RulesContract
from vsi_portal.entitlements import LIFETIME_CAP_DAYS, lifetime_days_used
from vsi_portal.explanations import explain_verdict
from vsi_portal.formats import format_day

from ..models import Contract, Mission

# What the rules read of a contract: enough for its committed and served periods.
CONTRACT_DATES = ("pk", "volunteer_id", "status", "start_on", "end_on", "ended_on")


def _with_history(volunteers: QuerySet[Volunteer]) -> QuerySet[Volunteer]:
    return volunteers.prefetch_related(
        "prior_missions", Prefetch("contracts", Contract.objects.only(*CONTRACT_DATES))
    )


def volunteer_with_history(user) -> Volunteer | None:
    """The signed-in person's profile with the declared missions and the contracts the
    rules need (3 queries), or None."""
    if not user.is_authenticated:
        return None
    return _with_history(Volunteer.objects.filter(user=user)).first()


def volunteer_for_rules(volunteer: Volunteer) -> Volunteer:
    """``volunteer`` loaded again with what the rules read (for services given any row)."""
    return _with_history(Volunteer.objects.all()).get(pk=volunteer.pk)


def mission_contract(mission: Mission) -> RulesContract:
    """The contract a mission offers, as the rules see it."""
    return RulesContract(
        country=mission.country.code,
        start=mission.start_on,
        end=mission.end_on,
        min_age=mission.min_age,
        organisation_approved=mission.association.is_approved_on(mission.start_on),
    )


def candidate_for(
    volunteer: Volunteer, *, exclude_contract_pk: int | None = None
) -> Candidate | None:
    """The volunteer as the rules see them, or None while their profile lacks a fact.

    Their prior VSI are the missions they declared and every contract signed through the
    portal and signed by the volunteer at least (``Contract.BINDING_STATUSES``) for the
    days it holds, served or to come (``Contract.committed_period``): the
    rules then see every contract already committed, so that a new one can neither
    overlap it nor push the volunteer past the 6-year cap (a day counted twice counts
    once). ``exclude_contract_pk`` leaves out the contract being checked. The relations
    are read from the prefetch of ``volunteer_with_history`` when loaded. An unsaved
    ``Volunteer`` (an anonymous visitor's answers, ``volunteers.answers``) is judged the
    same way, with no prior mission.
    """
    if volunteer_missing_facts(volunteer):
        return None
    leave = None
    if volunteer.employed and volunteer.leave_kind:
        leave = Leave(volunteer.leave_kind, volunteer.leave_start, volunteer.leave_end)
    return Candidate(
        birth_date=volunteer.birth_date,
        nationalities=frozenset(country.code for country in volunteer.nationalities),
        residence=volunteer.residence.code,
        employed=volunteer.employed,
        leave=leave,
        other_activity=volunteer.other_activity,
        prior_missions=_prior_periods(volunteer, exclude_contract_pk),
    )


def _prior_periods(volunteer: Volunteer, exclude_contract_pk: int | None) -> tuple[Period, ...]:
    """The declared missions and the binding contracts' committed days; none for a profile
    that is not stored (a visitor's answers, ``volunteers.answers``): it has no history."""
    if volunteer.pk is None:
        return ()
    declared = (Period(p.start_on, p.end_on) for p in volunteer.prior_missions.all())
    committed = (
        contract.committed_period
        for contract in volunteer.contracts.all()
        if contract.pk != exclude_contract_pk and contract.status in Contract.BINDING_STATUSES
    )
    return (*declared, *committed)


@dataclass(frozen=True)
class ExplainedVerdict:
    """What the rules say of a volunteer and a contract, in words.

    ``verdict`` is None while the profile lacks a fact the rules need
    (``missing_facts`` names them); otherwise ``reason_texts`` say why the volunteer
    cannot sign (empty when eligible) and ``warning_texts`` what is good to know.
    """

    contract: RulesContract
    candidate: Candidate | None
    verdict: Verdict | None
    missing_facts: tuple[str, ...] = ()
    reason_texts: tuple[str, ...] = ()
    warning_texts: tuple[str, ...] = ()

    @property
    def eligible(self) -> bool:
        return self.verdict is not None and self.verdict.eligible


def verdict_for(
    *, volunteer: Volunteer, contract: RulesContract, exclude_contract_pk: int | None = None
) -> ExplainedVerdict:
    """``eligibility.check`` for this volunteer and contract, with every reason in words."""
    candidate = candidate_for(volunteer, exclude_contract_pk=exclude_contract_pk)
    if candidate is None:
        return ExplainedVerdict(
            contract=contract,
            candidate=None,
            verdict=None,
            missing_facts=tuple(volunteer_missing_facts(volunteer)),
        )
    verdict = check(candidate, contract)
    explanations = explain_verdict(
        verdict, candidate=candidate, contract=contract, format_date=format_day
    )
    texts = [text for _code, text in explanations]
    return ExplainedVerdict(
        contract=contract,
        candidate=candidate,
        verdict=verdict,
        reason_texts=tuple(texts[: len(verdict.reasons)]),
        warning_texts=tuple(texts[len(verdict.reasons) :]),
    )


def card_verdicts(candidate: Candidate, missions) -> list[Verdict]:
    """``eligibility.check`` for each mission of a list, for the badges of its cards.

    No query: the search reads every column ``mission_contract`` needs (``CARD_FIELDS``),
    and the candidate's constraints are derived once for the whole list.
    """
    return [check(candidate, mission_contract(mission)) for mission in missions]


# --- The 6-year ledger -------------------------------------------------------------------


def served_periods(volunteer: Volunteer, *, today: date | None = None) -> list[Period]:
    """Every VSI period the volunteer has served by ``today``: the ledger's days.

    The missions they declared, then the days served through the portal's contracts
    (``Contract.served_period``; a planned contract has served nothing). Both relations
    are read from the prefetch cache when loaded; otherwise each costs one query.
    """
    if volunteer.pk is None:
        return []
    today = today or timezone.localdate()
    periods = [Period(prior.start_on, prior.end_on) for prior in volunteer.prior_missions.all()]
    for contract in volunteer.contracts.all():
        period = contract.served_period(today=today)
        if period is not None:
            periods.append(period)
    return periods


@dataclass(frozen=True)
class Ledger:
    days_served: int
    cap: int = LIFETIME_CAP_DAYS

    @property
    def days_left(self) -> int:
        return max(0, self.cap - self.days_served)

    @property
    def percent_served(self) -> int:
        return min(100, round(100 * self.days_served / self.cap))

    @property
    def cap_reached(self) -> bool:
        return self.days_served >= self.cap


def volunteer_ledger(volunteer: Volunteer | None) -> Ledger:
    """Days of VSI served (overlaps counted once) and left under the 6-year cap (R11)."""
    if volunteer is None:
        return Ledger(days_served=0)
    return Ledger(days_served=lifetime_days_used(served_periods(volunteer)))
