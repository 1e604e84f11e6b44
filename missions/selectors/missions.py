"""Reads about missions, scoped to who asks: a mission page, similar and saved missions,
the staff's lists.
"""

from __future__ import annotations

from datetime import date

from django.db.models import (
    Case,
    IntegerField,
    Q,
    QuerySet,
    When,
)

from associations.models import Association
from volunteers.models import SavedMission, Volunteer
from vsi_portal import search_cache
from vsi_portal.eligibility import Candidate
from vsi_portal.geography import FRANCE, is_country_code, sovereign_state

from ..models import Language, Mission
from .candidates import card_verdicts
from .search import CARD_FIELDS, SEARCH_COLUMNS, applicable_to

SIMILAR_COUNT = 4
# The closest open missions kept for everyone; a candidate's are picked from them.
SIMILAR_POOL = 12


def mission_for_page(slug: str, user) -> Mission | None:
    """The mission at this address if the user may read it, else None.

    Published missions and closed ones are public; a draft (or a mission of an
    association not approved now) is shown only to that association's staff.
    """
    mission = (
        Mission.objects.select_related("association")
        .prefetch_related("languages")
        .defer(*SEARCH_COLUMNS)
        .filter(slug=slug)
        .first()
    )
    if mission is None:
        return None
    public = mission.is_closed or (mission.is_published and mission.association.is_approved)
    if public:
        return mission
    if user.is_authenticated and mission.association.memberships.filter(user=user).exists():
        return mission
    return None


def similar_missions(
    mission: Mission,
    *,
    today: date,
    candidate: Candidate | None = None,
    exclude: QuerySet | None = None,
    count: int = SIMILAR_COUNT,
) -> list[Mission]:
    """Up to ``count`` (4) open missions in the same domain or country, the closest first.

    The same for everyone but candidates: the closest ``SIMILAR_POOL`` are kept in the cache
    with the search's results. A ``candidate`` gets only missions they can apply to: the
    ones of that shared list the rules let them sign (``card_verdicts``, no query) when it
    holds enough of them, since they are then the first ones the database would find;
    else, and when leaving out the missions of ``exclude`` (ids: e.g. those they already
    applied to), the database's own filter (``applicable_to``), never cached.
    """
    pool = search_cache.cached(
        "similar",
        (mission.pk, mission.domain, mission.country, today),
        lambda: _similar_missions(mission, today=today, count=SIMILAR_POOL),
    )
    if candidate is None:
        return pool[:count]
    if exclude is None:
        verdicts = card_verdicts(candidate, pool)
        applicable = [m for m, verdict in zip(pool, verdicts, strict=True) if verdict.eligible]
        if len(applicable) >= count or len(pool) < SIMILAR_POOL:
            return applicable[:count]
    return _similar_missions(
        mission, today=today, candidate=candidate, exclude=exclude, count=count
    )


def _similar_missions(
    mission: Mission,
    *,
    today: date,
    candidate: Candidate | None = None,
    exclude: QuerySet | None = None,
    count: int = SIMILAR_COUNT,
) -> list[Mission]:
    """Same domain and country first, then same domain, then same country; soonest first.

    One query per group, until 4 are found (usually the first suffices): each walks a
    partial index of published missions by (domain, country, start) or (country, start)
    and stops after 4 rows (``missions`` migration 0009). A single query ranking every
    open mission of the same domain or country read thousands (docs/performance.md).
    """
    open_missions = (
        Mission.objects.open_for_applications(today=today)
        .exclude(pk=mission.pk)
        .select_related("association")
        .only(*CARD_FIELDS)
        .order_by("start_on", "pk")
    )
    if candidate is not None:
        open_missions = applicable_to(open_missions, candidate)
    if exclude is not None:
        open_missions = open_missions.exclude(pk__in=exclude)
    groups = (
        Q(domain=mission.domain, country=mission.country),
        Q(domain=mission.domain) & ~Q(country=mission.country),
        Q(country=mission.country) & ~Q(domain=mission.domain),
    )
    similar: list[Mission] = []
    for group in groups:
        similar += open_missions.filter(group)[: count - len(similar)]
        if len(similar) == count:
            break
    return similar


def is_saved(mission: Mission, volunteer: Volunteer | None) -> bool:
    if volunteer is None:
        return False
    return SavedMission.objects.filter(volunteer=volunteer, mission=mission).exists()


def saved_missions(volunteer: Volunteer | None) -> QuerySet[SavedMission]:
    """The volunteer's saved missions, newest first, with their mission and association."""
    if volunteer is None:
        return SavedMission.objects.none()
    return (
        SavedMission.objects.filter(volunteer=volunteer)
        .select_related("mission__association")
        .order_by("-saved_at", "-pk")
    )


# --- Staff --------------------------------------------------------------------------------


def missions_for_staff(user) -> QuerySet[Mission]:
    """Every mission of the user's associations, drafts first, then by start date."""
    return (
        Mission.objects.for_member(user)
        .select_related("association")
        .annotate(
            status_order=Case(
                When(status=Mission.Status.DRAFT, then=0),
                When(status=Mission.Status.PUBLISHED, then=1),
                default=2,
                output_field=IntegerField(),
            )
        )
        .order_by("status_order", "start_on", "pk")
    )


def associations_for_publishing(user) -> QuerySet[Association]:
    """The user's associations that may publish missions now."""
    return Association.objects.for_member(user).approved().order_by("name")


# --- Pages --------------------------------------------------------------------------------


def public_missions_of(association: Association, *, today: date) -> QuerySet[Mission]:
    """The association's missions open to applications (none unless it is approved)."""
    return (
        Mission.objects.open_for_applications(today=today)
        .filter(association=association)
        .order_by("start_on", "pk")
        .only(
            "pk",
            "slug",
            "title",
            "summary",
            "country",
            "place",
            "start_on",
            "end_on",
            "application_deadline",
            "association_id",
        )
    )


def hosted_in_france(country: str) -> bool:
    """A mission judged as being in France (overseas included): open by reciprocity only."""
    return is_country_code(country) and sovereign_state(country) == FRANCE


def languages_not_in_profile(mission: Mission, volunteer: Volunteer | None) -> list[Language]:
    """The languages the mission wants that the volunteer's profile does not list (one
    query; none for a visitor). A soft warning only: the rules ask for no language."""
    wanted = list(mission.languages.all())  # prefetched by ``mission_for_page``
    if volunteer is None or volunteer.pk is None or not wanted:
        return []
    spoken = set(volunteer.languages.values_list("code", flat=True))
    return [language for language in wanted if language.code not in spoken]
