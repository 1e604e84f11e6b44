"""Applications left unanswered: closed on their 30th day, exactly once.

*The recording*: a status of its own, ``Application.Status.EXPIRED`` ("Closed without an
answer"), with an ``ApplicationEvent`` made by no one (``by=None``) carrying the coded
reason ``Application.NO_ANSWER``. Not ``withdrawn`` with a reason: a withdrawal is the
volunteer's move, and the response rate (``selectors/response.py``) leaves out what the
volunteer withdrew before an answer, where an application nobody answered must count
against the association (counted, not answered). A status of its own keeps the rest
coherent without a special case: it is not in ``OPEN_STATUSES`` (the partial unique
constraint lets the volunteer apply again at once, no re-application wait), not
``active()`` (out of the digest and of the staff's decisions), a filter of its own on the
staff's lists and in the admin, its own words on the volunteer's page and in the export.

*The days* (``selectors/no_answer.py``): sent on day S in the portal's time zone and still
``submitted`` (a shortlisted application is answered and never closes): closed on S + 30,
by the first scan of that day or later (a missed day closes it the next one); the staff
were warned on S + 23 (``reminder_kinds/application_expiry.py``).

*Exactly once*: one conditional ``UPDATE ... RETURNING`` per group of ids moves the rows
still submitted; a second worker, a retried task or a second run finds them moved already
(on PostgreSQL the row lock makes it wait for the first, then its condition no longer
holds), so each application closes once and its event, its e-mail (outbox) and its in-app
notifications are written once, in the same transaction. A staff member answering at the
same moment either locks the row first (then it is no longer submitted) or finds it closed.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from vsi_portal.db import update_returning_pks
from vsi_portal.outbox.services import outbox_write

from .. import emails, notices
from ..models import Application, ApplicationEvent
from ..selectors.no_answer import applications_to_close, similar_missions_to_apply

Status = Application.Status
CLOSE_GROUP = 100  # applications closed per transaction


def applications_close_unanswered(*, today: date | None = None) -> list[int]:
    """Daily: closes every application still submitted on its 30th day (or later); returns
    the ids this call closed. Groups of ``CLOSE_GROUP``, one transaction each."""
    today = today or timezone.localdate()
    closed: list[int] = []
    last_pk = 0
    while True:
        pks = list(
            applications_to_close(today)
            .filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[:CLOSE_GROUP]
        )
        if not pks:
            return sorted(closed)
        closed += _close(pks, today=today)
        last_pk = pks[-1]


@transaction.atomic
def _close(pks: list[int], *, today: date) -> list[int]:
    now = timezone.now()
    moved = update_returning_pks(
        applications_to_close(today).filter(pk__in=pks),
        status=Status.EXPIRED,
        decided_at=now,
        updated_at=now,
    )
    applications = Application.objects.filter(pk__in=moved).select_related(
        "mission__association", "volunteer__user"
    )
    for application in applications.order_by("pk"):
        event = ApplicationEvent.objects.create(
            application=application,
            from_status=Status.SUBMITTED,
            to_status=Status.EXPIRED,
            by=None,
            at=now,
            reason=Application.NO_ANSWER,
        )
        similar = similar_missions_to_apply(application, today=today)
        outbox_write(emails=emails.application_event_emails(event, similar=similar))
        notices.application_event_notify(event, similar=similar)
    return sorted(moved)


def applications_close_unanswered_act(today: date, dry_run: bool) -> int:
    """The reminder kind's move (``ReminderKind.act``): how many closed, or would close."""
    if dry_run:
        return applications_to_close(today).count()
    return len(applications_close_unanswered(today=today))
