"""Mission ending (can be muted): 60 and 14 days before the last day of an active contract
(its planned end, or the last day a notice set); to the volunteer and staff."""

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
    dues_in_window,
    reference_windows,
    register,
)
from vsi_portal.entitlements import reaches_twelve_months
from vsi_portal.formats import format_day

from ..models import Contract
from .common import (
    email_context,
    last_day_in,
    reminder_contracts,
    rendered,
    volunteer_and_staff,
)

MISSION_ENDING_OFFSETS = (60, 14)  # days before the last day


def mission_ending_due(today: date, lookback_days: int) -> Iterator[Due]:
    contracts = (
        reminder_contracts()
        .filter(status=Contract.Status.ACTIVE)
        .filter(
            last_day_in(
                reference_windows(
                    today=today, lookback_days=lookback_days, offsets=MISSION_ENDING_OFFSETS
                )
            )
        )
    )
    return dues_in_window(
        contracts,
        today=today,
        lookback_days=lookback_days,
        reference=lambda contract: contract.last_day,
        offsets=MISSION_ENDING_OFFSETS,
        recipients=volunteer_and_staff,
    )


def mission_ending_still_due(reminder: Reminder) -> bool:
    contract: Contract = reminder.subject
    return (
        contract.status == Contract.Status.ACTIVE
        and (contract.last_day - reminder.due_on).days in MISSION_ENDING_OFFSETS
    )


def mission_ending_render(reminder: Reminder) -> Rendered:
    contract: Contract = reminder.subject
    context = email_context(contract, reminder.recipient)
    context["days_left"] = max((contract.last_day - timezone.localdate()).days, 0)
    context["state_aids"] = reaches_twelve_months(contract.start_on, contract.end_on)
    values = {
        "mission": contract.mission.title,
        "date": format_day(contract.last_day),
        "volunteer": context["volunteer_name"],
    }
    if context["for_volunteer"]:
        title = _("The mission %(mission)s ends on %(date)s")
        summary = _(
            "The mission %(mission)s ends on %(date)s: time to prepare the return journey, "
            "the certificate of completion and the end-of-mission aids."
        )
    else:  # the staff read whose mission it is
        title = _("The mission %(mission)s of %(volunteer)s ends on %(date)s")
        summary = _(
            "The mission %(mission)s of %(volunteer)s ends on %(date)s: time to prepare the "
            "return journey, the certificate of completion and the end-of-mission aids."
        )
    return rendered(
        reminder,
        template="missions/emails/mission_ending",
        context=context,
        title=title % values,
        summary=summary % values,
    )


MISSION_ENDING = register(
    ReminderKind(
        code="mission_ending",
        label=gettext_lazy("Mission ending"),
        essential=False,
        offsets=MISSION_ENDING_OFFSETS,
        due=mission_ending_due,
        render=mission_ending_render,
        still_due=mission_ending_still_due,
    )
)
