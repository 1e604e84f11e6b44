"""The dashboards' figures: France Volontaires' (the whole programme) and each association's
(its own missions, applications and contracts, nobody else's).

Every figure is one aggregate query (GROUP BY or conditional counts), whatever the number
of rows: the page costs the same for an association of three missions as for the whole
programme. The definitions, reused from where each concept lives:

- **The last 12 months**: the response rate's window (``response.window_start`` ..
  ``window_end``), for the applications per mission, the funnel and the response time.
  The publications are counted by calendar month: the current month and the 11 before it.
- **Applications per mission**: the missions published in the last 12 months (closed since
  or not), grouped by their number of applications (any status).
- **The funnel**: the applications submitted in the last 12 months; of them, those that
  were ever shortlisted (or accepted), ever accepted (dated there by a move,
  ``Application.shortlisted_at`` / ``accepted_at``, or in that status now), and those
  whose contract both sides signed (``Contract.SIGNED_STATUSES``).
- **Time to a first answer**: ``response.py``'s definitions (counted applications, the first
  staff move as the answer, withdrawals before any answer left out), its median taken to
  the hour in SQL (grouped by whole hours) rather than to the second in Python: at the
  programme's scale a row per application is a million rows. The association's public
  page rounds the same median to whole days; the two may differ by under an hour.
- **Contracts running**: ``Contract.objects.running()`` (planned or under way), by country
  and by the mission's domain (one GROUP BY of the pairs).
- **Days served this year**: each contract's ``served_period`` (``models/contracts.py``)
  cut to 1 January .. ``today``, in days as ``entitlements.days`` counts them (both ends
  included), per month.
- **Upcoming deadlines**: departures in the next ``DEPARTURE_DAYS`` days (planned contracts,
  and of them those whose checklist is incomplete: ``checklist_incomplete``), ends in the
  next ``ENDING_DAYS`` days (under way, by their last day: ``last_day_between``), and
  certificates due (``certificate_due``: the certificate-due reminder's contracts).

France Volontaires' figures cover a million applications a year: computed in full they take
seconds, so its page reads them from the shared cache, refreshed every
``PROGRAMME_REFRESH_SECONDS`` by a Celery beat task (``missions.refresh_programme_dashboard``)
and computed on a miss. An association's are computed on each request, from two covering
indexes (``application_answers_idx``, ``contract_association_cover_idx``): tens
of milliseconds even for the largest (docs/performance.md).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

from django.core.cache import caches
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least, TruncMonth
from django.utils import timezone

from associations.models import Association
from vsi_portal.db import DaysBetween, HoursBetween

from ..models import Application, Contract, Mission
from ..models.contracts import certificate_due, checklist_incomplete, last_day_between
from .dashboard_figures import (
    DEPARTURE_DAYS,
    ENDING_DAYS,
    CountryCount,
    Dashboard,
    Deadlines,
    DomainCount,
    Funnel,
    LabelledCount,
    MissionApplications,
    MonthCount,
    ResponseTimes,
    median_of_counts,
)
from .response import window_end, window_start

Status = Application.Status
MONTHS = 12
# Applications per mission: (lowest, highest or None, label); each mission in one bucket.
APPLICATION_BUCKETS = ((0, 0, "0"), (1, 1, "1"), (2, 4, "2–4"), (5, 9, "5–9"), (10, None, "10+"))
PROGRAMME_CACHE_SECONDS = 30 * 60
PROGRAMME_REFRESH_SECONDS = 10 * 60
DEADLINE_LIST_LENGTH = 8


def month_starts(today: date, months: int = MONTHS) -> list[date]:
    """The first days of the ``months`` calendar months up to ``today``'s, oldest first."""
    first = today.year * 12 + today.month - 1 - (months - 1)
    return [date(i // 12, i % 12 + 1, 1) for i in range(first, first + months)]


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _missions(association: Association | None):
    queryset = Mission.objects.order_by()
    return queryset if association is None else queryset.filter(association=association)


def _applications(association: Association | None):
    queryset = Application.objects.order_by()
    if association is None:
        return queryset
    return queryset.filter(mission__association=association)


def _contracts(association: Association | None):
    queryset = Contract.objects.order_by()
    return queryset if association is None else queryset.filter(association=association)


def published_by_month(association: Association | None, *, today: date) -> tuple[MonthCount, ...]:
    months = month_starts(today)
    rows = (
        _missions(association)
        .filter(published_at__gte=_aware(months[0]), published_at__lt=window_end(today))
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(value=Count("pk"))
        .values_list("month", "value")
    )
    counts = {}
    for month, value in rows:
        if isinstance(month, datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        counts[month] = counts.get(month, 0) + value
    return tuple(MonthCount(month, counts.get(month, 0)) for month in months)


def applications_per_mission(
    association: Association | None, *, today: date
) -> tuple[LabelledCount, ...]:
    """The missions published in the last 12 months by number of applications received:
    each mission's count (a GROUP BY), then the buckets counted over it in one query."""
    figures = {}
    for i, (low, high, _label) in enumerate(APPLICATION_BUCKETS):
        within = Q(n__gte=low) if high is None else Q(n__gte=low, n__lte=high)
        figures[f"missions_{i}"] = Count("pk", filter=within)
        figures[f"applications_{i}"] = Coalesce(Sum("n", filter=within), 0)
    counted = (
        _missions(association)
        .filter(published_at__gte=window_start(today), published_at__lt=window_end(today))
        .annotate(n=Count("applications"))
        .aggregate(**figures)
    )
    return tuple(
        LabelledCount(label, counted[f"missions_{i}"], counted[f"applications_{i}"])
        for i, (_low, _high, label) in enumerate(APPLICATION_BUCKETS)
    )


def top_missions(association: Association, *, today: date, limit: int = 10):
    rows = (
        _missions(association)
        .filter(published_at__gte=window_start(today), published_at__lt=window_end(today))
        .annotate(value=Count("applications"))
        .order_by("-value", "-published_at", "-pk")
        .values_list("pk", "title", "value")[:limit]
    )
    return tuple(MissionApplications(*row) for row in rows)


def funnel(association: Association | None, *, today: date) -> Funnel:
    signed = Contract.objects.signed().filter(application=OuterRef("pk"))
    # Reached a step: in it now, or dated there by a move (``Application.note_move``).
    accepted = Q(status=Status.ACCEPTED) | Q(accepted_at__isnull=False)
    shortlisted = accepted | Q(status=Status.SHORTLISTED) | Q(shortlisted_at__isnull=False)
    figures = (
        _applications(association)
        .filter(submitted_at__gte=window_start(today), submitted_at__lt=window_end(today))
        .aggregate(
            submitted=Count("pk"),
            shortlisted=Count("pk", filter=shortlisted),
            accepted=Count("pk", filter=accepted),
            # A signed contract's application stays accepted (its one move out of
            # accepted, declining the contract, leaves the contract unsigned): the status
            # is tested first, so that only the accepted applications look for a contract.
            contract=Count("pk", filter=Q(status=Status.ACCEPTED) & Q(Exists(signed))),
        )
    )
    return Funnel(**figures)


def response_times(association: Association | None, *, today: date) -> ResponseTimes:
    rows = (
        _applications(association)
        .filter(submitted_at__gte=window_start(today), submitted_at__lt=window_end(today))
        # Withdrawn by the volunteer before any answer: not counted (response.py).
        .exclude(status=Status.WITHDRAWN, answered_at__isnull=True)
        .annotate(hours=HoursBetween("answered_at", "submitted_at"))
        .values("hours")
        .annotate(n=Count("pk"))
        .values_list("hours", "n")
    )
    counted = 0
    answered: list[tuple[int, int]] = []
    for hours, n in rows:
        counted += n
        if hours is not None:
            answered.append((hours, n))
    return ResponseTimes(
        counted=counted,
        answered=sum(n for _h, n in answered),
        median_hours=median_of_counts(answered),
    )


def running_by_country_and_domain(
    association: Association | None,
) -> tuple[tuple[CountryCount, ...], tuple[DomainCount, ...]]:
    """The contracts running, by country and by the mission's domain: one GROUP BY of the
    pairs (a few hundred at most), summed each way here."""
    pairs = (
        _contracts(association)
        .running()
        .values_list("country", "mission__domain")
        .annotate(value=Count("pk"))
        .order_by()
    )
    countries: dict[str, int] = {}
    domains: dict[str, int] = {}
    for country, domain, value in pairs:
        countries[country] = countries.get(country, 0) + value
        domains[domain] = domains.get(domain, 0) + value
    return (
        tuple(CountryCount(code, n) for code, n in _largest_first(countries)),
        tuple(DomainCount(code, n) for code, n in _largest_first(domains)),
    )


def _largest_first(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _month_last(month: date, today: date) -> date:
    return min(
        date(month.year, month.month, calendar.monthrange(month.year, month.month)[1]), today
    )


def days_served_by_month(association: Association | None, *, today: date) -> tuple[MonthCount, ...]:
    """Per month of this year up to ``today``: the days the contracts served in it
    (``Contract.served_period``: under way or ended early, to today or the last day;
    completed, to the planned end; ended early before the departure, none)."""
    year_start = date(today.year, 1, 1)
    months = [date(today.year, m, 1) for m in range(1, today.month + 1)]
    served_end = Case(
        When(status=Contract.Status.COMPLETED, then=F("end_on")),
        default=Least(Coalesce("ended_on", "end_on"), Value(today, output_field=DateField())),
        output_field=DateField(),
    )
    sums = {}
    for i, month in enumerate(months):
        first = Value(month, output_field=DateField())
        last = Value(_month_last(month, today), output_field=DateField())
        days = DaysBetween(Least(served_end, last), Greatest("start_on", first)) + 1
        sums[f"m{i}"] = Coalesce(Sum(Greatest(days, Value(0)), output_field=IntegerField()), 0)
    figures = (
        _contracts(association)
        .served()
        .exclude(status=Contract.Status.ENDED_EARLY, activated_at__isnull=True)
        .filter(start_on__lte=today)
        .filter(Q(ended_on__gte=year_start) | Q(ended_on__isnull=True, end_on__gte=year_start))
        .aggregate(**sums)
    )
    return tuple(MonthCount(month, figures[f"m{i}"]) for i, month in enumerate(months))


def deadlines(association: Association | None, *, today: date) -> Deadlines:
    departing = Q(
        status=Contract.Status.PLANNED,
        start_on__range=(today, today + timedelta(days=DEPARTURE_DAYS)),
    )
    ending = Q(status=Contract.Status.ACTIVE) & last_day_between(
        today, today + timedelta(days=ENDING_DAYS)
    )
    figures = _contracts(association).aggregate(
        departures=Count("pk", filter=departing),
        departures_incomplete=Count("pk", filter=departing & checklist_incomplete()),
        ends=Count("pk", filter=ending),
        certificates_due=Count("pk", filter=certificate_due(today)),
    )
    return Deadlines(**figures)


def _first_of(queryset, *order_by: str):
    """The first ``DEADLINE_LIST_LENGTH`` contracts of ``queryset`` in that order, with the
    volunteer and the mission: the ids are chosen first from the contracts' covering index
    (``contract_association_cover_idx``), then only those rows are read whole."""
    chosen = queryset.order_by(*order_by).values("pk")[:DEADLINE_LIST_LENGTH]
    return tuple(
        Contract.objects.filter(pk__in=Subquery(chosen))
        .select_related("volunteer__user", "mission")
        .annotate(last=Coalesce("ended_on", "end_on"))
        .order_by(*order_by)
    )


def _deadline_lists(association: Association, *, today: date) -> dict:
    contracts = _contracts(association).annotate(last=Coalesce("ended_on", "end_on"))
    return {
        "next_departures": _first_of(
            contracts.filter(
                status=Contract.Status.PLANNED,
                start_on__range=(today, today + timedelta(days=DEPARTURE_DAYS)),
            ),
            "start_on",
            "pk",
        ),
        "next_ends": _first_of(
            contracts.filter(status=Contract.Status.ACTIVE).filter(
                last_day_between(today, today + timedelta(days=ENDING_DAYS))
            ),
            "last",
            "pk",
        ),
        "certificates_waiting": _first_of(contracts.filter(certificate_due(today)), "last", "pk"),
    }


def dashboard(association: Association | None, *, today: date) -> Dashboard:
    """Every figure of the dashboard of ``association``, or of the whole programme (None)."""
    extra = {}
    if association is not None:
        extra = {"top_missions": top_missions(association, today=today)}
        extra.update(_deadline_lists(association, today=today))
    running = running_by_country_and_domain(association)
    return Dashboard(
        today=today,
        computed_at=timezone.now(),
        published_by_month=published_by_month(association, today=today),
        applications_per_mission=applications_per_mission(association, today=today),
        funnel=funnel(association, today=today),
        response=response_times(association, today=today),
        running_by_country=running[0],
        running_by_domain=running[1],
        days_served_by_month=days_served_by_month(association, today=today),
        deadlines=deadlines(association, today=today),
        **extra,
    )


def _programme_key(today: date) -> str:
    return f"dashboard:programme:{today.isoformat()}"


def programme_dashboard_refresh(*, today: date) -> Dashboard:
    """Computes the programme's figures and keeps them in the shared cache."""
    figures = dashboard(None, today=today)
    caches["shared"].set(_programme_key(today), figures, PROGRAMME_CACHE_SECONDS)
    return figures


def programme_dashboard_shown(*, today: date) -> Dashboard:
    """The programme's figures as France Volontaires' page shows them: from the shared
    cache (refreshed by the beat task), computed on a miss (a miss while Redis fails)."""
    figures = caches["shared"].get(_programme_key(today))
    if figures is None:
        figures = programme_dashboard_refresh(today=today)
    return figures
