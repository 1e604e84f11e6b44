"""Why a mission takes no application, and what an association's approval running out
would stop: the words of the public page and the apply service, the staff's flags.

Whether a mission takes applications today is ``Mission.applications_paused`` (its query:
``Mission.objects.open_for_applications``): the search shows a mission only while its
association's approval covers its start, as a contract is signed only by an association
approved on its start date. ``mission_paused`` asks it with the accepted applications
counted when that matters, ``paused_text`` says why in plain words. When the ministry
approval expires before a published mission starts, or before a contract ends, the staff
home and the mission list say so, with what to do; France Volontaires recording the
renewal (a later expiry) puts everything back (the search's cache moves on with it) and
the warning goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q
from django.utils.translation import gettext as _

from associations.models import Association
from vsi_portal.formats import format_day

from ..models import Contract, Mission, Paused

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
        .approval_ends_before_start()
        .filter(association__in=associations)
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


# --- Why a mission takes no application ---------------------------------------------------


def mission_paused(mission: Mission, *, today: date) -> Paused | None:
    """``mission.applications_paused``, its accepted applications counted for a closed
    mission only (a published one is closed as soon as they fill its places): one query
    then, none otherwise. The mission's association must be selected with it."""
    accepted = mission.applications.accepted().count() if mission.is_closed else None
    return mission.applications_paused(today=today, accepted=accepted)


def paused_text(mission: Mission, reason: Paused, *, today: date) -> str:
    """Why nobody can apply to the mission, in a sentence for anyone who reads its page."""
    association = mission.association
    if reason == Paused.APPROVAL_ENDS_BEFORE_START:
        values = {
            "expires": format_day(association.approval_expires_on),
            "start": format_day(mission.start_on),
        }
        if association.approval_expires_on < today:
            return (
                _(
                    "Applications are paused: the association's approval ended on %(expires)s, "
                    "before the mission starts on %(start)s. They reopen once France Volontaires "
                    "records the renewal of its approval."
                )
                % values
            )
        return (
            _(
                "Applications are paused: the association's approval ends on %(expires)s, before "
                "the mission starts on %(start)s, and only an association approved on the first "
                "day of a mission may sign its contract. They reopen once France Volontaires "
                "records the renewal of its approval."
            )
            % values
        )
    if reason == Paused.ASSOCIATION_NOT_APPROVED:
        return _(
            "Applications are paused: the association's approval is suspended. They reopen "
            "if France Volontaires reinstates it."
        )
    if reason == Paused.DEADLINE_PASSED:
        return _("Applications are closed: the deadline was %(deadline)s.") % {
            "deadline": format_day(mission.application_deadline)
        }
    if reason == Paused.PLACES_FILLED:
        return _("Applications are closed: every place of this mission is filled.")
    if reason == Paused.NOT_PUBLISHED:
        return _("This mission is not published: it takes no applications.")
    return _("This mission is closed: it no longer takes applications.")


def paused_advice_for_staff(mission: Mission, reason: Paused, *, today: date) -> str:
    """What the staff can do about it (above the mission's form), or an empty string."""
    if reason == Paused.APPROVAL_ENDS_BEFORE_START:
        advice = _(
            "Volunteers no longer find this mission in the search and cannot apply. Ask the "
            "ministry to renew your approval and send the renewal decision to France "
            "Volontaires: once they record it, the mission is back in the search."
        )
        expires = mission.association.approval_expires_on
        if expires > today:
            advice += " " + _("Or move its start to %(expires)s at the latest.") % {
                "expires": format_day(expires)
            }
        return advice
    if reason == Paused.DEADLINE_PASSED:
        return _(
            "Volunteers no longer find this mission in the search. To receive more "
            "applications, duplicate it with new dates."
        )
    if reason == Paused.ASSOCIATION_NOT_APPROVED:
        return _("Volunteers no longer find this mission in the search while the suspension lasts.")
    return ""


def with_paused(missions, *, today: date) -> list[tuple[Mission, Paused | None]]:
    """Each published mission of a staff list with why it takes no application (None for
    the open ones and for drafts and closed missions, whose state says it already). No
    query: the missions come with their association."""
    return [
        (mission, mission.applications_paused(today=today) if mission.is_published else None)
        for mission in missions
    ]
