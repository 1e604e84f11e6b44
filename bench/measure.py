"""The measurements, in the Django process configured for the main bench database."""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass, field
from datetime import date, timedelta


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (p95 of 200 requests: the 190th fastest)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, -(-int(fraction * 1000) * len(ordered) // 1000))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class Search:
    key: str
    label: str
    query: str  # the query string of /missions/ (or of ``page``)
    signed_in: bool = False
    page: str = "/missions/"

    @property
    def path(self) -> str:
        return self.page + (f"?{self.query}" if self.query else "")


SEARCHES = (
    Search("no_filter", "no filter", ""),
    Search("text", "a text query", "q=santé"),
    Search("country_domain", "country + domain", "country=SN&domain=teaching"),
    Search(
        "text_filters_eligible",
        "text + filters + missions I can apply to",
        "q=enseignement&country=SN&country=MG&domain=teaching&eligible=on",
        signed_in=True,
    ),
    # A candidate's plain search: "missions I can apply to" on by default, a badge per card.
    Search("candidate_default", "signed in: the default (filter on, badges)", "", signed_in=True),
    # The same person showing every mission: the shared results, a badge per card.
    Search("candidate_all", "signed in: every mission with badges", "eligible=0", signed_in=True),
)

# The search's results on the map (/missions/map/): the same question, every match counted
# by country in one GROUP BY; the same budgets as the search.
MAPS = (
    Search("map_no_filter", "map, no filter", "", page="/missions/map/"),
    Search(
        "map_text_filters_eligible",
        "map, text + filters + missions I can apply to",
        "q=enseignement&domain=teaching&eligible=on",
        signed_in=True,
        page="/missions/map/",
    ),
)


@dataclass
class PageFigures:
    key: str
    times_ms: list[float] = field(default_factory=list)
    queries: int = 0
    sql: list[str] = field(default_factory=list)
    results: int = 0

    @property
    def p50(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 0.95)


def measured_user():
    from volunteers.models import Volunteer

    from .rows import MEASURED_VOLUNTEER_ID

    return Volunteer.objects.select_related("user").get(pk=MEASURED_VOLUNTEER_ID).user


def time_page(client, path: str, *, requests: int, warmup: int = 20) -> PageFigures:
    """``requests`` GETs of ``path`` in-process; the SQL of one of them, captured."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    figures = PageFigures(key=path)
    for _ in range(warmup):
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    figures.queries = len(captured.captured_queries)
    figures.sql = [query["sql"] for query in captured.captured_queries]
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        figures.times_ms.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    return figures


def time_pages(client, paths: list[str]) -> PageFigures:
    """One GET per path (e.g. a different mission page each time); the max query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    figures = PageFigures(key="detail")
    for path in paths[:20]:
        client.get(path)
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            figures.times_ms.append((time.perf_counter() - started) * 1000)
        figures.queries = max(figures.queries, len(captured.captured_queries))
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    return figures


def results_total(url: str, statements: list[str]) -> int:
    """The number of missions a search found: the ``result_total`` its page query returned."""
    import psycopg

    from .db import conninfo

    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        for sql in statements:
            if '"result_total"' in sql:
                cursor = conn.execute(sql.encode())
                names = [column.name for column in cursor.description]
                row = cursor.fetchone()
                return row[names.index("result_total")] if row else 0
    return 0


def time_raw_sql(url: str, statements: list[str], *, repeat: int) -> list[float]:
    """The same statements through a bare psycopg connection: wall time per round, in ms.

    Every statement the page ran (sessions, user, volunteer, the search and its count) is
    executed and its rows fetched, in order, ``repeat`` times after a warm-up.
    """
    import psycopg

    from .db import conninfo

    rounds = []
    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        cursor = conn.cursor()
        for _ in range(10):
            for sql in statements:
                cursor.execute(sql.encode())
                if cursor.description is not None:
                    cursor.fetchall()
        for _ in range(repeat):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql.encode())
                if cursor.description is not None:
                    cursor.fetchall()
            rounds.append((time.perf_counter() - started) * 1000)
    return rounds


def eligibility_throughput(*, seconds: float = 3.0) -> tuple[float, int]:
    """``eligibility.check`` calls per second on generated candidates and contracts."""
    from vsi_portal.eligibility import Candidate, Contract, Leave, check
    from vsi_portal.entitlements import Period

    rng = random.Random(9)  # noqa: S311 - data, not secrets
    countries = ["SN", "MG", "BF", "PE", "KH", "IN", "HT", "MA", "FR", "BE", "DE", "CA", "NC"]
    candidates = []
    for i in range(2_000):
        birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 46 * 365))
        employed = i % 7 == 0
        leave = None
        if employed and i % 2 == 0:
            start = date(2026, 6, 1) + timedelta(days=rng.randrange(0, 300))
            leave = Leave("solidarity", start, start + timedelta(days=rng.randrange(100, 800)))
        prior = ()
        if i % 10 == 0:
            start = date(2018, 1, 1) + timedelta(days=rng.randrange(0, 2000))
            prior = (Period(start, start + timedelta(days=rng.randrange(90, 900))),)
        candidates.append(
            Candidate(
                birth_date=birth,
                nationalities=frozenset(rng.sample(countries[:6] + ["FR"] * 6, 1)),
                residence=rng.choice(["FR", "FR", "FR", "SN", "BE"]),
                employed=employed,
                leave=leave,
                other_activity=i % 31 == 0,
                prior_missions=prior,
            )
        )
    contracts = []
    for _ in range(500):
        start = date(2026, 9, 1) + timedelta(days=rng.randrange(0, 500))
        contracts.append(
            Contract(
                country=rng.choice(countries),
                start=start,
                end=start + timedelta(days=rng.randrange(90, 800)),
                min_age=rng.choice([18, 18, 21]),
                organisation_approved=rng.random() > 0.05,
            )
        )
    pairs = [(rng.choice(candidates), rng.choice(contracts)) for _ in range(20_000)]
    checks = 0
    started = time.perf_counter()
    deadline = started + seconds
    while time.perf_counter() < deadline:
        for candidate, contract in pairs:
            check(candidate, contract)
        checks += len(pairs)
    elapsed = time.perf_counter() - started
    return checks / elapsed, checks
