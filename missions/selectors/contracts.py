"""Reads about contracts, scoped to who asks, and what a contract gives at its end:
the insertion premium (R19) and the resettlement allowance (R18)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from volunteers.models import Volunteer
from volunteers.selectors import criminal_record_document
from vsi_portal.entitlements import (
    Resettlement,
    insertion_premium_deadline,
    reaches_twelve_months,
    resettlement_allowance,
)
from vsi_portal.geography import FRANCE, sovereign_state

from ..models import Contract, ContractVersion
from .candidates import served_periods

# The staff's list: what waits for them first (the association's signature, a draft), then
# what waits for the volunteer, then the contracts under way, planned, over.
STAFF_ORDER = (
    Contract.Status.VOLUNTEER_SIGNED,
    Contract.Status.DRAFT,
    Contract.Status.OFFERED,
    Contract.Status.ACTIVE,
    Contract.Status.PLANNED,
)


def contracts_for_staff(user) -> QuerySet[Contract]:
    """Every contract of the user's associations, what waits for the staff first, with the
    status of a pending amendment (``pending_version_status``, None without one)."""
    pending = ContractVersion.objects.filter(
        contract=OuterRef("pk"),
        status__in=ContractVersion.PENDING_STATUSES,
        number__gt=1,
    ).values("status")[:1]
    return (
        Contract.objects.for_member(user)
        .select_related("mission", "association", "volunteer__user")
        .annotate(
            status_order=Case(
                *(When(status=status, then=i) for i, status in enumerate(STAFF_ORDER)),
                default=len(STAFF_ORDER),
                output_field=IntegerField(),
            ),
            pending_version_status=Subquery(pending),
        )
        .order_by("status_order", "start_on", "pk")
    )


def _with_versions(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    return contracts.prefetch_related(
        Prefetch(
            "versions",
            ContractVersion.objects.select_related(
                "created_by", "volunteer_signed_by", "association_signed_by"
            ).order_by("-number"),
        )
    )


def contract_for_staff(user, pk: int) -> Contract | None:
    """One contract of the user's associations, with its versions (newest first)."""
    return (
        _with_versions(Contract.objects.for_member(user))
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
    """One of the person's own contracts, with its versions; a draft is the staff's until
    they offer it (None, like a contract of someone else)."""
    return (
        _with_versions(Contract.objects.of_user(user))
        .exclude(status=Contract.Status.DRAFT)
        .filter(pk=pk)
        .select_related("mission", "association", "volunteer__user")
        .first()
    )


def versions_shown_to_volunteer(contract: Contract) -> list[ContractVersion]:
    """The versions the volunteer sees (newest first): every one but the staff's drafts and
    the amendments withdrawn before they were offered."""
    return [
        version
        for version in contract.versions.all()
        if version.status != ContractVersion.Status.DRAFT
        and not (version.status == ContractVersion.Status.WITHDRAWN and not version.offered_at)
    ]


def pending_version_of(contract: Contract) -> ContractVersion | None:
    """The version on its way to both signatures (from the prefetch when loaded)."""
    return next((v for v in contract.versions.all() if v.is_pending), None)


# --- The volunteer's to-do list ------------------------------------------------------------


@dataclass(frozen=True)
class TodoItem:
    """One thing the volunteer does for their contract; ``done`` ticks it."""

    key: str
    label: str
    done: bool


def contract_todo(contract: Contract) -> tuple[TodoItem, ...]:
    """The volunteer's to-do list for a contract offered, signed or planned: sign it (or the
    amendment offered), send the criminal record extract (done once a file is uploaded or
    the check is recorded), give the social security affiliation date and the training's.
    Under way, only an amendment to sign; over or declined, nothing (one query: the
    extract)."""
    pending = pending_version_of(contract)
    awaiting_signature = pending is not None and pending.status == ContractVersion.Status.OFFERED
    if pending is not None and pending.is_amendment:
        sign_label = _("Sign the amendment (version %(number)s)") % {"number": pending.number}
    else:
        sign_label = _("Sign the contract")
    sign = TodoItem("sign", str(sign_label), not awaiting_signature)
    if contract.status == Contract.Status.ACTIVE:
        return (sign,) if awaiting_signature else ()
    if contract.status not in (*Contract.UNSIGNED_STATUSES, Contract.Status.PLANNED):
        return ()
    extract = criminal_record_document(contract.volunteer)
    extract_done = contract.criminal_record_checked_on is not None or bool(
        extract is not None and extract.has_file
    )
    return (
        sign,
        TodoItem(
            "criminal_record",
            str(_("Upload your criminal record extract (bulletin n° 3, less than 3 months old)")),
            extract_done,
        ),
        TodoItem(
            "social_security",
            str(_("Give the date of your social security affiliation")),
            contract.social_security_affiliated_on is not None,
        ),
        TodoItem(
            "training",
            str(_("Give the date of your pre-departure training")),
            contract.training_completed_on is not None,
        ),
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
            _("Your contract was planned for at least 12 months"),
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
        # The personal conditions are plain questions (no double negative); each says
        # which answer the premium needs.
        PremiumCondition(
            "job_seeker",
            _("Are you registered as a job seeker with France Travail? The premium needs it."),
            None,
        ),
        PremiumCondition(
            "no_rsa",
            _("Are you entitled to the RSA (revenu de solidarité active)? If so, no premium."),
            None,
        ),
        PremiumCondition(
            "no_other_aid",
            _("Do you receive another aid for job seekers? If so, no premium."),
            None,
        ),
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
        volunteer_name=contract.certificate_volunteer_name or contract.volunteer.user.full_name,
        association=contract.association.name,
        country=str(contract.country.name),
        first_day=contract.start_on,
        last_day=contract.last_day,
    )
