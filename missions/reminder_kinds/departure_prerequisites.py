"""Departure prerequisites (essential): 30 days before `start_on` of a planned contract
whose departure checklist is incomplete; to the volunteer and staff."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import F, Q
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

from ..models import Contract
from .common import (
    email_context,
    format_date,
    reminder_contracts,
    rendered,
    volunteer_and_staff,
)

DEPARTURE_OFFSETS = (30,)  # days before the start


def _missing(contract: Contract) -> list[str]:
    """What the departure checklist lacks, worded by the contracts service (the one place)."""
    from ..services import contract_missing_prerequisites  # services import many apps: late

    return contract_missing_prerequisites(contract)


# The departure checklist as a query (the same rule as
# missions.services.contract_missing_prerequisites, which words what is missing):
# criminal record not checked, no affiliation date or one after the start, no
# insurance reference, no training date.
INCOMPLETE_CHECKLIST = (
    Q(criminal_record_checked_on__isnull=True)
    | Q(social_security_affiliated_on__isnull=True)
    | Q(social_security_affiliated_on__gt=F("start_on"))
    | Q(insurance_reference="")
    | Q(training_completed_on__isnull=True)
)


def _start_while_incomplete(contract: Contract) -> date | None:
    return contract.start_on if _missing(contract) else None  # complete: nothing to recall


def departure_prerequisites_due(today: date, lookback_days: int) -> Iterator[Due]:
    contracts = (
        reminder_contracts()
        .filter(status=Contract.Status.PLANNED)
        .filter(
            date_window_filter(
                "start_on", today=today, lookback_days=lookback_days, offsets=DEPARTURE_OFFSETS
            )
        )
        .filter(INCOMPLETE_CHECKLIST)
    )
    return dues_in_window(
        contracts,
        today=today,
        lookback_days=lookback_days,
        reference=_start_while_incomplete,
        offsets=DEPARTURE_OFFSETS,
        recipients=volunteer_and_staff,
    )


def departure_prerequisites_still_due(reminder: Reminder) -> bool:
    contract: Contract = reminder.subject
    return (
        contract.status == Contract.Status.PLANNED
        and (contract.start_on - reminder.due_on).days in DEPARTURE_OFFSETS
        and bool(_missing(contract))
    )


def departure_prerequisites_render(reminder: Reminder) -> Rendered:
    contract: Contract = reminder.subject
    context = email_context(contract, reminder.recipient)
    context["missing"] = _missing(contract)
    context["days_left"] = max((contract.start_on - timezone.localdate()).days, 0)
    values = {"mission": contract.mission.title, "date": format_date(contract.start_on)}
    return rendered(
        reminder,
        template="missions/emails/departure_prerequisites",
        context=context,
        title=_("Departure on %(date)s: the checklist is not complete (%(mission)s)") % values,
        summary=_(
            "The departure for %(mission)s is planned on %(date)s and some departure "
            "prerequisites are still missing. The contract cannot start without them."
        )
        % values,
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
