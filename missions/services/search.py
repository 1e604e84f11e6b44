"""The columns the search reads, kept in step with every write of a mission.

Duration, latest end allowed, search terms (place, country, continent, domain words) and
folded text are derived here; the text vectors by
``missions.search``; the cached result pages are dropped after the commit.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from associations.models import Association
from vsi_portal import search_cache
from vsi_portal.entitlements import (
    contract_last_day,
    whole_months,
)

from .. import search
from ..models import Mission


def _fill_derived(mission: Mission) -> None:
    mission.duration_months = whole_months(mission.start_on, mission.end_on)
    mission.latest_end_on = contract_last_day(mission.start_on)
    mission.search_terms = search.search_terms(
        place=mission.place, country=mission.country, domain=mission.domain
    )
    mission.search_text = search.searchable_text(
        title=mission.title,
        summary=mission.summary,
        description=mission.description,
        skills=mission.skills,
        association=mission.association.name,
        terms=mission.search_terms,
    )


DERIVED_FIELDS = ["duration_months", "latest_end_on", "search_terms", "search_text"]


@transaction.atomic
def missions_reindex(
    *, missions: Iterable[Mission] | None = None, association: Association | None = None
) -> int:
    """Rebuild the derived columns of some missions (or of one association's, or all).

    An association's rename calls it with ``association=`` (through ``associations.hooks``
    and ``reindex_missions_of``); the command
    ``manage.py missions_reindex`` runs it for every mission after a bulk import.
    """
    if missions is None:
        queryset = Mission.objects.select_related("association")
        if association is not None:
            queryset = queryset.filter(association=association)
        missions = list(queryset)
    else:
        missions = list(missions)
    for mission in missions:
        _fill_derived(mission)
    Mission.objects.bulk_update(missions, DERIVED_FIELDS, batch_size=500)
    search.refresh_vectors(mission.pk for mission in missions)
    search_cache.results_changed()
    return len(missions)


def save_with_search_columns(mission: Mission, *, update_fields: list[str] | None = None) -> None:
    """Save a mission the services changed, with its search columns rebuilt."""
    _fill_derived(mission)
    if update_fields is not None:
        update_fields = [*update_fields, *DERIVED_FIELDS, "updated_at"]
    mission.save(update_fields=update_fields)
    search.refresh_vectors([mission.pk])
    search_cache.results_changed()


def reindex_missions_of(association: Association) -> None:
    """Rebuild the search columns of an association's missions (its name is searched)."""
    missions_reindex(association=association)
