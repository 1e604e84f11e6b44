"""Departure prerequisites (essential): 30 days before `start_on` of a planned contract
whose departure checklist is incomplete; to the volunteer and the association's
administrators."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.models import Reminder
from notifications.reminders import (
    Due,
    ReminderKind,
    Rendered,
    date_window_filter,
    dues_in_window,
    register,
)
from vsi_portal.formats import format_day

from ..models import Contract
from .common import (
    email_context,
    reminder_contracts,
    rendered,
    volunteer_and_admins,
)

DEPARTURE_OFFSETS = (30,)  # days before the start


def _start_while_incomplete(contract: Contract) -> date | None:
    # A complete checklist has nothing to recall.
    return contract.start_on if contract.missing_prerequisites() else None


def departure_prerequisites_due(today: date, lookback_days: int) -> Iterator[Due]:
    contracts = (
        reminder_contracts()
        .filter(status=Contract.Status.PLANNED)
        .filter(
            date_window_filter(
                "start_on", today=today, lookback_days=lookback_days, offsets=DEPARTURE_OFFSETS
            )
        )
        .checklist_incomplete()
    )
    return dues_in_window(
        contracts,
        today=today,
        lookback_days=lookback_days,
        reference=_start_while_incomplete,
        offsets=DEPARTURE_OFFSETS,
        recipients=volunteer_and_admins,
    )


def departure_prerequisites_still_due(reminder: Reminder) -> bool:
    contract: Contract = reminder.subject
    return (
        contract.status == Contract.Status.PLANNED
        and (contract.start_on - reminder.due_on).days in DEPARTURE_OFFSETS
        and bool(contract.missing_prerequisites())
    )


def departure_prerequisites_render(reminder: Reminder) -> Rendered:
    contract: Contract = reminder.subject
    context = email_context(contract, reminder.recipient)
    context["missing"] = contract.missing_prerequisites()
    context["days_left"] = max((contract.start_on - timezone.localdate()).days, 0)
    values = {
        "mission": contract.mission.title,
        "date": format_day(contract.start_on),
        "volunteer": context["volunteer_name"],
    }
    if context["for_volunteer"]:
        title = _("Departure on %(date)s: the checklist is not complete (%(mission)s)")
        summary = _(
            "The departure for %(mission)s is planned on %(date)s and some departure "
            "prerequisites are still missing. The contract cannot start without them."
        )
    else:  # the staff read whose departure it is
        title = _(
            "Departure of %(volunteer)s on %(date)s: the checklist is not complete (%(mission)s)"
        )
        summary = _(
            "The departure of %(volunteer)s for %(mission)s is planned on %(date)s and some "
            "departure prerequisites are still missing. The contract cannot start without them."
        )
    return rendered(
        reminder,
        template="missions/emails/departure_prerequisites",
        context=context,
        title=title % values,
        summary=summary % values,
    )


DEPARTURE_PREREQUISITES = register(
    ReminderKind(
        code="departure_prerequisites",
        label=gettext_lazy("Departure prerequisites missing"),
        essential=True,
        offsets=DEPARTURE_OFFSETS,
        due=departure_prerequisites_due,
        render=departure_prerequisites_render,
        still_due=departure_prerequisites_still_due,
    )
)
