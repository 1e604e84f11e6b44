"""Certificate due (essential): the day after the last day, then every 7 days while no
certificate of completion is issued; to the association's administrators."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.models import Reminder
from notifications.reminders import (
    Due,
    ReminderKind,
    Rendered,
    dues_in_window,
    register,
)

from ..models import Contract
from .common import (
    ONE_DAY,
    admins_only,
    email_context,
    reminder_contracts,
    rendered,
)

CERTIFICATE_EVERY_DAYS = 7  # after the first reminder, the day after the end


def certificate_due_on(last_day: date, *, today: date, lookback_days: int) -> date | None:
    """The latest certificate reminder date in the look-back window, or None.

    *Choice*: the first reminder falls due the day after the last day, then one every
    7 days (each its own due date, so each is sent once) until the certificate is issued.
    With the default 7-day look-back every scan window holds one of those dates, so a
    missed day is always caught.
    """
    first = last_day + ONE_DAY
    if today < first:
        return None
    weeks = (today - first).days // CERTIFICATE_EVERY_DAYS
    latest = first + timedelta(days=weeks * CERTIFICATE_EVERY_DAYS)
    return latest if latest >= today - timedelta(days=lookback_days) else None


def certificate_due_due(today: date, lookback_days: int) -> Iterator[Due]:
    # The contracts awaiting a certificate: every one of them is due (weekly), so walking
    # them all costs what the reminders cost. The status index and the end columns bound it.
    contracts = reminder_contracts().certificate_due(today=today)
    return dues_in_window(
        contracts,
        today=today,
        lookback_days=lookback_days,
        due_on=lambda contract: certificate_due_on(
            contract.last_day, today=today, lookback_days=lookback_days
        ),
        recipients=admins_only,
    )


def certificate_due_still_due(reminder: Reminder) -> bool:
    contract: Contract = reminder.subject
    return (
        contract.certificate_issued_at is None
        and contract.status in Contract.SERVED_STATUSES
        and contract.last_day < reminder.due_on
    )


def certificate_due_render(reminder: Reminder) -> Rendered:
    contract: Contract = reminder.subject
    context = email_context(contract, reminder.recipient)
    context["last_day"] = contract.last_day
    context["still_active"] = contract.status == Contract.Status.ACTIVE
    values = {"volunteer": context["volunteer_name"], "mission": contract.mission.title}
    return rendered(
        reminder,
        template="missions/emails/certificate_due",
        context=context,
        title=_("Certificate of completion to issue: %(volunteer)s (%(mission)s)") % values,
        summary=_(
            "The mission %(mission)s of %(volunteer)s has ended and its certificate of "
            "completion has not been issued yet. The association must issue it."
        )
        % values,
    )


CERTIFICATE_DUE = register(
    ReminderKind(
        code="certificate_due",
        label=gettext_lazy("Certificate of completion due"),
        essential=True,
        offsets=(-1,),  # then every CERTIFICATE_EVERY_DAYS: see certificate_due_on
        due=certificate_due_due,
        render=certificate_due_render,
        still_due=certificate_due_still_due,
    )
)
