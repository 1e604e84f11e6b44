"""Reads of the no-answer rule: which submitted applications close today, which reach their
warning day, and the similar missions a volunteer whose application closed can apply to.

*The days* (the portal's time zone, ``Application.submitted_on``): an application sent on
day S and still ``submitted`` closes on S + 30 (``Application.NO_ANSWER_DAYS``), at the
first scan of that day or later; its staff are warned on S + 23, 7 days before. Both read
the partial index of submitted applications by ``submitted_at``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from associations.selectors import association_can_recruit
from volunteers.models import Volunteer

from ..models import Application, Mission
from .candidates import candidate_for, mission_contract, verdict_for, volunteer_for_rules
from .missions import similar_missions

NO_ANSWER_DAYS = Application.NO_ANSWER_DAYS
WARNING_DAY = NO_ANSWER_DAYS - Application.NO_ANSWER_WARNING_DAYS  # day 23
SIMILAR_LIMIT = 3
# The open missions read to find SIMILAR_LIMIT the volunteer can apply to (the database
# filter already applies the rules; verdict_for confirms each one).
SIMILAR_POOL = 20


def start_of(day: date) -> datetime:
    """The first instant of ``day`` in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def applications_to_close(today: date) -> QuerySet[Application]:
    """The applications still submitted on ``today`` that were sent on ``today - 30`` or
    before: closed today (or already due, if a scan was missed)."""
    first_day_kept = today - timedelta(days=NO_ANSWER_DAYS - 1)
    return Application.objects.filter(
        status=Application.Status.SUBMITTED, submitted_at__lt=start_of(first_day_kept)
    )


def sent_on(days: tuple[date, date]) -> Q:
    """Applications sent between the two days (both included)."""
    first, last = days
    return Q(submitted_at__gte=start_of(first), submitted_at__lt=start_of(last + timedelta(1)))


def applications_warned_on(day: date) -> QuerySet[Application]:
    """The applications still submitted whose warning day is ``day`` (sent on day - 23)."""
    sent = day - timedelta(days=WARNING_DAY)
    return Application.objects.filter(sent_on((sent, sent)), status=Application.Status.SUBMITTED)


def applications_in_warning(days: tuple[date, date]) -> QuerySet[Application]:
    """The applications still submitted whose warning day lies between the two days."""
    first, last = days
    sent = (first - timedelta(days=WARNING_DAY), last - timedelta(days=WARNING_DAY))
    return Application.objects.filter(sent_on(sent), status=Application.Status.SUBMITTED)


def similar_missions_to_apply(
    application: Application, *, today: date, limit: int = SIMILAR_LIMIT
) -> list[Mission]:
    """Up to ``limit`` open missions like the application's (same domain and country first,
    then same domain, then same country; soonest first) that its volunteer can apply to
    today: the rules as a database filter (``applicable_to``), then ``verdict_for`` on each,
    leaving out the missions they already applied to and those whose association cannot
    recruit. None while the volunteer's profile lacks a fact, or their account is gone.
    """
    if application.volunteer_id is None:
        return []
    volunteer = volunteer_for_rules(application.volunteer)
    candidate = candidate_for(volunteer)
    if candidate is None:
        return []
    pool = similar_missions(
        application.mission,
        today=today,
        candidate=candidate,
        exclude=_applied_to(volunteer),
        count=SIMILAR_POOL,
    )
    return [m for m in pool if _may_apply(volunteer, m, today=today)][:limit]


def _applied_to(volunteer: Volunteer) -> QuerySet[Application]:
    """The missions the volunteer has an application in play (or accepted) to."""
    return Application.objects.filter(
        volunteer=volunteer, status__in=Application.OPEN_STATUSES
    ).values("mission_id")


def _may_apply(volunteer: Volunteer, mission: Mission, *, today: date) -> bool:
    if not association_can_recruit(mission.association, on=today):
        return False
    return verdict_for(volunteer=volunteer, contract=mission_contract(mission)).eligible
