"""What the saved searches' tests share: a frozen morning, saved searches and missions
published at a given time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from missions.models import SavedSearch
from missions.search_queries import normalised_query
from tests.missions.factories import IndexedMissionFactory

PARIS = ZoneInfo("Europe/Paris")
# A Monday morning, before the beat's 07:30 run.
NOW = datetime(2030, 3, 4, 7, 30, tzinfo=PARIS)
TODAY = NOW.date()
YESTERDAY = NOW - timedelta(days=1)


def saved_search(volunteer, query: str = "", *, eligible=False, name=None, **fields):
    """A saved search of ``query`` (a raw query string, normalised), its alert due."""
    fields.setdefault("frequency", SavedSearch.Frequency.DAILY)
    fields.setdefault("alerts_since", YESTERDAY)
    return SavedSearch.objects.create(
        volunteer=volunteer,
        name=name or f"Search {SavedSearch.objects.count() + 1}",
        query=normalised_query(query, eligible=eligible),
        **fields,
    )


def published(*, at=None, **fields):
    """A published mission (search columns filled) published ``at`` (an hour ago)."""
    return IndexedMissionFactory(published_at=at or NOW - timedelta(hours=1), **fields)
