"""Everything "My VSI" shows a volunteer: the current or next contract with its leave and
pension quarters, the aids after the last one that ended, and the timeline of every mission.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from volunteers.models import Volunteer
from vsi_portal.eligibility import Period
from vsi_portal.entitlements import (
    LIFETIME_CAP_DAYS,
    Resettlement,
    days,
    lifetime_days_used,
    pension_quarters,
    reaches_twelve_months,
    whole_months,
)

from ..models import Contract
from ..vsi_timeline import Segment, Span, TimelinePicture, timeline_picture
from .candidates import served_periods
from .contracts import InsertionPremium, contract_resettlement, insertion_premium


@dataclass(frozen=True)
class TimelineEntry:
    """One VSI mission in the volunteer's timeline: declared, or a contract of the portal.

    ``end`` is its last day (an early end's); ``planned_end`` a contract's planned end.
    ``days`` are the days served, or for a contract not started the days it holds;
    ``served_days`` only those served by ``today``.
    """

    title: str
    association: str
    country: Any
    start: date
    end: date
    days: int
    contract: Any = None  # the portal's Contract, None for a declared mission
    planned_end: date | None = None
    served_days: int = 0

    @property
    def declared(self) -> bool:
        return self.contract is None

    @property
    def planned_days(self) -> int:
        return days(Period(self.start, self.planned_end or self.end))

    @property
    def planned_months(self) -> int:
        return whole_months(self.start, self.planned_end or self.end)

    @property
    def ended_early(self) -> bool:
        return self.planned_end is not None and self.end < self.planned_end

    def segments(self, today: date) -> tuple[tuple[date, date, str], ...]:
        """The picture's segments: served, still held by the contract, cancelled."""
        if self.declared:
            return ((self.start, self.end, Segment.DECLARED),)
        parts = []
        served_end = self.start + timedelta(days=self.served_days - 1)
        if self.served_days:
            parts.append((self.start, served_end, Segment.SERVED))
        if not self.contract.has_ended(today):
            first_to_come = served_end + timedelta(days=1) if self.served_days else self.start
            if first_to_come <= self.end:
                parts.append((first_to_come, self.end, Segment.TO_COME))
        if self.ended_early:
            parts.append((self.end + timedelta(days=1), self.planned_end, Segment.CANCELLED))
        return tuple(parts)


@dataclass(frozen=True)
class ContractView:
    """A contract as the volunteer reads it on "My VSI", with what the rules give.

    Its planned length and the days served so far are apart: a running contract has
    served ``served_days`` of its ``planned_days``.
    """

    contract: Any
    leave_days: int
    leave_days_taken: int
    leave_days_left: int
    pension_quarters: tuple[tuple[int, int], ...]
    reaches_twelve_months: bool
    missing_prerequisites: tuple[str, ...]
    days_to_start: int
    days_to_end: int
    planned_months: int = 0
    planned_days: int = 0
    served_days: int = 0
    # A notice runs: the contract ends on ``contract.last_day``, before its planned end.
    ends_early: bool = False
    held_months: int = 0  # whole months from the start to the last day


@dataclass(frozen=True)
class EndOfMission:
    contract: Any
    resettlement: Resettlement
    premium: InsertionPremium
    premium_days_left: int
    pension_quarters: tuple[tuple[int, int], ...] = ()
    planned_months: int = 0
    served_days: int = 0
    served_months: int = 0
    ended_early: bool = False


@dataclass(frozen=True)
class CapUse:
    """The 6-year cap (R11): days served, days the contracts under way or planned still
    hold, and the days left after both, out of ``cap``."""

    served: int
    to_come: int
    cap: int = LIFETIME_CAP_DAYS

    @property
    def left(self) -> int:
        return max(0, self.cap - self.served - self.to_come)

    @property
    def reached(self) -> bool:
        return self.served >= self.cap


@dataclass(frozen=True)
class MyVsi:
    current: ContractView | None
    ended: EndOfMission | None
    timeline: tuple[TimelineEntry, ...]
    # Contracts on their way to both signatures: offered to the volunteer, or signed by
    # them and waiting for the association's signature.
    awaiting: tuple[Any, ...] = ()
    cap_use: CapUse = CapUse(served=0, to_come=0)
    picture: TimelinePicture | None = None

    @property
    def chronological(self) -> tuple[TimelineEntry, ...]:
        """The timeline oldest first: the picture's lanes and its table's rows."""
        return tuple(reversed(self.timeline))


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


def _served_days(contract: Contract, today: date) -> int:
    served = contract.served_period(today=today)
    return days(served) if served else 0


def contract_view(contract: Contract, *, today: date) -> ContractView:
    missing = ()
    if contract.status == Contract.Status.PLANNED:
        missing = tuple(contract.missing_prerequisites())
    return ContractView(
        contract=contract,
        leave_days=contract.leave_entitlement,
        leave_days_taken=contract.leave_days_taken,
        leave_days_left=contract.leave_days_left,
        pension_quarters=tuple(
            sorted(pension_quarters(contract.start_on, contract.last_day).items())
        ),
        reaches_twelve_months=reaches_twelve_months(contract.start_on, contract.end_on),
        missing_prerequisites=missing,
        days_to_start=(contract.start_on - today).days,
        days_to_end=(contract.last_day - today).days,
        planned_months=whole_months(contract.start_on, contract.end_on),
        planned_days=days(Period(contract.start_on, contract.end_on)),
        served_days=_served_days(contract, today),
        ends_early=contract.last_day < contract.end_on,
        held_months=whole_months(contract.start_on, contract.last_day),
    )


def end_of_mission(contract: Contract, volunteer: Volunteer, *, today: date) -> EndOfMission:
    """What the volunteer keeps after ``contract`` ended: the aids, the quarters earned."""
    premium = insertion_premium(contract)
    served = contract.served_period(today=today)
    return EndOfMission(
        contract=contract,
        resettlement=contract_resettlement(contract, volunteer),
        premium=premium,
        premium_days_left=premium.days_left(today),
        pension_quarters=(
            tuple(sorted(pension_quarters(served.start, served.end).items())) if served else ()
        ),
        planned_months=whole_months(contract.start_on, contract.end_on),
        served_days=days(served) if served else 0,
        served_months=whole_months(served.start, served.end) if served else 0,
        ended_early=contract.last_day < contract.end_on,
    )


def cap_use(volunteer: Volunteer, contracts, *, today: date) -> CapUse:
    """Days served (overlaps once) and the days still held by contracts after ``today``."""
    served = served_periods(volunteer, today=today)
    tomorrow = today + timedelta(days=1)
    to_come = [
        Period(max(c.start_on, tomorrow), c.last_day)
        for c in contracts
        if not c.has_ended(today) and c.last_day >= tomorrow
    ]
    served_days = lifetime_days_used(served)
    return CapUse(served=served_days, to_come=lifetime_days_used([*served, *to_come]) - served_days)


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
    ended = end_of_mission(ended_contracts[-1], volunteer, today=today) if ended_contracts else None
    timeline = [
        TimelineEntry(
            title=prior.association_name,
            association=prior.association_name,
            country=prior.country,
            start=prior.start_on,
            end=prior.end_on,
            days=days(Period(prior.start_on, prior.end_on)),
            served_days=days(Period(prior.start_on, prior.end_on)),
        )
        for prior in volunteer.prior_missions.all()
    ]
    for contract in contracts:
        served_days = _served_days(contract, today)
        timeline.append(
            TimelineEntry(
                title=contract.mission.title,
                association=contract.association.name,
                country=contract.country,
                start=contract.start_on,
                end=contract.last_day,
                days=served_days or days(contract.committed_period),
                contract=contract,
                planned_end=contract.end_on,
                served_days=served_days,
            )
        )
    timeline.sort(key=lambda entry: (entry.start, entry.end), reverse=True)
    use = cap_use(volunteer, contracts, today=today)
    picture = None
    if timeline:
        picture = timeline_picture(
            [Span(entry.title, entry.segments(today)) for entry in reversed(timeline)],
            today=today,
            served_days=use.served,
            to_come_days=use.to_come,
            cap=use.cap,
        )
    return MyVsi(
        current=contract_view(current_contract, today=today) if current_contract else None,
        ended=ended,
        timeline=tuple(timeline),
        awaiting=awaiting,
        cap_use=use,
        picture=picture,
    )
