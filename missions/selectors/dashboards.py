"""The dashboards' figures: France Volontaires' (the whole programme) and each association's
(its own missions, applications and contracts, nobody else's).

Every figure is one aggregate query (GROUP BY or conditional counts), whatever the number
of rows: the page costs the same number of queries for an association of three missions as
for the whole programme. One figure returns more than a handful of rows: an association's
missions by number of applications come as a row per mission it published in the year (a
few hundred for the largest), bucketed in Python with its top missions; the programme's are
bucketed in SQL. The definitions, reused from where each concept lives:

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
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import (
    Coalesce,
    ExtractDay,
    ExtractMonth,
    Greatest,
    Least,
    TruncMonth,
)
from django.utils import timezone

from associations.models import Association
from vsi_portal.db import HoursBetween

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
# What the deadline lists show of each contract (templates/missions/_dashboard_deadline_
# lists.html): its days, its checklist (``Contract.missing_prerequisites``), who and where.
DEADLINE_LIST_FIELDS = (
    "status",
    "start_on",
    "end_on",
    "ended_on",
    "criminal_record_checked_on",
    "social_security_affiliated_on",
    "insurance_reference",
    "training_completed_on",
    "volunteer__user__full_name",
    "volunteer__user__email",
    "mission__title",
)


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


def _bucket_of(count: int) -> int:
    for i, (low, high, _label) in enumerate(APPLICATION_BUCKETS):
        if count >= low and (high is None or count <= high):
            return i
    raise ValueError(count)


def association_missions_by_applications(
    association: Association, *, today: date, limit: int = 10
) -> tuple[tuple[LabelledCount, ...], tuple[MissionApplications, ...]]:
    """An association's ``applications_per_mission`` and its ``limit`` missions with the
    most applications, from one GROUP BY: a row per mission it published in the last 12
    months (a few dozen, a few hundred for the largest), bucketed here. The programme's
    hundred thousand missions are bucketed in SQL instead (``applications_per_mission``)."""
    rows = list(
        _missions(association)
        .filter(published_at__gte=window_start(today), published_at__lt=window_end(today))
        .annotate(value=Count("applications"))
        .values_list("pk", "title", "value", "published_at")
    )
    missions = [0] * len(APPLICATION_BUCKETS)
    applications = [0] * len(APPLICATION_BUCKETS)
    for _pk, _title, value, _published_at in rows:
        bucket = _bucket_of(value)
        missions[bucket] += 1
        applications[bucket] += value
    buckets = tuple(
        LabelledCount(label, missions[i], applications[i])
        for i, (_low, _high, label) in enumerate(APPLICATION_BUCKETS)
    )
    rows.sort(key=lambda row: (-row[2], -row[3].timestamp(), -row[0]))
    top = tuple(MissionApplications(pk, title, value) for pk, title, value, _at in rows[:limit])
    return buckets, top


def funnel_and_response_times(
    association: Association | None, *, today: date
) -> tuple[Funnel, ResponseTimes]:
    """The funnel and the time to a first answer of the applications of the last 12
    months, from one pass over them: grouped by the whole hours to their first answer (none
    while unanswered), each group counting its steps reached."""
    signed = Contract.objects.signed().filter(application=OuterRef("pk"))
    # Reached a step: in it now, or dated there by a move (``Application.note_move``).
    accepted = Q(status=Status.ACCEPTED) | Q(accepted_at__isnull=False)
    shortlisted = accepted | Q(status=Status.SHORTLISTED) | Q(shortlisted_at__isnull=False)
    rows = (
        _applications(association)
        .filter(submitted_at__gte=window_start(today), submitted_at__lt=window_end(today))
        .annotate(hours=HoursBetween("answered_at", "submitted_at"))
        .values("hours")
        .annotate(
            submitted=Count("pk"),
            shortlisted=Count("pk", filter=shortlisted),
            accepted=Count("pk", filter=accepted),
            # A signed contract's application stays accepted (its one move out of
            # accepted, declining the contract, leaves the contract unsigned): the status
            # is tested first, so that only the accepted applications look for a contract.
            contract=Count("pk", filter=Q(status=Status.ACCEPTED) & Q(Exists(signed))),
            # Withdrawn by the volunteer before any answer: not counted (response.py).
            withdrawn_unanswered=Count(
                "pk", filter=Q(status=Status.WITHDRAWN, answered_at__isnull=True)
            ),
        )
        .order_by()
    )
    steps = dict.fromkeys(("submitted", "shortlisted", "accepted", "contract"), 0)
    counted = 0
    answered: list[tuple[int, int]] = []
    for row in rows:
        for step in steps:
            steps[step] += row[step]
        counted += row["submitted"] - row["withdrawn_unanswered"]
        if row["hours"] is not None:
            answered.append((row["hours"], row["submitted"]))
    response = ResponseTimes(
        counted=counted,
        answered=sum(n for _hours, n in answered),
        median_hours=median_of_counts(answered),
    )
    return Funnel(**steps), response


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


def days_served_by_month(association: Association | None, *, today: date) -> tuple[MonthCount, ...]:
    """Per month of this year up to ``today``: the days the contracts served in it
    (``Contract.served_period``: under way or ended early, to today or the last day;
    completed, to the planned end; ended early before the departure, none).

    Each contract's days this year run from ``served_from`` to ``served_to``; the query
    groups the contracts by the months of these two days (78 pairs at most) with the sums
    of their days of the month, which give each month's days exactly: the first month
    from the day it starts, the months between whole, the last month to the day it ends.
    """
    year_start = date(today.year, 1, 1)
    months = [date(today.year, m, 1) for m in range(1, today.month + 1)]
    served_end = Case(
        When(status=Contract.Status.COMPLETED, then=F("end_on")),
        default=Coalesce("ended_on", "end_on"),
        output_field=DateField(),
    )
    rows = (
        _contracts(association)
        .served()
        .exclude(status=Contract.Status.ENDED_EARLY, activated_at__isnull=True)
        .filter(start_on__lte=today)
        .filter(Q(ended_on__gte=year_start) | Q(ended_on__isnull=True, end_on__gte=year_start))
        .annotate(
            served_from=Greatest("start_on", Value(year_start, output_field=DateField())),
            served_to=Least(served_end, Value(today, output_field=DateField())),
        )
        .filter(served_to__gte=F("served_from"))
        .values(from_month=ExtractMonth("served_from"), to_month=ExtractMonth("served_to"))
        .annotate(
            contracts=Count("pk"),
            from_days=Sum(ExtractDay("served_from")),
            to_days=Sum(ExtractDay("served_to")),
        )
        .order_by()
    )
    days = [0] * len(months)
    for row in rows:
        first, last, contracts = row["from_month"] - 1, row["to_month"] - 1, row["contracts"]
        if first == last:
            days[first] += row["to_days"] - row["from_days"] + contracts
            continue
        # The months before the last one are over: whole months.
        days[first] += contracts * (_month_length(months[first]) + 1) - row["from_days"]
        for between in range(first + 1, last):
            days[between] += contracts * _month_length(months[between])
        days[last] += row["to_days"]
    return tuple(MonthCount(month, days[i]) for i, month in enumerate(months))


def _month_length(month: date) -> int:
    return calendar.monthrange(month.year, month.month)[1]


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


def _deadline_lists(association: Association, *, today: date) -> dict:
    """The association's next departures, next ends and certificates waiting, each its
    first ``DEADLINE_LIST_LENGTH``: the ids of the three lists are chosen in one query from
    the contracts' covering index (``contract_association_cover_idx``), then those rows are
    read whole in another and dealt into their lists."""
    contracts = _contracts(association).annotate(last=Coalesce("ended_on", "end_on"))
    departures = contracts.filter(
        status=Contract.Status.PLANNED,
        start_on__range=(today, today + timedelta(days=DEPARTURE_DAYS)),
    ).order_by("start_on", "pk")
    ends = (
        contracts.filter(status=Contract.Status.ACTIVE)
        .filter(last_day_between(today, today + timedelta(days=ENDING_DAYS)))
        .order_by("last", "pk")
    )
    certificates = contracts.filter(certificate_due(today)).order_by("last", "pk")
    chosen = Q()
    for queryset in (departures, ends, certificates):
        chosen |= Q(pk__in=Subquery(queryset.values("pk")[:DEADLINE_LIST_LENGTH]))
    # Chosen among the association's contracts from the index alone, then read by id: in
    # one statement, the planner cannot tell how few the three lists hold, and reads
    # every contract.
    ids = list(_contracts(association).filter(chosen).values_list("pk", flat=True))
    rows = (
        Contract.objects.filter(pk__in=ids)
        .select_related("volunteer__user", "mission")
        .only(*DEADLINE_LIST_FIELDS)
        .annotate(last=Coalesce("ended_on", "end_on"))
    )
    lists: dict[str, list[Contract]] = {
        "next_departures": [],
        "next_ends": [],
        "certificates_waiting": [],
    }
    for contract in rows:
        # The lists never share a contract: a planned one departs; of the others (under
        # way or over), one whose last day is ahead ends, one whose last day is past waits
        # for its certificate.
        if contract.status == Contract.Status.PLANNED:
            lists["next_departures"].append(contract)
        elif contract.last >= today:
            lists["next_ends"].append(contract)
        else:
            lists["certificates_waiting"].append(contract)
    return {
        "next_departures": tuple(sorted(lists["next_departures"], key=_departure_order)),
        "next_ends": tuple(sorted(lists["next_ends"], key=_last_day_order)),
        "certificates_waiting": tuple(sorted(lists["certificates_waiting"], key=_last_day_order)),
    }


def _departure_order(contract: Contract) -> tuple:
    return (contract.start_on, contract.pk)


def _last_day_order(contract: Contract) -> tuple:
    return (contract.last, contract.pk)


def dashboard(association: Association | None, *, today: date) -> Dashboard:
    """Every figure of the dashboard of ``association``, or of the whole programme (None)."""
    extra = {}
    if association is None:
        per_mission = applications_per_mission(None, today=today)
    else:
        per_mission, top = association_missions_by_applications(association, today=today)
        extra = {"top_missions": top, **_deadline_lists(association, today=today)}
    running = running_by_country_and_domain(association)
    applications_funnel, response = funnel_and_response_times(association, today=today)
    return Dashboard(
        today=today,
        computed_at=timezone.now(),
        published_by_month=published_by_month(association, today=today),
        applications_per_mission=per_mission,
        funnel=applications_funnel,
        response=response,
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
