"""What an association's approval running out would stop: the staff's warnings.

Search shows a mission only while its association's approval covers its start, and a
contract is signed only by an association approved on its start date. When the ministry
approval expires before a published mission starts, or before a contract ends, the staff
home and the mission list say so, with what to do; France Volontaires recording the
renewal (a later expiry) puts everything back and the warning goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q

from associations.models import Association

from ..models import Contract, Mission

# Contracts an expiry stops from being signed or amended: on their way to signatures, and
# signed ones not over yet.
WATCHED_STATUSES = (*Contract.UNSIGNED_STATUSES, Contract.Status.PLANNED, Contract.Status.ACTIVE)


@dataclass(frozen=True)
class ApprovalWarning:
    association: Association
    expires_on: date
    missions: tuple[Mission, ...]
    contracts: tuple[Contract, ...]
    expired: bool


def approval_warnings_for_staff(user, *, today: date) -> list[ApprovalWarning]:
    """For each association the user is on the staff of whose approval has an expiry: the
    published missions starting after it and the contracts (signed and running, or on their
    way to signatures) whose last day comes after it. Associations with neither are left
    out. Three queries whatever the number of associations.
    """
    associations = list(
        Association.objects.for_member(user)
        .approved()
        .filter(approval_expires_on__isnull=False)
        .order_by("name", "pk")
    )
    if not associations:
        return []
    by_pk = {association.pk: association for association in associations}
    missions: dict[int, list[Mission]] = {}
    for mission in (
        Mission.objects.published()
        .filter(association__in=associations, start_on__gt=F("association__approval_expires_on"))
        .only("pk", "slug", "title", "start_on", "association_id")
        .order_by("start_on", "pk")
    ):
        missions.setdefault(mission.association_id, []).append(mission)
    contracts: dict[int, list[Contract]] = {}
    expiry = F("association__approval_expires_on")
    for contract in (
        Contract.objects.filter(
            association__in=associations,
            status__in=WATCHED_STATUSES,
        )
        .filter(Q(ended_on__gt=expiry) | Q(ended_on__isnull=True, end_on__gt=expiry))
        .select_related("volunteer__user", "mission")
        .order_by("end_on", "pk")
    ):
        contracts.setdefault(contract.association_id, []).append(contract)
    return [
        ApprovalWarning(
            association=association,
            expires_on=association.approval_expires_on,
            missions=tuple(missions.get(pk, ())),
            contracts=tuple(contracts.get(pk, ())),
            expired=association.approval_expires_on < today,
        )
        for pk, association in by_pk.items()
        if pk in missions or pk in contracts
    ]
