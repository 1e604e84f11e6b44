"""Reads for the contract document: which versions each side may download, and the
volunteer's VSI history before a contract (the 6-year ledger and the continuous mission).

Staff of the contract's association read every version, drafts included (to check one
before offering it). The volunteer reads every version once offered to them: the current
offer (to read it before signing), the signed ones, declined and withdrawn offers; never
a draft still being prepared, nor a version withdrawn before it was offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from vsi_portal.eligibility import Period
from vsi_portal.entitlements import ONE_DAY, lifetime_days_used

from ..models import Contract, ContractVersion
from .candidates import CONTRACT_DATES
from .contracts import contract_for_owner, contract_for_staff

# A version the volunteer never saw: a draft, or one withdrawn while still a draft.
_NEVER_OFFERED = Q(status=ContractVersion.Status.DRAFT) | Q(
    status=ContractVersion.Status.WITHDRAWN, offered_at__isnull=True
)


def _versions(contract: Contract) -> QuerySet[ContractVersion]:
    return ContractVersion.objects.filter(contract=contract).order_by("number")


def versions_for_staff(contract: Contract) -> QuerySet[ContractVersion]:
    """Every version of a contract, for its association's staff, oldest first."""
    return _versions(contract)


def versions_for_owner(contract: Contract) -> QuerySet[ContractVersion]:
    """The versions of a contract its volunteer may read, oldest first."""
    return _versions(contract).exclude(_NEVER_OFFERED)


def _with_document_facts(versions: QuerySet[ContractVersion]) -> QuerySet[ContractVersion]:
    """What the document reads: the contract's parties, the signatories, and the volunteer's
    declared missions and contracts (their history before this contract)."""
    return versions.select_related(
        "contract__mission",
        "contract__association",
        "contract__volunteer__user",
        "volunteer_signed_by",
        "association_signed_by",
    ).prefetch_related(
        "contract__volunteer__prior_missions",
        Prefetch("contract__volunteer__contracts", Contract.objects.only(*CONTRACT_DATES)),
    )


def contract_version_for_staff(user, pk: int, number: int) -> ContractVersion | None:
    """Version ``number`` of contract ``pk`` for a member of its association, or None."""
    contract = contract_for_staff(user, pk)
    if contract is None:
        return None
    return _with_document_facts(versions_for_staff(contract)).filter(number=number).first()


def contract_version_for_owner(user, pk: int, number: int) -> ContractVersion | None:
    """Version ``number`` of contract ``pk`` for its volunteer, once offered to them, or None."""
    contract = contract_for_owner(user, pk)
    if contract is None:
        return None
    return _with_document_facts(versions_for_owner(contract)).filter(number=number).first()


@dataclass(frozen=True)
class HistoryBefore:
    """The volunteer's VSI days served before a contract's start, this contract left out."""

    periods: tuple[Period, ...]

    @property
    def days(self) -> int:
        """Days served (a day counted once), as the 6-year ledger counts them."""
        return lifetime_days_used(self.periods)


def history_before(contract: Contract, start: date) -> HistoryBefore:
    """The VSI the contract's volunteer served before ``start``, other than ``contract``.

    The missions they declared and the days the portal's other contracts served by the day
    before ``start`` (``Contract.served_period``, as ``candidates.served_periods`` counts
    them), each cut at that day: what was served after (a later contract, when an old
    version is read again) is not "before". This contract is left out by its key, since an
    amendment may start after days this very contract already served.
    """
    volunteer = contract.volunteer
    if volunteer is None:
        return HistoryBefore(periods=())
    day_before = start - ONE_DAY
    periods = [Period(prior.start_on, prior.end_on) for prior in volunteer.prior_missions.all()]
    for other in volunteer.contracts.all():
        if other.pk != contract.pk:
            served = other.served_period(today=day_before)
            if served is not None:
                periods.append(served)
    return HistoryBefore(
        periods=tuple(
            Period(period.start, min(period.end, day_before))
            for period in periods
            if period.start <= day_before
        )
    )
