"""Applications nobody answers (issue 16, "Response commitments"): two kinds.

- ``application_expiry_warning`` (can be muted), to the association's staff (admins and
  editors): on day S + 23 of an application sent on day S and still ``submitted``, "it
  closes on S + 30 if not answered". Grouped per association and day: the subject is the
  association and the due date the day its applications reach day 23, so five reaching it
  on one day make one e-mail (and one in-app notification) per staff member listing the
  five, each naming the volunteer and the mission with a link to the application. What it
  lists is read when it is sent (an application answered meanwhile drops out; none left,
  or its closing day reached: cancelled).
- ``application_expiry`` (essential, no reminder rows): its ``act`` closes, on day S + 30,
  every application still submitted (``services/application_expiry.py``, exactly once);
  the volunteer's e-mail (with missions they can apply to) and the in-app notifications of
  both sides are written by that move, in its transaction, like every application move's.

Both run with the other kinds: Celery beat's daily entry per kind, or
``manage.py send_due_reminders``. The days are those of ``selectors/no_answer.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.conf import settings
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
    in_pk_chunks,
    register,
    render_email,
)
from vsi_portal.formats import format_day

from ..models import Application
from ..selectors.no_answer import WARNING_DAY, applications_in_warning, applications_warned_on
from ..services.application_expiry import applications_close_unanswered_act
from .common import STAFF_ROLES

WARNING_DAYS = Application.NO_ANSWER_WARNING_DAYS


def _warning_days(today: date, lookback_days: int) -> tuple[date, date]:
    """The warning days a scan on ``today`` still sends: in the look-back window, and
    before the closing day (a warning on day 30 would come after the fact)."""
    first = max(today - timedelta(days=lookback_days), today - timedelta(days=WARNING_DAYS - 1))
    return first, today


def application_expiry_warning_due(today: date, lookback_days: int) -> Iterator[Due]:
    days = _warning_days(today, lookback_days)
    if days[0] > days[1]:
        return
    applications = (
        applications_in_warning(days)
        .select_related("mission")
        .only("pk", "submitted_at", "mission__association")
    )
    for chunk in in_pk_chunks(applications):
        association_ids = {application.mission.association_id for application in chunk}
        associations = Association.objects.only("pk", "name", "slug").in_bulk(association_ids)
        staff: dict[int, list] = {}
        memberships = Membership.objects.filter(
            association_id__in=association_ids, role__in=STAFF_ROLES, user__is_active=True
        ).select_related("user")
        for membership in memberships.order_by("pk"):
            staff.setdefault(membership.association_id, []).append(membership.user)
        for application in chunk:
            association_id = application.mission.association_id
            yield Due(
                subject=associations[association_id],
                due_on=application.submitted_on + timedelta(days=WARNING_DAY),
                recipients=staff.get(association_id, []),
            )


def _warned(reminder: Reminder):
    return (
        applications_warned_on(reminder.due_on)
        .filter(mission__association_id=reminder.subject_id)
        .select_related("mission", "volunteer__user")
        .order_by("submitted_at", "pk")
    )


def application_expiry_warning_still_due(reminder: Reminder) -> bool:
    closes_on = reminder.due_on + timedelta(days=WARNING_DAYS)
    return timezone.localdate() < closes_on and _warned(reminder).exists()


def _volunteer_name(application: Application) -> str:
    if application.volunteer is None:
        return _("a volunteer whose account was deleted")
    user = application.volunteer.user
    return user.full_name or user.email


def application_expiry_warning_render(reminder: Reminder) -> Rendered:
    association: Association = reminder.subject
    closes_on = reminder.due_on + timedelta(days=WARNING_DAYS)
    lines = [
        {
            "volunteer": _volunteer_name(application),
            "mission": application.mission.title,
            "sent": format_day(application.submitted_on),
            "link": reverse("missions:application_detail", kwargs={"pk": application.pk}),
        }
        for application in _warned(reminder)
    ]
    values = {
        "association": association.name,
        "count": len(lines),
        "day": format_day(closes_on),
        "days": Application.NO_ANSWER_DAYS,
    }
    if len(lines) == 1:
        link = lines[0]["link"]
        title = _("Answer %(volunteer)s before %(day)s: %(mission)s") % {**values, **lines[0]}
    else:
        link = reverse("missions:manage")
        title = (
            ngettext(
                "%(association)s: %(count)s application to answer before %(day)s",
                "%(association)s: %(count)s applications to answer before %(day)s",
                len(lines),
            )
            % values
        )
    intro = (
        ngettext(
            "Unless you answer it before, this application closes without an answer on %(day)s, "
            "%(days)s days after it was sent, and counts as unanswered in your response rate:",
            "Unless you answer them before, these applications close without an answer on "
            "%(day)s, %(days)s days after they were sent, and count as unanswered in your "
            "response rate:",
            len(lines),
        )
        % values
    )
    items = [_("– %(volunteer)s, %(mission)s (sent on %(sent)s)") % line for line in lines]
    text, html = render_email(
        template="missions/emails/application_expiry_warning",
        context={
            "user": reminder.recipient,
            "association": association,
            "applications": lines,
            "intro": intro,
            "site_url": settings.SITE_URL,
        },
        link=link,
    )
    return Rendered(
        title=title, summary="\n".join([intro, *items]), text=text, html=html, link=link
    )


APPLICATION_EXPIRY_WARNING = register(
    ReminderKind(
        code="application_expiry_warning",
        label=gettext_lazy("Applications closing without an answer in 7 days"),
        essential=False,
        offsets=(WARNING_DAYS,),  # before the closing day: see _warning_days
        due=application_expiry_warning_due,
        render=application_expiry_warning_render,
        still_due=application_expiry_warning_still_due,
    )
)


def _no_rows(today: date, lookback_days: int) -> Iterator[Due]:
    return iter(())


def _never_rendered(reminder: Reminder) -> Rendered:
    raise LookupError("application_expiry makes no reminder rows: its move writes its news")


APPLICATION_EXPIRY = register(
    ReminderKind(
        code="application_expiry",
        label=gettext_lazy("Applications closed after 30 days without an answer"),
        essential=True,
        offsets=(0,),
        due=_no_rows,
        render=_never_rendered,
        act=applications_close_unanswered_act,
    )
)
