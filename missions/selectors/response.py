"""How an association answers its applications: the response rate and the median time to a
first answer shown on its public page and on each of its missions.

The definitions (also in docs/architecture.md's "one home" table):

- **Counted**: the applications submitted to the association's missions in the 12 months up
  to ``today`` (after the same day 12 months earlier, ``today`` included, in the portal's
  time zone), except those the volunteer withdrew before any answer. An application nobody
  answered in 30 days (closed, status ``expired``: services/application_expiry.py) counts,
  as not answered.
- **Answered**: the staff moved it: its first move to shortlisted, accepted or not retained
  (``Application.ANSWER_STATUSES``: only staff make these moves), dated in
  ``Application.answered_at`` with the move (its event stays, also when its author's
  account is deleted). Its time to a first answer is from ``submitted_at`` to
  ``answered_at``.
- **Response rate**: answered / counted, as a whole percentage (halves round up).
- **Median time to a first answer**: ``statistics.median`` of those times in days over the
  answered applications, rounded to whole days (halves up); none while nothing is answered.
- Fewer than ``MIN_APPLICATIONS`` counted applications: the association is "new on the
  portal", and neither figure is shown.

One query whatever the number of applications (their sending and first answer are read
from an index: ``application_answers_idx``). At national scale an association's year
of applications takes tens of milliseconds to read, on every page of each of its
missions, for a 12-month figure that a day's moves do not change in substance; so the
nightly job records each association's figures of the day
(``missions.services.response_figures``), and the pages read them through
``association_response_shown``: that row, else (before the job ran, or in the embedded
mode without one) computed. Either way kept an hour in the shared cache; no move of an
application invalidates it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from associations.models import Association
from vsi_portal.entitlements import add_months
from vsi_portal.formats import format_percent

from ..models import Application, AssociationResponseDay

Status = Application.Status
# Below this many counted applications, the figures would say more about chance than about
# the association: it is "new on the portal".
MIN_APPLICATIONS = 5
WINDOW_MONTHS = 12
SECONDS_PER_DAY = 86400
SHOWN_FOR_SECONDS = 3600


@dataclass(frozen=True)
class AssociationResponse:
    """The association's answers over the last 12 months (see the module's definitions)."""

    counted: int
    answered: int
    rate_percent: int | None  # None while the association is new on the portal
    median_days: int | None  # None while new, or while nothing is answered

    @property
    def is_new(self) -> bool:
        return self.rate_percent is None

    @classmethod
    def of(cls, *, counted: int, answered: int, median_days: int | None) -> AssociationResponse:
        """The figures shown for these counts: none while the association is new."""
        if counted < MIN_APPLICATIONS:
            return cls(counted=counted, answered=answered, rate_percent=None, median_days=None)
        return cls(
            counted=counted,
            answered=answered,
            rate_percent=whole_percent(answered, counted),
            median_days=median_days,
        )


def window_start(today: date) -> datetime:
    """The first moment counted: the day after the same day 12 months before ``today``."""
    first_day = add_months(today, -WINDOW_MONTHS) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(first_day, time.min))


def window_end(today: date) -> datetime:
    """The first moment no longer counted: the start of the day after ``today``."""
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))


def whole_percent(part: int, whole: int) -> int:
    """``part / whole`` as a whole percentage, halves rounded up (exact integer arithmetic)."""
    return (part * 200 + whole) // (2 * whole)


def median_whole_days(durations: list[timedelta]) -> int | None:
    """The median of the durations in days, rounded to whole days (halves up); None if none."""
    if not durations:
        return None
    middle = statistics.median(d.total_seconds() / SECONDS_PER_DAY for d in durations)
    return int(middle + 0.5)


def association_response(association: Association, *, today: date) -> AssociationResponse:
    """The association's response rate and median time to a first answer (one query)."""
    rows = (
        Application.objects.filter(
            mission__association=association,
            submitted_at__gte=window_start(today),
            submitted_at__lt=window_end(today),
        )
        .order_by()
        .values_list("status", "submitted_at", "answered_at")
    )
    counted = 0
    durations: list[timedelta] = []
    for status, submitted_at, answered_at in rows:
        if answered_at is None and status == Status.WITHDRAWN:
            continue  # withdrawn by the volunteer before any answer
        counted += 1
        if answered_at is not None:
            durations.append(answered_at - submitted_at)
    return AssociationResponse.of(
        counted=counted, answered=len(durations), median_days=median_whole_days(durations)
    )


def association_response_shown(association: Association, *, today: date) -> AssociationResponse:
    """``association_response`` as the pages show it: the nightly job's figures of
    ``today``, else computed; kept ``SHOWN_FOR_SECONDS`` in the shared cache (a miss while
    Redis fails: read again)."""
    key = f"association-response:{association.pk}:{today.isoformat()}"
    cache = caches["shared"]
    response = cache.get(key)
    if response is None:
        recorded = (
            AssociationResponseDay.objects.filter(association=association, day=today)
            .values("counted", "answered", "median_days")
            .first()
        )
        if recorded is not None:
            response = AssociationResponse.of(**recorded)
        else:
            response = association_response(association, today=today)
        cache.set(key, response, SHOWN_FOR_SECONDS)
    return response


def response_sentence(response: AssociationResponse) -> str:
    """The figures in words, in the active language, for the public pages."""
    if response.is_new:
        return _("New on the portal")
    percent = format_percent(response.rate_percent)
    if response.median_days is None:
        return _("Answers %(percent)s of applications (last 12 months)") % {"percent": percent}
    if response.median_days == 0:
        return _(
            "Answers %(percent)s of applications, in less than a day on median (last 12 months)"
        ) % {"percent": percent}
    return ngettext(
        "Answers %(percent)s of applications, in %(days)s day on median (last 12 months)",
        "Answers %(percent)s of applications, in %(days)s days on median (last 12 months)",
        response.median_days,
    ) % {"percent": percent, "days": response.median_days}
