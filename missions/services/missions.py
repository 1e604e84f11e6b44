"""Every write on a mission: create, edit, publish, close, duplicate, save for later.

Each service checks who asks and the state the mission is in, validates the mission's
facts with the rules modules (``mission_problems``) and keeps the search columns in step
(``services.search``). Field problems are raised as a ``ValidationError`` keyed by field,
so forms show each message on its field; invalid moves raise ``MissionError``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from associations.models import MAX_MIN_VOLUNTEER_AGE, MIN_AGE_OUT_OF_RANGE, Association, Membership
from volunteers.models import SavedMission, Volunteer
from vsi_portal import search_cache
from vsi_portal.eligibility import Contract as RulesContract
from vsi_portal.eligibility import Reason, contract_reasons
from vsi_portal.entitlements import (
    allowance_problem,
    contract_last_day,
)
from vsi_portal.explanations import explain_allowance
from vsi_portal.formats import format_day, format_euros
from vsi_portal.geography import is_country_code

from ..errors import MissionError
from ..models import Language, Mission
from ..models.missions import (
    ALLOWANCE_TOO_HIGH,
    END_BEFORE_START,
    MAX_ALLOWANCE_EUR,
    MAX_PLACES,
    PLACES_OUT_OF_RANGE,
)
from .search import save_with_search_columns

MISSION_FIELDS = (
    "title",
    "summary",
    "description",
    "domain",
    "country",
    "place",
    "start_on",
    "end_on",
    "allowance_eur",
    "places",
    "application_deadline",
    "skills",
    "min_age",
)

# Addresses under /missions/ that a mission's slug must never take.
RESERVED_SLUGS = frozenset(
    {
        "manage",
        "saved",
        "new",
        "feed",
        "map",
        "my-applications",
        "my-contracts",
        "contracts",
        "am-i-eligible",
        "searches",
        "alerts",
    }
)


# --- Validation --------------------------------------------------------------------------


def mission_problems(
    *, values: dict[str, Any], association: Association, today: date, publishing: bool
) -> dict[str, list[str]]:
    """What is wrong with a mission's facts, by field (empty when it may be saved).

    ``publishing`` adds the checks that matter once the mission is public: its deadline
    is not past and the association's approval still runs on the start date.
    """
    problems: dict[str, list[str]] = {}

    def add(field: str, message) -> None:
        problems.setdefault(field, []).append(str(message))

    country = str(values.get("country") or "")
    start, end = values.get("start_on"), values.get("end_on")
    deadline = values.get("application_deadline")
    allowance = values.get("allowance_eur")
    places, min_age = values.get("places"), values.get("min_age")

    if start is not None and start <= today:
        add("start_on", _("The mission must start in the future."))
    dates_valid = start is not None and end is not None and end >= start
    if start is not None and end is not None and end < start:
        add("end_on", END_BEFORE_START)

    if is_country_code(country) and dates_valid:
        contract = RulesContract(
            country=country,
            start=start,
            end=end,
            organisation_approved=association.is_approved_on(start),
        )
        reasons = contract_reasons(contract)
        if Reason.EU_EEA_DESTINATION in reasons:
            add(
                "country",
                _(
                    "A VSI cannot take place in a State of the European Union or the European "
                    "Economic Area other than France (its territories count as that State). "
                    "For a mission in Europe, look at the European Solidarity Corps."
                ),
            )
        if Reason.CONTRACT_OVER_2_YEARS in reasons:
            add(
                "end_on",
                _(
                    "A VSI contract lasts at most 2 years: for a mission starting on %(start)s, "
                    "the last possible day is %(last_day)s."
                )
                % {"start": format_day(start), "last_day": format_day(contract_last_day(start))},
            )
        if publishing and Reason.ORGANISATION_NOT_APPROVED in reasons:
            add(
                "start_on",
                _(
                    "Your association's approval does not run on the mission's start date: "
                    "renew it, or choose an earlier start."
                ),
            )
    elif country and not is_country_code(country):
        add("country", _("Choose a country from the list."))

    if allowance is not None and allowance > MAX_ALLOWANCE_EUR:
        add("allowance_eur", ALLOWANCE_TOO_HIGH)
    elif is_country_code(country) and allowance is not None:
        problem = allowance_problem(country, allowance)
        if problem is not None:
            add(
                "allowance_eur",
                explain_allowance(problem, amount=allowance, format_amount=format_euros),
            )

    if (places is not None and places < 1) or (places is not None and places > MAX_PLACES):
        add("places", PLACES_OUT_OF_RANGE)

    if deadline is not None:
        if start is not None and deadline >= start:
            add("application_deadline", _("The application deadline must be before the start."))
        if publishing and deadline < today:
            add("application_deadline", _("The application deadline is already past."))

    if min_age is not None and min_age < association.min_volunteer_age:
        add(
            "min_age",
            _("Your association asks for volunteers aged %(age)s or over: set at least %(age)s.")
            % {"age": association.min_volunteer_age},
        )
    elif min_age is not None and min_age > MAX_MIN_VOLUNTEER_AGE:
        add("min_age", MIN_AGE_OUT_OF_RANGE)
    return problems


def require_member(
    association: Association, user, error: type[MissionError] = MissionError
) -> None:
    """Refuse (with ``error``) anyone who is not on the association's staff.

    Applications and contracts call it too, with their own error type.
    """
    if not (
        user.is_authenticated
        and Membership.objects.filter(association=association, user=user).exists()
    ):
        raise error(_("You are not on the staff of this association."))


def require_approved_member(association: Association, user, today: date) -> None:
    """A member of an association approved today (a suspended one cannot publish)."""
    require_member(association, user)
    if not association.is_approved_on(today):
        raise MissionError(
            _(
                "Your association is not approved, or its approval has expired: it cannot "
                "publish or edit missions until France Volontaires approves it."
            )
        )


def _slug_base(title: str) -> str:
    return (slugify(title) or "mission")[:200].strip("-") or "mission"


def _unique_slug(title: str) -> str:
    base = _slug_base(title)
    candidate, number = base, 1
    while candidate in RESERVED_SLUGS or Mission.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


# After this many slugs taken at the same moment by others, a random suffix ends the race.
SLUG_ATTEMPTS_IN_ORDER = 5
SLUG_ATTEMPTS = SLUG_ATTEMPTS_IN_ORDER + 3


def _insert_with_free_slug(mission: Mission, title: str) -> None:
    """Save a new mission under the first free slug of ``title`` (``-2``, ``-3``, ...).

    Missions created at the same moment with one title all find the same slug free; the
    unique constraint then refuses all but one. Each refused insert is rolled back to its
    savepoint and tries the next free slug; after a few rounds lost, a random suffix.
    """
    for attempt in range(SLUG_ATTEMPTS):
        if attempt < SLUG_ATTEMPTS_IN_ORDER:
            mission.slug = _unique_slug(title)
        else:
            mission.slug = f"{_slug_base(title)[:190]}-{secrets.token_hex(3)}"
        try:
            with transaction.atomic():
                save_with_search_columns(mission)
        except IntegrityError:
            if not Mission.objects.filter(slug=mission.slug).exists():
                raise  # another constraint: not the slug's race
        else:
            return
    raise MissionError(_("The mission could not be saved at this moment: try again."))


def locked_mission(mission: Mission) -> Mission:
    """The mission's row, locked until the transaction ends (with its association)."""
    return Mission.objects.select_for_update().select_related("association").get(pk=mission.pk)


# --- Staff moves -------------------------------------------------------------------------


@transaction.atomic
def mission_create(
    *,
    association: Association,
    by,
    data: dict[str, Any],
    languages: Iterable[Language] = (),
    today: date | None = None,
) -> Mission:
    """Create a draft mission for one of the user's approved associations."""
    today = today or timezone.localdate()
    require_approved_member(association, by, today)
    values = {field: data[field] for field in MISSION_FIELDS if field in data}
    values.setdefault("min_age", association.min_volunteer_age)
    problems = mission_problems(
        values=values, association=association, today=today, publishing=False
    )
    if problems:
        raise ValidationError(problems)
    mission = Mission(association=association, created_by=by, status=Mission.Status.DRAFT, **values)
    _insert_with_free_slug(mission, values["title"])
    mission.languages.set(languages)
    return mission


@transaction.atomic
def mission_update(
    *,
    mission: Mission,
    by,
    data: dict[str, Any],
    languages: Iterable[Language] | None = None,
    today: date | None = None,
) -> Mission:
    """Edit a draft or a published mission; a published one is re-validated as if publishing."""
    today = today or timezone.localdate()
    mission = locked_mission(mission)
    require_approved_member(mission.association, by, today)
    if mission.is_closed:
        raise MissionError(_("A closed mission can no longer be edited: duplicate it instead."))
    values = {field: data[field] for field in MISSION_FIELDS if field in data}
    merged = {field: getattr(mission, field) for field in MISSION_FIELDS} | values
    problems = mission_problems(
        values=merged,
        association=mission.association,
        today=today,
        publishing=mission.is_published,
    )
    if problems:
        raise ValidationError(problems)
    for field, value in values.items():
        setattr(mission, field, value)
    save_with_search_columns(mission, update_fields=list(values))
    if languages is not None:
        mission.languages.set(languages)
    if mission.is_published and "places" in values:
        # Fewer places than before may all be taken: the mission closes as on accepting.
        mission_close_if_full(
            mission=mission, accepted_count=mission.applications.accepted().count()
        )
    return mission


@transaction.atomic
def mission_publish(*, mission: Mission, by, today: date | None = None) -> Mission:
    """Make a draft public, once its facts pass every check of publication."""
    today = today or timezone.localdate()
    mission = locked_mission(mission)
    require_approved_member(mission.association, by, today)
    if not mission.is_draft:
        raise MissionError(_("Only a draft can be published."))
    values = {field: getattr(mission, field) for field in MISSION_FIELDS}
    problems = mission_problems(
        values=values, association=mission.association, today=today, publishing=True
    )
    if problems:
        raise ValidationError(problems)
    mission.status = Mission.Status.PUBLISHED
    mission.published_at = timezone.now()
    mission.save(update_fields=["status", "published_at", "updated_at"])
    search_cache.results_changed()
    return mission


@transaction.atomic
def mission_delete(*, mission: Mission, by) -> None:
    """Delete a draft: nobody outside the association has seen it, and no application or
    contract refers to it. A published or closed mission stays (close it instead)."""
    mission = locked_mission(mission)
    require_member(mission.association, by)
    if not mission.is_draft:
        raise MissionError(_("Only a draft can be deleted: close a published mission instead."))
    mission.delete()


@transaction.atomic
def mission_close(*, mission: Mission, by) -> Mission:
    """Close a published mission: it leaves the search and stays readable by its link.

    *Choice*: closing only needs a member, not an approved association, so that a
    suspended association can still withdraw its offers.
    """
    mission = locked_mission(mission)
    require_member(mission.association, by)
    if not mission.is_published:
        raise MissionError(_("Only a published mission can be closed."))
    return _close(mission)


def _close(mission: Mission) -> Mission:
    mission.status = Mission.Status.CLOSED
    mission.closed_at = timezone.now()
    mission.save(update_fields=["status", "closed_at", "updated_at"])
    search_cache.results_changed()
    return mission


@transaction.atomic
def mission_duplicate(*, mission: Mission, by, today: date | None = None) -> Mission:
    """A draft copy of a mission (any state), to adjust and publish again."""
    today = today or timezone.localdate()
    mission = Mission.objects.select_related("association").get(pk=mission.pk)
    require_approved_member(mission.association, by, today)
    copy = Mission(
        association=mission.association,
        created_by=by,
        status=Mission.Status.DRAFT,
        **{field: getattr(mission, field) for field in MISSION_FIELDS},
    )
    _insert_with_free_slug(copy, mission.title)
    copy.languages.set(mission.languages.all())
    return copy


# --- Missions closing themselves ---------------------------------------------------------


@transaction.atomic
def missions_close_expired(*, today: date) -> int:
    """Close every published mission whose deadline has passed; returns how many.

    One conditional UPDATE: safe to run twice or from two workers. The public queries
    already leave these missions out (``open_for_applications``), so nobody waits for it.
    """
    closed = Mission.objects.filter(
        status=Mission.Status.PUBLISHED, application_deadline__lt=today
    ).update(status=Mission.Status.CLOSED, closed_at=timezone.now(), updated_at=timezone.now())
    if closed:
        search_cache.results_changed()
    return closed


@transaction.atomic
def mission_close_if_full(*, mission: Mission, accepted_count: int) -> bool:
    """Close a published mission once its accepted applications fill every place.

    Hook for the applications work: after accepting an application, call it inside the
    same transaction with the number of accepted applications of the mission, e.g.
    ``mission_close_if_full(mission=m, accepted_count=m.applications.accepted().count())``.
    Returns True when the mission was closed by this call.
    """
    mission = locked_mission(mission)
    if mission.is_published and accepted_count >= mission.places:
        _close(mission)
        return True
    return False


# --- Saved missions ----------------------------------------------------------------------


@transaction.atomic
def mission_save(*, mission: Mission, volunteer: Volunteer) -> SavedMission:
    """Keep a mission in the volunteer's list (saving it twice keeps one entry)."""
    if mission.is_draft:
        raise MissionError(_("This mission is not public."))
    try:
        with transaction.atomic():
            saved, _created = SavedMission.objects.get_or_create(
                volunteer=volunteer, mission=mission
            )
    except IntegrityError:  # saved at the same moment from another tab
        saved = SavedMission.objects.get(volunteer=volunteer, mission=mission)
    return saved


@transaction.atomic
def mission_unsave(*, mission: Mission, volunteer: Volunteer) -> None:
    SavedMission.objects.filter(volunteer=volunteer, mission=mission).delete()
