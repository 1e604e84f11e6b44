"""Reads about contracts, scoped to who asks, and what a contract gives at its end:
the insertion premium (R19) and the resettlement allowance (R18)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    IntegerField,
    Q,
    QuerySet,
    When,
)
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from volunteers.models import Volunteer
from vsi_portal.entitlements import (
    Resettlement,
    insertion_premium_deadline,
    reaches_twelve_months,
    resettlement_allowance,
)
from vsi_portal.geography import FRANCE, sovereign_state

from ..models import Contract
from .candidates import served_periods


def contracts_for_staff(user) -> QuerySet[Contract]:
    """Every contract of the user's associations: running ones first, then by start."""
    return (
        Contract.objects.for_member(user)
        .select_related("mission", "association", "volunteer__user")
        .annotate(
            status_order=Case(
                When(status=Contract.Status.ACTIVE, then=0),
                When(status=Contract.Status.PLANNED, then=1),
                default=2,
                output_field=IntegerField(),
            )
        )
        .order_by("status_order", "start_on", "pk")
    )


def contract_for_staff(user, pk: int) -> Contract | None:
    return (
        Contract.objects.for_member(user)
        .filter(pk=pk)
        .select_related(
            "mission",
            "association",
            "application",
            "volunteer__user",
            "signed_by",
            "ended_by",
            "criminal_record_checked_by",
        )
        .first()
    )


def administers(user, association_id: int) -> bool:
    """Whether `user` is an administrator of the association: only they sign, start and end
    its contracts and see criminal records (services.contracts.require_contract_admin)."""
    return Association.objects.administered_by(user).filter(pk=association_id).exists()


def contract_for_owner(user, pk: int) -> Contract | None:
    return (
        Contract.objects.of_user(user)
        .filter(pk=pk)
        .select_related("mission", "association", "volunteer__user")
        .first()
    )


def contract_for_certificate(user, pk: int) -> Contract | None:
    """A contract whose certificate this person may download: the volunteer or its staff."""
    if not user.is_authenticated:
        return None
    return (
        Contract.objects.filter(pk=pk)
        .filter(Q(volunteer__user=user) | Q(association__memberships__user=user))
        .select_related("mission", "association", "volunteer__user")
        .distinct()
        .first()
    )


# --- What a contract gives at its end ------------------------------------------------------


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


def insertion_premium(contract: Contract) -> InsertionPremium:
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
            not contract.broken_without_compelling_reason,
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


def contract_resettlement(contract: Contract, volunteer: Volunteer | None) -> Resettlement:
    """The resettlement allowance (R18) at the end of `contract`.

    Computed over the served chain that ends with this contract: the volunteer's served
    periods (`served_periods`) up to its last day, so that an earlier contract or a declared
    mission just before it, with no gap, counts as one continuous mission.
    """
    periods = served_periods(volunteer) if volunteer is not None else []
    this = contract.served_period(today=contract.last_day)
    chain = [p for p in periods if p.end <= contract.last_day]
    if this is not None:
        chain.append(this)
    return resettlement_allowance(
        chain,
        public_official=bool(volunteer and volunteer.public_official),
        compelling_reason=contract.compelling_reason,
    )


# --- The public verification of a certificate -----------------------------------------------


@dataclass(frozen=True)
class VerifiedCertificate:
    """What the public verification page shows of a certificate: these facts, no others."""

    volunteer_name: str
    association: str
    country: str
    first_day: date
    last_day: date


def certificate_by_code(code: str) -> VerifiedCertificate | None:
    """The certificate issued with this (normalised) code, or None.

    A contract whose volunteer deleted their account attests nobody any more: None too.
    """
    if not code:
        return None
    contract = (
        Contract.objects.filter(
            certificate_code=code,
            certificate_issued_at__isnull=False,
            volunteer__isnull=False,
        )
        .select_related("association", "volunteer__user")
        .first()
    )
    if contract is None:
        return None
    return VerifiedCertificate(
        volunteer_name=contract.volunteer.user.full_name,
        association=contract.association.name,
        country=str(contract.country.name),
        first_day=contract.start_on,
        last_day=contract.last_day,
    )
