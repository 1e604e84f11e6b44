"""The shapes of the dashboards' figures (missions/selectors/dashboards.py computes them):
each row a label and a value, the label in the active language when the page is drawn (the
programme's figures are kept in the cache for every language)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_countries import countries

from ..models.missions import Domain
from .response import whole_percent

DEPARTURE_DAYS = 30
ENDING_DAYS = 60


@dataclass(frozen=True)
class MonthCount:
    month: date  # the month's first day
    value: int

    @property
    def label(self) -> str:
        return date_format(self.month, "YEAR_MONTH_FORMAT")


@dataclass(frozen=True)
class CountryCount:
    code: str
    value: int

    @property
    def label(self) -> str:
        return countries.name(self.code) or self.code


@dataclass(frozen=True)
class DomainCount:
    code: str
    value: int

    @property
    def label(self) -> str:
        return str(Domain(self.code).label) if self.code in Domain.values else self.code


@dataclass(frozen=True)
class LabelledCount:
    label: str
    value: int
    applications: int = 0


@dataclass(frozen=True)
class MissionApplications:
    pk: int
    title: str
    value: int

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True)
class Funnel:
    submitted: int
    shortlisted: int
    accepted: int
    contract: int

    def steps(self) -> list[FunnelStep]:
        """Each step, with its share of the submitted applications (in the active language)."""
        return [
            FunnelStep(
                label, value, whole_percent(value, self.submitted) if self.submitted else None
            )
            for label, value in (
                (_("Submitted"), self.submitted),
                (_("Shortlisted"), self.shortlisted),
                (_("Accepted"), self.accepted),
                (_("Contract signed"), self.contract),
            )
        ]


@dataclass(frozen=True)
class FunnelStep:
    label: str
    value: int
    percent: int | None


@dataclass(frozen=True)
class ResponseTimes:
    counted: int
    answered: int
    median_hours: int | None

    @property
    def rate_percent(self) -> int | None:
        return whole_percent(self.answered, self.counted) if self.counted else None

    @property
    def median_days(self) -> int | None:
        """The median in whole days, halves up (as the public page rounds it)."""
        if self.median_hours is None:
            return None
        return (self.median_hours * 2 + 24) // 48


@dataclass(frozen=True)
class Deadlines:
    departures: int
    departures_incomplete: int
    ends: int
    certificates_due: int

    def rows(self) -> list[LabelledCount]:
        """The deadlines as labelled counts (in the active language)."""
        return [
            LabelledCount(
                _("Departures in the next %(days)s days") % {"days": DEPARTURE_DAYS},
                self.departures,
            ),
            LabelledCount(
                _("… of which the departure checklist is incomplete"), self.departures_incomplete
            ),
            LabelledCount(_("Ends in the next %(days)s days") % {"days": ENDING_DAYS}, self.ends),
            LabelledCount(_("Certificates of completion due"), self.certificates_due),
        ]


@dataclass(frozen=True)
class Dashboard:
    today: date
    computed_at: datetime
    published_by_month: tuple[MonthCount, ...]
    applications_per_mission: tuple[LabelledCount, ...]
    funnel: Funnel
    response: ResponseTimes
    running_by_country: tuple[CountryCount, ...]
    running_by_domain: tuple[DomainCount, ...]
    days_served_by_month: tuple[MonthCount, ...]
    deadlines: Deadlines
    # An association's own: its missions with the most applications, its next deadlines.
    top_missions: tuple[MissionApplications, ...] = ()
    next_departures: tuple = field(default=())
    next_ends: tuple = field(default=())
    certificates_waiting: tuple = field(default=())

    @property
    def missions_counted(self) -> int:
        return sum(bucket.value for bucket in self.applications_per_mission)

    @property
    def applications_counted(self) -> int:
        return sum(bucket.applications for bucket in self.applications_per_mission)

    @property
    def days_served(self) -> int:
        return sum(month.value for month in self.days_served_by_month)

    @property
    def running(self) -> int:
        return sum(country.value for country in self.running_by_country)


def median_of_counts(values: list[tuple[int, int]]) -> int | None:
    """The median of values given as (value, how many times), halves of an even count
    rounded up to the whole unit; None if none."""
    total = sum(n for _v, n in values)
    if not total:
        return None
    ordered = sorted(values)
    low_rank, high_rank = (total - 1) // 2, total // 2  # 0-based ranks of the middle
    low = high = None
    seen = 0
    for value, n in ordered:
        if low is None and low_rank < seen + n:
            low = value
        if high_rank < seen + n:
            high = value
            break
        seen += n
    return (low + high + 1) // 2
