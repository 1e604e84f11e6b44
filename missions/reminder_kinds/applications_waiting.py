"""Applications waiting (can be muted): a weekly digest to each association's staff (its
administrators and editors) listing its applications still `submitted` or `shortlisted`
whose last move is more than 7 days old; one e-mail per association and recipient, not
one per application (issue 16, "Response commitments").

*The weekly rule*: the digest of a week falls due on that week's Monday (its `due_on`), so
the engine's unique (kind, association, due date, recipient) sends it at most once a week.
The daily scan of any day of the week carries the week's Monday as long as it lies in the
look-back window (the default 7 days always holds it): Celery beat sends it on Monday at
07:00; when nothing waited on Monday, or the workers were down, the first later scan of
the week at which an application has waited long enough sends it (and the demo's
`send_due_reminders`, whatever the day of `make run`). What it lists is read when it is
sent; a digest still pending when its week is over is cancelled (the next one says it).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Max, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from associations.models import Association, Membership
from notifications.models import Reminder
from notifications.reminders import (
    Due,
    ReminderKind,
    Rendered,
    dues_in_window,
    register,
    render_email,
)
from vsi_portal.formats import format_day

from ..models import Application
from .common import STAFF_ROLES

WAITING_DAYS = 7  # an application waits when its last move is more than this many days old


def week_of(today: date) -> date:
    """The Monday of `today`'s week: the due date of that week's digest."""
    return today - timedelta(days=today.weekday())


def digest_due_on(*, today: date, lookback_days: int) -> date | None:
    """This week's Monday when it lies in the look-back window, or None."""
    monday = week_of(today)
    return monday if monday >= today - timedelta(days=lookback_days) else None


def _waiting_since_before(today: date) -> datetime:
    """Moves before this instant are more than 7 full days old on `today`."""
    day = today - timedelta(days=WAITING_DAYS)
    return timezone.make_aware(datetime.combine(day, time.min))


def waiting_applications(association_ids, *, today: date) -> QuerySet[Application]:
    """The associations' applications in play whose last move (the latest event, or the
    submission) is more than 7 days old on `today`, the longest waiting first."""
    return (
        Application.objects.active()
        .filter(mission__association_id__in=association_ids)
        .annotate(last_move_at=Coalesce(Max("events__at"), "submitted_at"))
        .filter(last_move_at__lt=_waiting_since_before(today))
        .select_related("mission", "volunteer__user")
        .order_by("last_move_at", "pk")
    )


def _staff_of(chunk: list[Association]):
    """Recipients: each association's active administrators and editors (one query)."""
    staff: dict[int, list] = {}
    memberships = (
        Membership.objects.filter(association__in=chunk, role__in=STAFF_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        staff.setdefault(membership.association_id, []).append(membership.user)
    return lambda association: staff.get(association.pk) or None


def applications_waiting_due(today: date, lookback_days: int) -> Iterator[Due]:
    due_on = digest_due_on(today=today, lookback_days=lookback_days)
    if due_on is None:
        return iter(())
    waiting = waiting_applications(Association.objects.values("pk"), today=today).values(
        "mission__association_id"
    )
    associations = Association.objects.filter(pk__in=waiting).only("pk", "name", "slug")
    return dues_in_window(
        associations,
        today=today,
        lookback_days=lookback_days,
        due_on=lambda association: due_on,
        recipients=_staff_of,
    )


def applications_waiting_still_due(reminder: Reminder) -> bool:
    today = timezone.localdate()
    return (
        reminder.due_on == week_of(today)
        and waiting_applications([reminder.subject_id], today=today).exists()
    )


def _volunteer_name(application: Application) -> str:
    if application.volunteer is None:
        return _("a volunteer whose account was deleted")
    user = application.volunteer.user
    return user.full_name or user.email


def _lines(association: Association, *, today: date) -> list[dict]:
    return [
        {
            "volunteer": _volunteer_name(application),
            "mission": application.mission.title,
            "status": application.get_status_display(),
            "since": format_day(timezone.localdate(application.last_move_at)),
            "days": (today - timezone.localdate(application.last_move_at)).days,
            "link": reverse("missions:application_detail", kwargs={"pk": application.pk}),
        }
        for application in waiting_applications([association.pk], today=today)
    ]


def applications_waiting_render(reminder: Reminder) -> Rendered:
    association: Association = reminder.subject
    today = timezone.localdate()
    lines = _lines(association, today=today)
    link = reverse("missions:manage")
    text, html = render_email(
        template="missions/emails/applications_waiting",
        context={
            "user": reminder.recipient,
            "association": association,
            "applications": lines,
            "site_url": settings.SITE_URL,
            "waiting_days": WAITING_DAYS,
        },
        link=link,
    )
    count = len(lines)
    title = ngettext(
        "%(association)s: %(count)s application waits for an answer",
        "%(association)s: %(count)s applications wait for an answer",
        count,
    ) % {"association": association.name, "count": count}
    # One line per application under the sentence (the notifications page keeps the breaks).
    items = [_("– %(volunteer)s, %(mission)s (waiting since %(since)s)") % line for line in lines]
    intro = ngettext(
        "This application has been waiting for an answer for more than %(days)s days:",
        "These applications have been waiting for an answer for more than %(days)s days:",
        count,
    ) % {"days": WAITING_DAYS}
    summary = "\n".join([intro, *items])
    return Rendered(title=title, summary=summary, text=text, html=html, link=link)


APPLICATIONS_WAITING = register(
    ReminderKind(
        code="applications_waiting",
        label=gettext_lazy("Applications waiting for an answer (weekly)"),
        essential=False,
        offsets=(0,),  # weekly, on the week's Monday: see digest_due_on
        due=applications_waiting_due,
        render=applications_waiting_render,
        still_due=applications_waiting_still_due,
    )
)
