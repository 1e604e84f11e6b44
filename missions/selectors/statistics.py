"""The public statistics page: missions and volunteers by country, by domain and by year,
as aggregates only, with small counts suppressed.

- **Missions**: every mission ever published (published, or closed since), by its country,
  its domain and the year of its publication.
- **Volunteers**: the contracts signed by both sides (``Contract.objects.signed()``: planned,
  under way or over), by the contract's country, the mission's domain and the year the
  contract starts. A volunteer with two contracts counts twice (a person whose account was
  deleted still counts: their contract stays).

**Small counts.** A count from 1 to 4 is shown as "< 5" (``SMALL_COUNT``), never exactly.
*Choice*: every other count is rounded to the nearest 5 (halves up), and the page shows no
total. The three tables describe the same missions and the same contracts: with exact
counts, a total (printed, or added up from a table with no small cell, such as the years)
minus the cells shown in another table would give back a suppressed cell whenever it is
alone in its table. With every shown count rounded, each is known to ±2 only; the
difference then always leaves at least two values from 1 to 4 possible, however the
tables are combined (tests/missions/selectors/test_statistics.py tries it).
Zero (no mission, no contract) is shown as such: it describes nobody.

The counts are read with one GROUP BY per table and kept an hour in the shared cache (a
miss while Redis fails): they change slowly, and the page is public.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from django.core.cache import caches
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django_countries import countries

from ..models import Contract, Mission
from ..models.missions import Domain

SMALL_COUNT = 5  # below this, a count is not shown
ROUNDED_TO = 5
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Cell:
    """A count as the page may show it: ``rounded`` (None when suppressed). The exact count
    is not kept, so that no template or cache can give it away."""

    rounded: int | None

    @classmethod
    def of(cls, count: int) -> Cell:
        if 0 < count < SMALL_COUNT:
            return cls(None)
        return cls((count + ROUNDED_TO // 2) // ROUNDED_TO * ROUNDED_TO)

    @property
    def suppressed(self) -> bool:
        return self.rounded is None

    def __str__(self) -> str:
        return (
            _("< %(count)s") % {"count": SMALL_COUNT} if self.rounded is None else str(self.rounded)
        )


@dataclass(frozen=True)
class Row:
    kind: str  # "country", "domain" or "year"
    key: str | int
    missions: Cell
    volunteers: Cell

    @property
    def label(self) -> str:
        if self.kind == "country":
            return countries.name(self.key) or str(self.key)
        if self.kind == "domain":
            return str(Domain(self.key).label) if self.key in Domain.values else str(self.key)
        return str(self.key)


@dataclass(frozen=True)
class PublicStatistics:
    by_country: tuple[Row, ...]
    by_domain: tuple[Row, ...]
    by_year: tuple[Row, ...]

    def countries_by_name(self) -> list[Row]:
        """The countries in the active language's alphabetical order."""
        return sorted(self.by_country, key=_alphabetical)

    def domains_by_name(self) -> list[Row]:
        return sorted(self.by_domain, key=_alphabetical)


def _alphabetical(row: Row) -> str:
    # "Éthiopie" among the E, "Bénin" before "Burkina Faso".
    return unicodedata.normalize("NFKD", row.label).encode("ascii", "ignore").decode().casefold()


def _rows(kind: str, missions: dict, volunteers: dict) -> tuple[Row, ...]:
    keys = sorted(set(missions) | set(volunteers), key=str)
    return tuple(
        Row(kind, key, Cell.of(missions.get(key, 0)), Cell.of(volunteers.get(key, 0)))
        for key in keys
        if key is not None
    )


def _counts(queryset, field: str) -> dict:
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))


def public_statistics() -> PublicStatistics:
    """The three tables (six GROUP BY queries)."""
    missions = Mission.objects.filter(published_at__isnull=False).annotate(
        year=ExtractYear("published_at")
    )
    contracts = Contract.objects.signed().annotate(year=ExtractYear("start_on"))
    return PublicStatistics(
        by_country=_rows("country", _counts(missions, "country"), _counts(contracts, "country")),
        by_domain=_rows(
            "domain", _counts(missions, "domain"), _counts(contracts, "mission__domain")
        ),
        by_year=tuple(
            sorted(
                _rows("year", _counts(missions, "year"), _counts(contracts, "year")),
                key=lambda row: row.key,
                reverse=True,
            )
        ),
    )


def public_statistics_shown(*, today: date) -> PublicStatistics:
    """``public_statistics`` kept ``CACHE_SECONDS`` in the shared cache."""
    key = f"public-statistics:{today.isoformat()}"
    cache = caches["shared"]
    figures = cache.get(key)
    if figures is None:
        figures = public_statistics()
        cache.set(key, figures, CACHE_SECONDS)
    return figures
