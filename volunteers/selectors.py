"""Reads about volunteers, and the bridge from a profile to the rules' Candidate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vsi_portal.eligibility import Candidate, Leave, Period
from vsi_portal.entitlements import (
    LIFETIME_CAP_DAYS,
    Resettlement,
    days,
    insertion_premium_deadline,
    leave_days,
    lifetime_days_used,
    pension_quarters,
    reaches_twelve_months,
    resettlement_allowance,
)
from vsi_portal.geography import FRANCE, sovereign_state

from .models import Document, PriorMission, Volunteer


def volunteer_for_user(user) -> Volunteer | None:
    """The signed-in person's volunteer profile, if they have one."""
    if not user.is_authenticated:
        return None
    return (
        Volunteer.objects.filter(user=user)
        .prefetch_related("prior_missions", "languages", "contracts")
        .first()
    )


def volunteer_missing_facts(volunteer: Volunteer) -> list[str]:
    """The names of the profile fields the rules still need (empty when complete)."""
    missing = []
    if volunteer.birth_date is None:
        missing.append("birth_date")
    if not volunteer.nationalities:
        missing.append("nationalities")
    if not volunteer.residence:
        missing.append("residence")
    if (
        volunteer.employed
        and volunteer.leave_kind
        and not (volunteer.leave_start and volunteer.leave_end)
    ):
        missing.append("leave_dates")
    return missing


def candidate_for(
    volunteer: Volunteer,
    *,
    served: Iterable[Period] | None = None,
    exclude_contract_pk: int | None = None,
) -> Candidate | None:
    """The volunteer as the rules see them, or None while their profile lacks a fact.

    Their prior VSI days are, by default, `served_periods(volunteer)`: the declared
    missions and the days served through the portal's contracts (the search filter and
    the verdict on a mission page read them so). A caller that builds its own list (the
    eligibility re-run adds the contracts committed but not started) passes `served`,
    which then comes on top of the declared missions; `exclude_contract_pk` leaves out
    the contract being checked.
    """
    if volunteer_missing_facts(volunteer):
        return None
    leave = None
    if volunteer.employed and volunteer.leave_kind:
        leave = Leave(volunteer.leave_kind, volunteer.leave_start, volunteer.leave_end)
    if served is None:
        prior = tuple(served_periods(volunteer, exclude_contract_pk=exclude_contract_pk))
    else:
        declared = (Period(p.start_on, p.end_on) for p in volunteer.prior_missions.all())
        prior = (*declared, *served)
    return Candidate(
        birth_date=volunteer.birth_date,
        nationalities=frozenset(country.code for country in volunteer.nationalities),
        residence=volunteer.residence.code,
        employed=volunteer.employed,
        leave=leave,
        other_activity=volunteer.other_activity,
        prior_missions=prior,
    )


# --- Completeness ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileItem:
    key: str
    label: str
    done: bool
    needed_to_apply: bool


@dataclass(frozen=True)
class Completeness:
    items: tuple[ProfileItem, ...]

    @property
    def done(self) -> int:
        return sum(item.done for item in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def missing(self) -> tuple[ProfileItem, ...]:
        return tuple(item for item in self.items if not item.done)

    @property
    def can_apply(self) -> bool:
        """Every fact the rules need is known (what `candidate_for` needs)."""
        return not any(item.needed_to_apply for item in self.missing)

    @property
    def is_complete(self) -> bool:
        return not self.missing


FACT_LABELS = {
    "birth_date": _("Birth date"),
    "nationalities": _("Nationalities"),
    "residence": _("Country of residence"),
    "leave_dates": _("Dates of your leave"),
}


def profile_completeness(
    volunteer: Volunteer | None, *, has_cv: bool | None = None
) -> Completeness:
    """What the profile holds and lacks: the facts the rules need, then what helps associations.

    `has_cv` avoids a query when the caller already knows; the languages are read from the
    prefetch cache when `volunteer_for_user` loaded the profile.
    """
    missing_facts = set(volunteer_missing_facts(volunteer)) if volunteer else set(FACT_LABELS)
    items = [
        ProfileItem(key, label, key not in missing_facts, True)
        for key, label in FACT_LABELS.items()
        if key != "leave_dates" or (volunteer and volunteer.employed and volunteer.leave_kind)
    ]
    if volunteer is not None and has_cv is None:
        has_cv = Document.objects.filter(volunteer=volunteer, kind=Document.Kind.CV).exists()
    items += [
        ProfileItem(
            "languages", _("Languages spoken"), bool(volunteer and volunteer.languages.all()), False
        ),
        ProfileItem("skills", _("Skills"), bool(volunteer and volunteer.skills.strip()), False),
        ProfileItem(
            "domains_of_interest",
            _("Domains of interest"),
            bool(volunteer and volunteer.domains_of_interest),
            False,
        ),
        ProfileItem(
            "presentation",
            _("Short presentation"),
            bool(volunteer and volunteer.presentation.strip()),
            False,
        ),
        ProfileItem("cv", _("CV"), bool(has_cv), False),
    ]
    return Completeness(tuple(items))


# --- The 6-year ledger -------------------------------------------------------------------


SERVED_CONTRACT_STATUSES = ("active", "completed", "ended_early")


def contract_served_period(contract, *, today: date | None = None) -> Period | None:
    """The days of VSI a portal contract has served so far, or None if none yet.

    Active: its start to today (or to its planned end, if that came first); completed: its
    start to its planned end; ended early: its start to the day it ended (or to today while
    the notice runs: an early end is recorded with a last day up to months ahead). A planned
    contract has served nothing (its days are counted, as committed ones, by the
    eligibility re-run of `missions.selectors.volunteer_candidate`).
    """
    today = today or timezone.localdate()
    if contract.status == "active":
        end = min(today, contract.end_on)
    elif contract.status == "completed":
        end = contract.end_on
    elif contract.status == "ended_early":
        end = min(today, contract.ended_on or contract.end_on)
    else:
        return None
    if end < contract.start_on:
        return None
    return Period(contract.start_on, end)


def served_periods(
    volunteer: Volunteer, *, today: date | None = None, exclude_contract_pk: int | None = None
) -> list[Period]:
    """Every VSI period the volunteer has served, for the 6-year ledger and the rules.

    The one list: the prior missions they declared, then the days served through the
    portal's contracts (`contract_served_period`). The ledger, `candidate_for` (the search
    filter and the verdict on a mission page) and the eligibility re-run when a contract is
    signed all read it. Both relations are read from the prefetch cache when loaded
    (`volunteer_for_user`); otherwise each costs one query. `exclude_contract_pk` leaves one
    contract out, for re-checking that very contract.
    """
    if volunteer.pk is None:
        return []
    periods = [Period(prior.start_on, prior.end_on) for prior in volunteer.prior_missions.all()]
    today = today or timezone.localdate()
    for contract in _contracts_of(volunteer):
        if contract.pk == exclude_contract_pk:
            continue
        period = contract_served_period(contract, today=today)
        if period is not None:
            periods.append(period)
    return periods


def _contracts_of(volunteer: Volunteer) -> list:
    """The volunteer's contracts that have served days (from the prefetch cache if loaded)."""
    cache = getattr(volunteer, "_prefetched_objects_cache", {})
    if "contracts" in cache:
        return [c for c in cache["contracts"] if c.status in SERVED_CONTRACT_STATUSES]
    return list(
        volunteer.contracts.filter(status__in=SERVED_CONTRACT_STATUSES).only(
            "pk", "volunteer_id", "status", "start_on", "end_on", "ended_on"
        )
    )


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


# --- Prior missions ----------------------------------------------------------------------


def prior_missions_for_volunteer(volunteer: Volunteer | None) -> QuerySet[PriorMission]:
    if volunteer is None:
        return PriorMission.objects.none()
    return PriorMission.objects.filter(volunteer=volunteer).order_by("start_on", "pk")


def overlapping_prior_mission_ids(prior_missions: Iterable[PriorMission]) -> set[int]:
    """The ids of declared missions that share at least one day with another one."""
    ordered = sorted(prior_missions, key=lambda p: (p.start_on, p.end_on, p.pk))
    overlapping: set[int] = set()
    latest_end = None
    latest_pk = None
    for prior in ordered:
        if latest_end is not None and prior.start_on <= latest_end:
            overlapping.update({prior.pk, latest_pk})
        if latest_end is None or prior.end_on > latest_end:
            latest_end, latest_pk = prior.end_on, prior.pk
    return overlapping


# --- Documents ---------------------------------------------------------------------------


def documents_for_volunteer(volunteer: Volunteer | None) -> QuerySet[Document]:
    if volunteer is None:
        return Document.objects.none()
    return Document.objects.for_volunteer(volunteer).select_related("checked_by")


def _staff_of_applied_association(document: Document, user) -> bool:
    """Whether `user` is on the staff of an association whose mission the volunteer applied to.

    Any application, whatever its status: staff may look back at the CV of a person they
    reviewed.
    """
    application_model = apps.get_model("missions", "Application")
    return application_model.objects.filter(
        volunteer_id=document.volunteer_id,
        mission__association__memberships__user=user,
    ).exists()


def _staff_of_contract_association(document: Document, user) -> bool:
    """Whether `user` is on the staff of an association holding a planned or running contract
    with the volunteer: they check the extract before the departure (R12)."""
    contract_model = apps.get_model("missions", "Contract")
    return (
        contract_model.objects.running()
        .filter(volunteer_id=document.volunteer_id, association__memberships__user=user)
        .exists()
    )


def document_viewable_by(document: Document, user) -> bool:
    """Whether `user` may download `document` (the only gate of the download view).

    The owner always; a CV also for the staff (Membership) of an association the volunteer
    applied to; a criminal record extract also for the staff of the association holding the
    volunteer's contract. Nobody else, not even France Volontaires admins through this view.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if document.volunteer.user_id == user.pk:
        return True
    if document.kind == Document.Kind.CV:
        return _staff_of_applied_association(document, user)
    if document.kind == Document.Kind.CRIMINAL_RECORD:
        return _staff_of_contract_association(document, user)
    return False


# --- "My VSI": the contract, its entitlements and the end-of-mission aids ----------------


@dataclass(frozen=True)
class PremiumCondition:
    """One condition of the insertion premium (R19).

    `met` is True or False for a fact the portal knows from the contract, and None for a
    personal situation only the volunteer knows (shown as a question).
    """

    key: str
    label: str
    met: bool | None

    @property
    def is_question(self) -> bool:
        return self.met is None


@dataclass(frozen=True)
class InsertionPremium:
    conditions: tuple[PremiumCondition, ...]
    deadline: date
    requested_on: date | None

    @property
    def facts_met(self) -> bool:
        """Every condition the contract decides is met (the personal ones remain to check)."""
        return all(c.met for c in self.conditions if c.met is not None)

    @property
    def failed(self) -> tuple[PremiumCondition, ...]:
        return tuple(c for c in self.conditions if c.met is False)

    def days_left(self, today: date) -> int:
        return (self.deadline - today).days


def broken_without_compelling_reason(contract) -> bool:
    """Whether the volunteer broke the contract without a compelling reason (R19 loses the premium).

    *Choice*: only an early end at the volunteer's own decision counts as the volunteer
    breaking the contract; an end decided by the association, by mutual agreement or for
    health, family or security does not, and a compelling reason recorded by staff always
    keeps the premium.
    """
    return (
        contract.status == "ended_early"
        and contract.end_reason == "volunteer"
        and not contract.compelling_reason
    )


def insertion_premium(contract) -> InsertionPremium:
    """The insertion premium's conditions for a contract, its deadline, and whether requested.

    The contract's facts are evaluated with the rules modules: a contract of at least
    12 months date-to-date (its planned dates: *Choice*, an early end for a compelling
    reason keeps the premium, so the contract's length is what counts), not hosted in
    France (the State judged by `geography.sovereign_state`), not broken without a
    compelling reason. Registered as a job seeker, not eligible for RSA and no other
    job-seeking aid are the volunteer's to answer.
    """
    conditions = (
        PremiumCondition(
            "twelve_months",
            _("Your contract lasts at least 12 months"),
            reaches_twelve_months(contract.start_on, contract.end_on),
        ),
        PremiumCondition(
            "not_in_france",
            _("Your mission was not hosted in France"),
            sovereign_state(contract.country.code) != FRANCE,
        ),
        PremiumCondition(
            "not_broken",
            _("You did not break your contract without a compelling reason"),
            not broken_without_compelling_reason(contract),
        ),
        PremiumCondition(
            "job_seeker", _("Are you registered as a job seeker (France Travail)?"), None
        ),
        PremiumCondition("no_rsa", _("Are you not eligible for the RSA?"), None),
        PremiumCondition("no_other_aid", _("Do you receive no other aid for job seekers?"), None),
    )
    return InsertionPremium(
        conditions=conditions,
        deadline=insertion_premium_deadline(contract.last_day),
        requested_on=contract.insertion_premium_requested_on,
    )


def contract_resettlement(contract, volunteer: Volunteer | None) -> Resettlement:
    """The resettlement allowance (R18) at the end of `contract`.

    Computed over the served chain that ends with this contract: the volunteer's served
    periods (`served_periods`) up to its last day, so that an earlier contract or a declared
    mission just before it, with no gap, counts as one continuous mission.
    """
    periods = served_periods(volunteer) if volunteer is not None else []
    this = contract_served_period(contract, today=contract.last_day)
    chain = [p for p in periods if p.end <= contract.last_day]
    if this is not None:
        chain.append(this)
    return resettlement_allowance(
        chain,
        public_official=bool(volunteer and volunteer.public_official),
        compelling_reason=contract.compelling_reason,
    )


@dataclass(frozen=True)
class TimelineEntry:
    """One VSI mission in the volunteer's timeline: declared, or a contract of the portal."""

    title: str
    association: str
    country: Any
    start: date
    end: date
    days: int
    contract: Any = None  # the portal's Contract, None for a declared mission

    @property
    def declared(self) -> bool:
        return self.contract is None


@dataclass(frozen=True)
class ContractView:
    """A contract as the volunteer reads it on "My VSI", with what the rules give."""

    contract: Any
    leave_days: int
    pension_quarters: tuple[tuple[int, int], ...]
    reaches_twelve_months: bool
    missing_prerequisites: tuple[str, ...]
    days_to_start: int
    days_to_end: int


@dataclass(frozen=True)
class EndOfMission:
    contract: Any
    resettlement: Resettlement
    premium: InsertionPremium
    premium_days_left: int


@dataclass(frozen=True)
class MyVsi:
    current: ContractView | None
    ended: EndOfMission | None
    timeline: tuple[TimelineEntry, ...]


def has_ended(contract, today: date) -> bool:
    """Whether the contract's last day has passed (an active one past its planned end too)."""
    if contract.status in ("completed", "ended_early"):
        return contract.last_day < today or contract.status == "completed"
    return contract.status == "active" and contract.end_on < today


def _contracts_with_mission():
    return (
        apps.get_model("missions", "Contract")
        .objects.select_related("mission", "association")
        .order_by("-start_on", "-pk")
    )


def volunteer_for_my_vsi(user) -> Volunteer | None:
    """The person's profile with prior missions and contracts (mission, association): 3 queries."""
    if not user.is_authenticated:
        return None
    return (
        Volunteer.objects.filter(user=user)
        .prefetch_related("prior_missions", Prefetch("contracts", _contracts_with_mission()))
        .first()
    )


def volunteer_contracts(volunteer: Volunteer | None) -> list:
    """The volunteer's contracts, newest first, with their mission and association."""
    if volunteer is None:
        return []
    if "contracts" in getattr(volunteer, "_prefetched_objects_cache", {}):
        return list(volunteer.contracts.all())
    return list(_contracts_with_mission().filter(volunteer=volunteer))


def contract_view(contract, *, today: date) -> ContractView:
    # Imported here: missions.services imports this module (the rules bridge).
    from missions.services import contract_missing_prerequisites

    missing = ()
    if contract.status == "planned":
        missing = tuple(contract_missing_prerequisites(contract))
    return ContractView(
        contract=contract,
        leave_days=leave_days(contract.start_on, contract.last_day),
        pension_quarters=tuple(
            sorted(pension_quarters(contract.start_on, contract.last_day).items())
        ),
        reaches_twelve_months=reaches_twelve_months(contract.start_on, contract.end_on),
        missing_prerequisites=missing,
        days_to_start=(contract.start_on - today).days,
        days_to_end=(contract.last_day - today).days,
    )


def my_vsi(volunteer: Volunteer | None, *, today: date | None = None) -> MyVsi:
    """Everything "My VSI" shows: the current or next contract, the aids after the last
    one that ended, and the timeline of every mission (newest first).

    Three queries: the profile's prior missions, the contracts (with mission and
    association), whatever their number (`volunteer` comes from `volunteer_for_user`).
    """
    today = today or timezone.localdate()
    if volunteer is None:
        return MyVsi(current=None, ended=None, timeline=())
    contracts = volunteer_contracts(volunteer)
    # Under way: active, or ended early while the notice runs (its last day is ahead).
    running = [
        c for c in contracts if c.status in ("active", "ended_early") and not has_ended(c, today)
    ]
    planned = sorted((c for c in contracts if c.status == "planned"), key=lambda c: c.start_on)
    current_contract = running[0] if running else (planned[0] if planned else None)
    ended_contracts = sorted(
        (c for c in contracts if has_ended(c, today)), key=lambda c: (c.last_day, c.pk)
    )
    ended = None
    if ended_contracts:
        last = ended_contracts[-1]
        premium = insertion_premium(last)
        ended = EndOfMission(
            contract=last,
            resettlement=contract_resettlement(last, volunteer),
            premium=premium,
            premium_days_left=premium.days_left(today),
        )
    timeline = [
        TimelineEntry(
            title=prior.association_name,
            association=prior.association_name,
            country=prior.country,
            start=prior.start_on,
            end=prior.end_on,
            days=days(Period(prior.start_on, prior.end_on)),
        )
        for prior in volunteer.prior_missions.all()
    ]
    for contract in contracts:
        served = contract_served_period(contract, today=today)
        planned_period = Period(contract.start_on, contract.last_day)
        timeline.append(
            TimelineEntry(
                title=contract.mission.title,
                association=contract.association.name,
                country=contract.country,
                start=contract.start_on,
                end=contract.last_day,
                days=days(served) if served else days(planned_period),
                contract=contract,
            )
        )
    timeline.sort(key=lambda entry: (entry.start, entry.end), reverse=True)
    return MyVsi(
        current=contract_view(current_contract, today=today) if current_contract else None,
        ended=ended,
        timeline=tuple(timeline),
    )
