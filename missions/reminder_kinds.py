"""Reminder kinds about VSI contracts (DESIGN.md "Reminder jobs"; issue 7).

Registered with the notifications engine (notifications/reminders.py), which
inserts each (kind, contract, due date, recipient) row exactly once, claims,
sends the e-mail and the in-app notification, and retries. Each kind here only
says what falls due and how it reads:

- departure_prerequisites (essential): 30 days before `start_on` of a planned
  contract whose departure checklist is incomplete; to the volunteer and staff.
- mission_ending (can be muted): 60 and 14 days before `end_on` of an active
  contract; to the volunteer and staff.
- certificate_due (essential): the day after the last day, then every 7 days
  while no certificate is issued; to staff.
- end_of_mission_aids (essential): the day after the last day; to the volunteer.
- insertion_premium_deadline (essential): 60 and 14 days before the premium's
  deadline, unless the volunteer marked it requested; to the volunteer.

"Staff" are the association's administrators and editors (active accounts).
Every `due` filters on indexed date columns (`start_on`, `end_on`,
`ended_on`, and the status indexes) and walks the result in primary-key
chunks; a chunk's staff come in one query, so a scan's cost follows the number
of contracts due, not the size of the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from django.db.models import F, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from associations.models import Membership
from notifications.models import Reminder
from notifications.reminders import (
    Due,
    ReminderKind,
    Rendered,
    date_window_filter,
    dues_in_window,
    reference_windows,
    register,
    render_email,
)
from volunteers.selectors import contract_resettlement, insertion_premium
from vsi_portal.entitlements import add_months, reaches_twelve_months

from .models import Contract

ONE_DAY = timedelta(days=1)

DEPARTURE_OFFSETS = (30,)  # days before the start
MISSION_ENDING_OFFSETS = (60, 14)  # days before the planned end
AIDS_OFFSETS = (-1,)  # the day after the last day
PREMIUM_OFFSETS = (60, 14)  # days before the insertion premium's deadline
CERTIFICATE_EVERY_DAYS = 7  # after the first reminder, the day after the end

ENDED_STATUSES = (Contract.Status.COMPLETED, Contract.Status.ENDED_EARLY)
# An active contract whose planned end has passed has ended too (staff have not
# recorded the completion yet): its volunteer's aids and deadlines run all the same.
PAST_END_STATUSES = (Contract.Status.ACTIVE, *ENDED_STATUSES)
STAFF_ROLES = (Membership.Role.ADMIN, Membership.Role.EDITOR)


# --- Shared helpers -----------------------------------------------------------------------


def _contracts() -> QuerySet[Contract]:
    return Contract.objects.select_related("volunteer__user", "association", "mission")


def _staff_by_association(contracts: Iterable[Contract]) -> dict[int, list]:
    """The active admins and editors of the chunk's associations, in one query."""
    staff: dict[int, list] = {}
    memberships = (
        Membership.objects.filter(
            association_id__in={contract.association_id for contract in contracts},
            role__in=STAFF_ROLES,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        staff.setdefault(membership.association_id, []).append(membership.user)
    return staff


def _volunteer_users(contract: Contract) -> list:
    """The volunteer's account, or nobody when they deleted it (the contract is anonymised)."""
    if contract.volunteer is None:
        return []
    return [contract.volunteer.user]


def _volunteer_and_staff(chunk: list[Contract]):
    staff = _staff_by_association(chunk)
    return lambda contract: _volunteer_users(contract) + staff.get(contract.association_id, [])


def _staff_only(chunk: list[Contract]):
    staff = _staff_by_association(chunk)
    # No staff, no reminder: issuing the certificate is theirs alone.
    return lambda contract: staff.get(contract.association_id) or None


def _volunteer_only(chunk: list[Contract]):
    return _volunteer_users


def _last_day_filter(start: date, end: date) -> Q:
    """Contracts whose last day (the early end, else the planned end) lies in start..end.

    Two indexed columns: `ended_on` when the contract ended early, else `end_on`.
    """
    return Q(ended_on__range=(start, end)) | Q(ended_on__isnull=True, end_on__range=(start, end))


def _last_day_window_filter(*, today: date, lookback_days: int, offsets: Iterable[int]) -> Q:
    q = Q()
    for start, end in reference_windows(today=today, lookback_days=lookback_days, offsets=offsets):
        q |= _last_day_filter(start, end)
    return q


def _is_volunteer(contract: Contract, user) -> bool:
    return contract.volunteer is not None and contract.volunteer.user_id == user.pk


def _first_url(candidates: list[tuple[str, dict]], fallback: str) -> str:
    """The first URL that resolves; pages may arrive after these kinds (reversed at render)."""
    for name, kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return fallback


def _volunteer_link(contract: Contract) -> str:
    return _first_url(
        [("missions:my_contract", {"pk": contract.pk}), ("volunteers:my_vsi", {})], "/me/vsi/"
    )


def _staff_link(contract: Contract) -> str:
    return _first_url(
        [
            ("missions:contract_detail", {"pk": contract.pk}),
            ("missions:contracts", {}),
            ("missions:manage", {}),
        ],
        "/",
    )


def _link_for(contract: Contract, user) -> str:
    if _is_volunteer(contract, user):
        return _volunteer_link(contract)
    return _staff_link(contract)


def _fmt(day: date) -> str:
    return date_format(day, "DATE_FORMAT")


def _volunteer_name(contract: Contract) -> str:
    if contract.volunteer is None:
        return _("a volunteer whose account was deleted")
    user = contract.volunteer.user
    return user.full_name or user.email


def _context(contract: Contract, user) -> dict:
    return {
        "user": user,
        "contract": contract,
        "mission": contract.mission,
        "association": contract.association,
        "volunteer_name": _volunteer_name(contract),
        "for_volunteer": _is_volunteer(contract, user),
        "today": timezone.localdate(),
    }


def _my_vsi_link() -> str:
    return _first_url([("volunteers:my_vsi", {})], "/me/vsi/")


def _rendered(
    reminder: Reminder,
    *,
    template: str,
    context: dict,
    title: str,
    summary: str,
    link: str | None = None,
) -> Rendered:
    link = link or _link_for(reminder.subject, reminder.recipient)
    text, html = render_email(template=template, context=context, link=link)
    return Rendered(title=title, summary=summary, text=text, html=html, link=link)


# --- Departure prerequisites (30 days before the start) ------------------------------------


def _missing(contract: Contract) -> list[str]:
    """What the departure checklist lacks, worded by the contracts service (the one place)."""
    from .services import contract_missing_prerequisites  # services import many apps: late

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
        _contracts()
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
        recipients=_volunteer_and_staff,
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
    context = _context(contract, reminder.recipient)
    context["missing"] = _missing(contract)
    context["days_left"] = max((contract.start_on - timezone.localdate()).days, 0)
    values = {"mission": contract.mission.title, "date": _fmt(contract.start_on)}
    return _rendered(
        reminder,
        template="departure_prerequisites",
        context=context,
        title=_("Departure on %(date)s: the checklist is not complete (%(mission)s)") % values,
        summary=_(
            "The departure for %(mission)s is planned on %(date)s and some departure "
            "prerequisites are still missing. The contract cannot start without them."
        )
        % values,
    )


# --- Mission ending (60 and 14 days before the planned end) --------------------------------


def mission_ending_due(today: date, lookback_days: int) -> Iterator[Due]:
    contracts = (
        _contracts()
        .filter(status=Contract.Status.ACTIVE)
        .filter(
            date_window_filter(
                "end_on", today=today, lookback_days=lookback_days, offsets=MISSION_ENDING_OFFSETS
            )
        )
    )
    return dues_in_window(
        contracts,
        today=today,
        lookback_days=lookback_days,
        reference=lambda contract: contract.end_on,
        offsets=MISSION_ENDING_OFFSETS,
        recipients=_volunteer_and_staff,
    )


def mission_ending_still_due(reminder: Reminder) -> bool:
    contract: Contract = reminder.subject
    return (
        contract.status == Contract.Status.ACTIVE
        and (contract.end_on - reminder.due_on).days in MISSION_ENDING_OFFSETS
    )


def mission_ending_render(reminder: Reminder) -> Rendered:
    contract: Contract = reminder.subject
    context = _context(contract, reminder.recipient)
    context["days_left"] = max((contract.end_on - timezone.localdate()).days, 0)
    context["state_aids"] = reaches_twelve_months(contract.start_on, contract.end_on)
    values = {"mission": contract.mission.title, "date": _fmt(contract.end_on)}
    return _rendered(
        reminder,
        template="mission_ending",
        context=context,
        title=_("The mission %(mission)s ends on %(date)s") % values,
        summary=_(
            "The mission %(mission)s ends on %(date)s: time to prepare the return journey, "
            "the certificate of completion and the end-of-mission aids."
        )
        % values,
    )


# --- Certificate due (from the day after the end, weekly, until issued) --------------------


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
    yesterday = today - ONE_DAY
    contracts = (
        _contracts()
        .filter(status__in=PAST_END_STATUSES, certificate_issued_at__isnull=True)
        .filter(Q(ended_on__lte=yesterday) | Q(ended_on__isnull=True, end_on__lte=yesterday))
    )
    return dues_in_window(
        contracts,
        today=today,
        lookback_days=lookback_days,
        due_on=lambda contract: certificate_due_on(
            contract.last_day, today=today, lookback_days=lookback_days
        ),
        recipients=_staff_only,
    )


def certificate_due_still_due(reminder: Reminder) -> bool:
    contract: Contract = reminder.subject
    return (
        contract.certificate_issued_at is None
        and contract.status in PAST_END_STATUSES
        and contract.last_day < reminder.due_on
    )


def certificate_due_render(reminder: Reminder) -> Rendered:
    contract: Contract = reminder.subject
    context = _context(contract, reminder.recipient)
    context["last_day"] = contract.last_day
    context["still_active"] = contract.status == Contract.Status.ACTIVE
    values = {"volunteer": context["volunteer_name"], "mission": contract.mission.title}
    return _rendered(
        reminder,
        template="certificate_due",
        context=context,
        title=_("Certificate of completion to issue: %(volunteer)s (%(mission)s)") % values,
        summary=_(
            "The mission %(mission)s of %(volunteer)s has ended and its certificate of "
            "completion has not been issued yet. The association must issue it."
        )
        % values,
    )


# --- End-of-mission aids (the day after the end) -------------------------------------------


def end_of_mission_aids_due(today: date, lookback_days: int) -> Iterator[Due]:
    contracts = (
        _contracts()
        .filter(status__in=PAST_END_STATUSES, volunteer__isnull=False)
        .filter(
            _last_day_window_filter(today=today, lookback_days=lookback_days, offsets=AIDS_OFFSETS)
        )
    )
    return dues_in_window(
        contracts,
        today=today,
        lookback_days=lookback_days,
        reference=lambda contract: contract.last_day,
        offsets=AIDS_OFFSETS,
        recipients=_volunteer_only,
    )


def end_of_mission_aids_still_due(reminder: Reminder) -> bool:
    contract: Contract = reminder.subject
    return (
        contract.volunteer is not None
        and contract.status in PAST_END_STATUSES
        and contract.last_day + ONE_DAY == reminder.due_on
    )


def end_of_mission_aids_render(reminder: Reminder) -> Rendered:
    contract: Contract = reminder.subject
    context = _context(contract, reminder.recipient)
    premium = insertion_premium(contract)
    context.update(
        {
            "last_day": contract.last_day,
            "resettlement": contract_resettlement(contract, contract.volunteer),
            "premium": premium,
            "premium_days_left": premium.days_left(timezone.localdate()),
        }
    )
    values = {"mission": contract.mission.title, "date": _fmt(premium.deadline)}
    return _rendered(
        reminder,
        template="end_of_mission_aids",
        context=context,
        link=_my_vsi_link(),  # where the aids, the deadline and "I have requested it" are
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


# --- Insertion premium deadline (60 and 14 days before it) ---------------------------------


def _premium_last_day_window(today: date, lookback_days: int) -> Q:
    """Contracts whose premium deadline may fall in a reminder window, as a last-day range.

    The deadline is `add_months(last_day, 12)`, which never decreases as the last day
    grows: a deadline in a..b means a last day in add_months(a, -12)..add_months(b, -12),
    plus one day for the 29 February that maps onto 28 February. The exact date is checked
    in Python; the column filter keeps the scan on the indexed end columns.
    """
    q = Q()
    for start, end in reference_windows(
        today=today, lookback_days=lookback_days, offsets=PREMIUM_OFFSETS
    ):
        q |= _last_day_filter(add_months(start, -12), add_months(end, -12) + ONE_DAY)
    return q


def _premium_deadline(contract: Contract) -> date | None:
    premium = insertion_premium(contract)
    return premium.deadline if premium.facts_met else None  # no premium: no deadline to recall


def insertion_premium_deadline_due(today: date, lookback_days: int) -> Iterator[Due]:
    contracts = (
        _contracts()
        .filter(
            status__in=PAST_END_STATUSES,
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
        recipients=_volunteer_only,
    )


def insertion_premium_deadline_still_due(reminder: Reminder) -> bool:
    contract: Contract = reminder.subject
    if contract.volunteer is None or contract.insertion_premium_requested_on is not None:
        return False
    premium = insertion_premium(contract)
    return premium.facts_met and (premium.deadline - reminder.due_on).days in PREMIUM_OFFSETS


def insertion_premium_deadline_render(reminder: Reminder) -> Rendered:
    contract: Contract = reminder.subject
    context = _context(contract, reminder.recipient)
    premium = insertion_premium(contract)
    context.update(
        {
            "premium": premium,
            "premium_days_left": max(premium.days_left(timezone.localdate()), 0),
        }
    )
    values = {"date": _fmt(premium.deadline)}
    return _rendered(
        reminder,
        template="insertion_premium_deadline",
        context=context,
        link=_my_vsi_link(),  # where "I have requested the premium" stops these reminders
        title=_("Insertion premium: request it by %(date)s") % values,
        summary=_(
            "The last day to request your insertion premium is %(date)s. After that date it "
            "can no longer be paid. Once you have requested it, tell the portal to stop these "
            "reminders."
        )
        % values,
    )


# --- Registration ---------------------------------------------------------------------------

DEPARTURE_PREREQUISITES = register(
    ReminderKind(
        code=Reminder.Kind.DEPARTURE_PREREQUISITES,
        essential=True,
        offsets=DEPARTURE_OFFSETS,
        due=departure_prerequisites_due,
        render=departure_prerequisites_render,
        still_due=departure_prerequisites_still_due,
    )
)
MISSION_ENDING = register(
    ReminderKind(
        code=Reminder.Kind.MISSION_ENDING,
        essential=False,
        offsets=MISSION_ENDING_OFFSETS,
        due=mission_ending_due,
        render=mission_ending_render,
        still_due=mission_ending_still_due,
    )
)
CERTIFICATE_DUE = register(
    ReminderKind(
        code=Reminder.Kind.CERTIFICATE_DUE,
        essential=True,
        offsets=(-1,),  # then every CERTIFICATE_EVERY_DAYS: see certificate_due_on
        due=certificate_due_due,
        render=certificate_due_render,
        still_due=certificate_due_still_due,
    )
)
END_OF_MISSION_AIDS = register(
    ReminderKind(
        code=Reminder.Kind.END_OF_MISSION_AIDS,
        essential=True,
        offsets=AIDS_OFFSETS,
        due=end_of_mission_aids_due,
        render=end_of_mission_aids_render,
        still_due=end_of_mission_aids_still_due,
    )
)
INSERTION_PREMIUM_DEADLINE = register(
    ReminderKind(
        code=Reminder.Kind.INSERTION_PREMIUM_DEADLINE,
        essential=True,
        offsets=PREMIUM_OFFSETS,
        due=insertion_premium_deadline_due,
        render=insertion_premium_deadline_render,
        still_due=insertion_premium_deadline_still_due,
    )
)
