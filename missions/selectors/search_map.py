"""The search map's figures: how many missions of a search are in each country.

The missions counted are exactly the search's (``search_missions``: the same filters,
the same "missions I can apply to"), grouped by country in one query. Without a
candidate the counts are the same for everyone and kept like the search's pages
(``vsi_portal.search_cache``, same version: a change to what the search shows drops them).
"""

from __future__ import annotations

from dataclasses import astuple, replace
from datetime import date

from django.db.models import Count

from vsi_portal import search_cache
from vsi_portal.eligibility import Candidate

from .search import SearchFilters, search_missions


def mission_counts_by_country(
    filters: SearchFilters, *, today: date, candidate: Candidate | None = None
) -> dict[str, int]:
    """{ISO alpha-2 code: missions} for the countries with at least one mission found."""

    def counts() -> dict[str, int]:
        missions, _sort = search_missions(filters, today=today, candidate=candidate)
        rows = missions.order_by().values("country").annotate(missions=Count("pk"))
        return {row["country"]: row["missions"] for row in rows}

    if candidate is not None:
        return counts()
    # The sort changes nothing here: left out of the key, all sorts share the counts.
    unsorted = replace(filters, sort="")
    return search_cache.cached("map", (astuple(unsorted), today), counts)
