"""Insertion premium deadline (essential): 60 and 14 days before the premium's deadline,
unless the volunteer marked it requested; to the volunteer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.models import Reminder
from notifications.reminders import (
    Due,
    ReminderKind,
    Rendered,
    dues_in_window,
    reference_windows,
    register,
)
from vsi_portal.entitlements import add_months
from vsi_portal.formats import format_day

from ..models import Contract
from ..selectors.contracts import insertion_premium
from .common import (
    ONE_DAY,
    email_context,
    last_day_in,
    my_vsi_link,
    premium_terms,
    reminder_contracts,
    rendered,
    volunteer_only,
)

PREMIUM_OFFSETS = (60, 14)  # days before the insertion premium's deadline


def _premium_last_day_window(today: date, lookback_days: int) -> Q:
    """Contracts whose premium deadline may fall in a reminder window, as a last-day range.

    The deadline is `add_months(last_day, 12)`, which never decreases as the last day
    grows: a deadline in a..b means a last day in add_months(a, -12)..add_months(b, -12),
    plus one day for the 29 February that maps onto 28 February. The exact date is checked
    in Python; the column filter keeps the scan on the indexed end columns.
    """
    return last_day_in(
        (add_months(start, -12), add_months(end, -12) + ONE_DAY)
        for start, end in reference_windows(
            today=today, lookback_days=lookback_days, offsets=PREMIUM_OFFSETS
        )
    )


def _premium_deadline(contract: Contract) -> date | None:
    premium = insertion_premium(contract)
    return premium.deadline if premium.facts_met else None  # no premium: no deadline to recall


def insertion_premium_deadline_due(today: date, lookback_days: int) -> Iterator[Due]:
    contracts = (
        reminder_contracts()
        .served()
        .filter(
            volunteer__isnull=False,
            insertion_premium_requested_on__isnull=True,
        )
        .filter(_premium_last_day_window(today, lookback_days))
    )
    return dues_in_window(
        contracts,
        today=today,
        lookback_days=lookback_days,
        reference=_premium_deadline,
        offsets=PREMIUM_OFFSETS,
        recipients=volunteer_only,
    )


def insertion_premium_deadline_still_due(reminder: Reminder) -> bool:
    contract: Contract = reminder.subject
    if contract.volunteer is None or contract.insertion_premium_requested_on is not None:
        return False
    premium = insertion_premium(contract)
    return premium.facts_met and (premium.deadline - reminder.due_on).days in PREMIUM_OFFSETS


def insertion_premium_deadline_render(reminder: Reminder) -> Rendered:
    contract: Contract = reminder.subject
    context = email_context(contract, reminder.recipient)
    premium = insertion_premium(contract)
    context.update(
        {
            "premium": premium,
            **premium_terms(),
            "premium_days_left": max(premium.days_left(timezone.localdate()), 0),
        }
    )
    values = {"date": format_day(premium.deadline)}
    return rendered(
        reminder,
        template="missions/emails/insertion_premium_deadline",
        context=context,
        link=my_vsi_link(),  # where "I have requested the premium" stops these reminders
        title=_("Insertion premium: request it by %(date)s") % values,
        summary=_(
            "The last day to request your insertion premium is %(date)s. After that date it "
            "can no longer be paid. Once you have requested it, tell the portal to stop these "
            "reminders."
        )
        % values,
    )


INSERTION_PREMIUM_DEADLINE = register(
    ReminderKind(
        code="insertion_premium_deadline",
        label=gettext_lazy("Insertion premium deadline"),
        essential=True,
        offsets=PREMIUM_OFFSETS,
        due=insertion_premium_deadline_due,
        render=insertion_premium_deadline_render,
        still_due=insertion_premium_deadline_still_due,
    )
)
