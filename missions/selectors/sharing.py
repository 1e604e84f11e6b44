"""What the portal shows outside itself: the Atom feed of a search and the sitemap.

Both list what the public search lists, and nothing else: the feed asks the search itself
(``search_missions``, newest first), the sitemap its query
(``Mission.objects.open_for_applications``). A closed mission, one whose applications are
paused (deadline passed, association suspended or its approval ending before the start)
and a draft are in neither.
"""

from __future__ import annotations

from dataclasses import astuple, replace
from datetime import date

from django.db.models import QuerySet

from vsi_portal import search_cache

from ..models import Mission
from .search import CARD_FIELDS, SearchFilters, Sort, search_missions

FEED_SIZE = 50

# A feed entry shows a result card's facts, its end, when it changed and its association.
FEED_FIELDS = (*CARD_FIELDS, "end_on", "updated_at", "association__slug")


def feed_missions(filters: SearchFilters, *, today: date, limit: int = FEED_SIZE) -> list[Mission]:
    """The ``limit`` missions the search finds for ``filters`` today, the newest first
    (whatever sort the filters ask), with their association: one query, kept in the
    search's cache like its pages."""
    newest = replace(filters, sort=Sort.NEWEST)

    def rows() -> list[Mission]:
        missions, _sort = search_missions(newest, today=today)
        return list(missions.only(*FEED_FIELDS)[:limit])

    return search_cache.cached("feed", (astuple(newest), today, limit), rows)


def sitemap_missions(*, today: date) -> QuerySet[Mission]:
    """The missions whose pages search engines may list: those the public search lists."""
    return (
        Mission.objects.open_for_applications(today=today).only("slug", "updated_at").order_by("pk")
    )
