"""End-of-mission aids (essential): the day after the last day; to the volunteer."""

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
from vsi_portal.formats import format_day

from ..models import Contract
from ..selectors.contracts import contract_resettlement, insertion_premium
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

AIDS_OFFSETS = (-1,)  # the day after the last day


def end_of_mission_aids_due(today: date, lookback_days: int) -> Iterator[Due]:
    contracts = (
        reminder_contracts()
        .served()
        .filter(volunteer__isnull=False)
        .filter(
            last_day_in(
                reference_windows(today=today, lookback_days=lookback_days, offsets=AIDS_OFFSETS)
            )
        )
    )
    return dues_in_window(
        contracts,
        today=today,
        lookback_days=lookback_days,
        reference=lambda contract: contract.last_day,
        offsets=AIDS_OFFSETS,
        recipients=volunteer_only,
    )


def end_of_mission_aids_still_due(reminder: Reminder) -> bool:
    contract: Contract = reminder.subject
    return (
        contract.volunteer is not None
        and contract.status in Contract.SERVED_STATUSES
        and contract.last_day + ONE_DAY == reminder.due_on
    )


def end_of_mission_aids_render(reminder: Reminder) -> Rendered:
    contract: Contract = reminder.subject
    context = email_context(contract, reminder.recipient)
    premium = insertion_premium(contract)
    context.update(
        {
            "last_day": contract.last_day,
            "resettlement": contract_resettlement(contract, contract.volunteer),
            "premium": premium,
            **premium_terms(),
            "premium_days_left": premium.days_left(timezone.localdate()),
        }
    )
    values = {"mission": contract.mission.title, "date": format_day(premium.deadline)}
    return rendered(
        reminder,
        template="missions/emails/end_of_mission_aids",
        context=context,
        link=my_vsi_link(),  # where the aids, the deadline and "I have requested it" are
        title=_("Your mission has ended: your end-of-mission aids (%(mission)s)") % values,
        summary=(
            _(
                "Your mission %(mission)s has ended. See your resettlement allowance and, if "
                "you can claim it, request the insertion premium by %(date)s."
            )
            if premium.facts_met
            else _(
                "Your mission %(mission)s has ended. See your resettlement allowance and your "
                "certificate of completion."
            )
        )
        % values,
    )


END_OF_MISSION_AIDS = register(
    ReminderKind(
        code="end_of_mission_aids",
        label=gettext_lazy("End-of-mission aids"),
        essential=True,
        offsets=AIDS_OFFSETS,
        due=end_of_mission_aids_due,
        render=end_of_mission_aids_render,
        still_due=end_of_mission_aids_still_due,
    )
)
