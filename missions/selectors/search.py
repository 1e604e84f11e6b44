"""The public search: filters, "missions I can apply to", sorting and pages.

"Missions I can apply to" is the eligibility rules as a database filter, built only from
``eligibility.candidate_constraints`` and ``geography.codes_judged_as`` (docs/rules.md,
"How the mission search reuses the rules"): no rule is restated here.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Window,
)

from associations.models import Association
from vsi_portal import search_cache
from vsi_portal.eligibility import Candidate, candidate_constraints
from vsi_portal.entitlements import ADULT_AGE
from vsi_portal.geography import codes_judged_as

from .. import search
from ..models import Mission
from ..regions import countries_in

PAGE_SIZE = 20
MAX_PAGE = 10_000  # a larger number is read as a page past the end (the last page is shown)
SIMILAR_COUNT = 4


class Sort:
    RELEVANCE = "relevance"
    START = "start"
    NEWEST = "newest"


# --- The volunteer as the rules see them ----------------------------------------------------


def _approved_on_start() -> Q:
    """``association.is_approved_on(mission.start_on)``, as a query (rule R5's fact)."""
    return Q(association__status=Association.Status.APPROVED) & (
        Q(association__approval_expires_on__isnull=True)
        | Q(association__approval_expires_on__gte=F("start_on"))
    )


class _FirstStartForMinAge(Func):
    """The first start date at which someone born on ``birth_date`` reaches the mission's
    ``min_age`` (never 18 or less): ``eligibility``'s ``birthday(birth, max(18, min_age))``
    computed by the database, with one parameter.

    PostgreSQL clamps 29 February plus a year to 28 February, where the rules (and
    SQLite's ``date()``) say 1 March: for a 29 February birth the years are added to the
    day before, then the day is added back (``min_age`` is never NULL: a NOT NULL column).
    The 82 dates it replaces, one pair of parameters each, cost more to send than
    the query took to run (docs/performance.md).
    """

    output_field = DateField()

    def __init__(self, birth_date: date) -> None:
        super().__init__(F("min_age"))
        self.birth_date = birth_date

    def as_postgresql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        leap_day = self.birth_date.month == 2 and self.birth_date.day == 29
        birth = self.birth_date - timedelta(days=1) if leap_day else self.birth_date
        years = f"make_interval(years => GREATEST({column}, {ADULT_AGE}))"
        return f"(%s::date + {years})::date + {int(leap_day)}", [birth, *params]

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        sql = f"date(%s, '+' || MAX({column}, {ADULT_AGE}) || ' years')"
        return sql, [self.birth_date.isoformat(), *params]


class _NotIn(Func):
    """``column NOT IN (codes)``; on PostgreSQL one array parameter, not one per code."""

    output_field = BooleanField()

    def __init__(self, column: str, values) -> None:
        super().__init__(F(column))
        self.values = list(values)

    def as_postgresql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        return f"NOT ({column} = ANY(%s))", [*params, self.values]

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        if not self.values:
            return "1 = 1", params
        marks = ", ".join(["%s"] * len(self.values))
        return f"{column} NOT IN ({marks})", [*params, *self.values]


def applicable_to(queryset: QuerySet[Mission], candidate: Candidate) -> QuerySet[Mission]:
    """The missions of ``queryset`` for which ``eligibility.check(candidate, …)`` is eligible.

    The shape is the one docs/rules.md documents; the mission-only rules
    (``contract_reasons``) read the association's approval on the start date and the
    latest end ``contract_last_day`` stored on the mission by the services.
    """
    c = candidate_constraints(candidate)
    if c.blocked:
        return queryset.none()
    condition = Q(_NotIn("country", sorted(codes_judged_as(c.excluded_states))))
    # R1, R2: old enough on the start date for the mission's own minimum age, computed
    # in the query from the birth date (no query of its own: the search's budget is 8).
    condition &= Q(start_on__gte=F("earliest_start"))
    earliest_start = _FirstStartForMinAge(c.birth_date)
    if c.leave_window is not None:
        condition &= Q(start_on__gte=c.leave_window.start, end_on__lte=c.leave_window.end)
    # R11: the contract's days (end - start + 1) fit in the days left.
    condition &= Q(span__lte=timedelta(days=c.days_left - 1))
    for prior in c.prior_missions:
        condition &= ~Q(start_on__lte=prior.end, end_on__gte=prior.start)
    # The mission-only rules: approved on the start date, at most 2 years.
    condition &= _approved_on_start() & Q(end_on__lte=F("latest_end_on"))
    return queryset.alias(
        span=ExpressionWrapper(F("end_on") - F("start_on"), output_field=DurationField()),
        earliest_start=earliest_start,
    ).filter(condition)


# --- The public search --------------------------------------------------------------------


@dataclass(frozen=True)
class SearchFilters:
    """The search's filters, already validated by the form (empty means no filter)."""

    q: str = ""
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    start_from: date | None = None
    start_to: date | None = None
    duration_min: int | None = None
    duration_max: int | None = None
    allowance_min: int | None = None
    language: str = ""
    sort: str = ""


def search_filters(values: dict) -> SearchFilters:
    """The filters of the search form's validated values (``SearchForm.valid_values``)."""
    return SearchFilters(
        q=(values.get("q") or "").strip(),
        countries=tuple(values.get("country") or ()),
        regions=tuple(values.get("region") or ()),
        domains=tuple(values.get("domain") or ()),
        start_from=values.get("start_from"),
        start_to=values.get("start_to"),
        duration_min=values.get("duration_min"),
        duration_max=values.get("duration_max"),
        allowance_min=values.get("allowance_min"),
        language=values.get("language") or "",
        sort=values.get("sort") or "",
    )


# Kilobytes a row, read only by the database's own search: never loaded into a page.
SEARCH_COLUMNS = ("search_vector", "search_rank_vector", "search_text", "search_terms")

# What a result card shows (missions/templatetags/mission_cards.py) and what its badge
# judges (``candidates.mission_contract``: the end, the minimum age, the association's
# approval): the search reads these columns only, not the description nor the search
# columns (kilobytes a row).
CARD_FIELDS = (
    "slug",
    "title",
    "summary",
    "domain",
    "country",
    "place",
    "start_on",
    "end_on",
    "min_age",
    "duration_months",
    "allowance_eur",
    "application_deadline",
    "published_at",
    "association__name",
    "association__status",
    "association__approval_expires_on",
)


def search_missions(
    filters: SearchFilters, *, today: date, candidate: Candidate | None = None
) -> tuple[QuerySet[Mission], str]:
    """Open missions matching the filters, and the sort actually applied.

    With a ``candidate``, only the missions they can apply to. The association comes in
    the same query (no query per result).
    """
    missions = (
        Mission.objects.open_for_applications(today=today)
        .select_related("association")
        .only(*CARD_FIELDS)
    )
    if filters.countries:
        missions = missions.filter(country__in=filters.countries)
    if filters.regions:
        codes = set().union(*(countries_in(region) for region in filters.regions))
        missions = missions.filter(country__in=sorted(codes))
    if filters.domains:
        missions = missions.filter(domain__in=filters.domains)
    if filters.start_from:
        missions = missions.filter(start_on__gte=filters.start_from)
    if filters.start_to:
        missions = missions.filter(start_on__lte=filters.start_to)
    if filters.duration_min is not None:
        missions = missions.filter(duration_months__gte=filters.duration_min)
    if filters.duration_max is not None:
        missions = missions.filter(duration_months__lte=filters.duration_max)
    if filters.allowance_min is not None:
        missions = missions.filter(allowance_eur__gte=filters.allowance_min)
    if filters.language:
        missions = missions.filter(
            pk__in=Mission.languages.through.objects.filter(language_id=filters.language).values(
                "mission_id"
            )
        )
    if candidate is not None:
        missions = applicable_to(missions, candidate)
    ranked = False
    if filters.q:
        missions, ranked = search.matching(missions, filters.q)
    sort = filters.sort
    if sort == Sort.RELEVANCE and not filters.q:
        sort = Sort.START
    if not sort:
        sort = Sort.RELEVANCE if filters.q else Sort.START
    if sort == Sort.NEWEST:
        missions = missions.order_by(F("published_at").desc(nulls_last=True), "-pk")
    elif sort == Sort.RELEVANCE and ranked:
        missions = missions.order_by("-rank", "start_on", "pk")
    else:
        missions = missions.order_by("start_on", "pk")
    return missions, sort


# --- A mission page -----------------------------------------------------------------------


class _Total(Subquery):
    """How many rows a queryset has, as a scalar subquery."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def page_of(
    queryset: QuerySet, number: object, *, per_page: int = PAGE_SIZE, reads_every_match=False
) -> Page:
    """A page of results and their total in one query.

    A Django ``Paginator`` runs a COUNT then the page's SELECT; the search's budget is
    tight, so the total rides along with the rows. Only a page past the end costs a COUNT
    (then the last page is shown). Usually the count is an uncorrelated subquery, run
    once, and the page's rows are chosen by their ids alone (``_page_rows``), so the
    database walks an index in the sort order and stops after its rows; a window count
    would first read every matching row, whole, then sort them (docs/performance.md).
    When the order itself must read every match (``reads_every_match``: the relevance of
    a text search), the window count rides on that one reading instead of finding the
    matches a second time.
    """
    number = page_number(number)
    if reads_every_match:
        total_expression = Window(expression=Count("*"))
    else:
        total_expression = _Total(queryset.order_by().values("pk"))
    rows = _page_rows(queryset, total_expression, number, per_page, reads_every_match)
    if rows:
        total = rows[0].result_total
    elif number == 1:
        total = 0
    else:
        total = queryset.count()
        number = max(1, -(-total // per_page))
        rows = _page_rows(queryset, total_expression, number, per_page, reads_every_match)
    return _page(rows, number=number, total=total, per_page=per_page)


def _page_rows(queryset, total_expression, number, per_page, reads_every_match) -> list:
    """The page's rows, each with the ``result_total``.

    Unless the order reads every match anyway, the page's ids are chosen first, from the
    columns a covering index holds (``missions`` migration 0020), then only those rows are
    read whole. Asked in one step, PostgreSQL cannot know that most open missions pass a
    candidate's eligibility conditions (it guesses 1 %), so it reads every match, whole,
    and sorts them rather than walk the index for 20 rows (docs/performance.md).
    """
    window = slice((number - 1) * per_page, number * per_page)
    if reads_every_match:
        return list(queryset.annotate(result_total=total_expression)[window])
    page_ids = queryset.values("pk")[window]
    return list(queryset.filter(pk__in=page_ids).annotate(result_total=total_expression))


def page_number(value: object) -> int:
    try:
        return min(max(1, int(str(value))), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _page(rows: list, *, number: int, total: int, per_page: int = PAGE_SIZE) -> Page:
    paginator = Paginator(rows, per_page)
    paginator.__dict__["count"] = total  # the cached_property, already known
    page = Page(rows, number, paginator)
    # The page links shown: the first, the last and two on each side (not all 1,500).
    page.shown_numbers = sorted(
        {
            1,
            paginator.num_pages,
            *range(max(1, number - 2), min(paginator.num_pages, number + 2) + 1),
        }
    )
    return page


def _ranked(sort: str) -> bool:
    """A relevance sort that reads every match (PostgreSQL ranks them; SQLite does not)."""
    return sort == Sort.RELEVANCE and search.uses_postgres()


def search_page(
    filters: SearchFilters, number: object, *, today: date, candidate: Candidate | None = None
) -> tuple[Page, str]:
    """A page of the public search and the sort applied.

    Without a ``candidate`` the page is the same for everyone: it comes from the cache
    when someone asked the same thing lately (``vsi_portal.search_cache``).
    """
    number = page_number(number)
    if candidate is not None:
        missions, sort = search_missions(filters, today=today, candidate=candidate)
        return page_of(missions, number, reads_every_match=_ranked(sort)), sort

    def results():
        missions, sort = search_missions(filters, today=today)
        page = page_of(missions, number, reads_every_match=_ranked(sort))
        return list(page.object_list), page.paginator.count, page.number, sort

    rows, total, shown_number, sort = search_cache.cached(
        "search", (astuple(filters), number, today), results
    )
    return _page(rows, number=shown_number, total=total), sort


# --- Applications and contracts -------------------------------------------------------------
