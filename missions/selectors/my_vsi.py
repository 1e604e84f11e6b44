"""Everything "My VSI" shows a volunteer: the current or next contract with its leave and
pension quarters, the aids after the last one that ended, and the timeline of every mission.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from volunteers.models import Volunteer
from vsi_portal.eligibility import Period
from vsi_portal.entitlements import (
    Resettlement,
    days,
    leave_days,
    pension_quarters,
    reaches_twelve_months,
)

from ..models import Contract
from .contracts import InsertionPremium, contract_resettlement, insertion_premium


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
    # Contracts on their way to both signatures: offered to the volunteer, or signed by
    # them and waiting for the association's signature.
    awaiting: tuple[Any, ...] = ()


def volunteer_for_my_vsi(user) -> Volunteer | None:
    """The person's profile with prior missions and contracts (mission, association), newest
    contract first: 3 queries, whatever the number of contracts."""
    if not user.is_authenticated:
        return None
    contracts = Contract.objects.select_related("mission", "association").order_by(
        "-start_on", "-pk"
    )
    return (
        Volunteer.objects.filter(user=user)
        .prefetch_related("prior_missions", Prefetch("contracts", contracts))
        .first()
    )


def contract_view(contract: Contract, *, today: date) -> ContractView:
    missing = ()
    if contract.status == Contract.Status.PLANNED:
        missing = tuple(contract.missing_prerequisites())
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


def my_vsi_for(volunteer: Volunteer | None, *, today: date | None = None) -> MyVsi:
    """Everything "My VSI" shows: the current or next contract, the aids after the last
    one that ended, and the timeline of every mission (newest first).

    No query of its own when ``volunteer`` comes from ``volunteer_for_my_vsi``.
    """
    today = today or timezone.localdate()
    if volunteer is None:
        return MyVsi(current=None, ended=None, timeline=(), awaiting=())
    every_contract = list(volunteer.contracts.all())
    # Only contracts signed by both sides are the volunteer's missions; a draft is the
    # staff's, an offer or a contract declined holds nothing.
    contracts = [c for c in every_contract if c.status in Contract.SIGNED_STATUSES]
    awaiting = tuple(
        c
        for c in every_contract
        if c.status in (Contract.Status.OFFERED, Contract.Status.VOLUNTEER_SIGNED)
    )
    # Under way: active, or ended early while the notice runs (its last day is ahead).
    running = [
        c
        for c in contracts
        if c.status in (Contract.Status.ACTIVE, Contract.Status.ENDED_EARLY)
        and not c.has_ended(today)
    ]
    planned = sorted(
        (c for c in contracts if c.status == Contract.Status.PLANNED), key=lambda c: c.start_on
    )
    current_contract = running[0] if running else (planned[0] if planned else None)
    ended_contracts = sorted(
        (c for c in contracts if c.has_ended(today)), key=lambda c: (c.last_day, c.pk)
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
        served = contract.served_period(today=today)
        timeline.append(
            TimelineEntry(
                title=contract.mission.title,
                association=contract.association.name,
                country=contract.country,
                start=contract.start_on,
                end=contract.last_day,
                days=days(served) if served else days(contract.committed_period),
                contract=contract,
            )
        )
    timeline.sort(key=lambda entry: (entry.start, entry.end), reverse=True)
    return MyVsi(
        current=contract_view(current_contract, today=today) if current_contract else None,
        ended=ended,
        timeline=tuple(timeline),
        awaiting=awaiting,
    )
