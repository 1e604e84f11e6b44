"""Seeds a national-scale portal: associations, missions, volunteers, applications (and their
events), contracts.

Rows are generated in Python, deterministically (a seeded ``random.Random``), with explicit
primary keys so that every foreign key is known without a lookup. Two writers take the same
rows:

- ``copy``: PostgreSQL ``COPY ... FROM STDIN`` through psycopg 3 (``cursor.copy``), the
  fast path ``make bench`` uses;
- ``batched``: ``INSERT`` statements of ``BATCH`` rows through Django's cursor, values
  prepared by each model field for the database at hand (any backend; the smoke test runs
  it on SQLite).

The derived mission columns are those the services write: ``duration_months`` and
``latest_end_on`` from ``vsi_portal.entitlements``, ``search_terms`` and ``search_text``
from ``missions.search.search_terms`` and ``searchable_text`` and, on PostgreSQL,
``search_vector`` by the app's own expression (``missions.search.VECTOR_SQL``) in one
UPDATE over the table.

Contracts are placed so that one day's "mission ending" scan has exactly ``size.due``
reminders due on ``today`` (each goes to the volunteer and the association's staff): the
first contracts end on ``today + 60 days`` until their recipients add up to ``size.due``;
no other active contract ends within a reminder window of that day (``ending_windows``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.db import connection
from django.db.models import Model

from .rows import RowGenerator, Size

BATCH = 1000
COPY_FLUSH_ROWS = 5000


@dataclass
class SeedReport:
    size: Size
    today: date
    method: str
    timings: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total_s(self) -> float:
        return sum(self.timings.values())

    def as_json(self) -> dict:
        return {
            "size": self.size.name,
            "today": self.today.isoformat(),
            "method": self.method,
            "timings": self.timings,
            "rows": self.rows,
        }


# --- Writers ------------------------------------------------------------------------------


def _columns(model: type[Model], attnames: list[str]) -> tuple[list[str], tuple, list]:
    """The columns written, the constant defaults of the fields the generator leaves out."""
    fields_by_attname = {f.attname: f for f in model._meta.concrete_fields}
    unknown = set(attnames) - set(fields_by_attname)
    if unknown:
        raise ValueError(f"{model.__name__} has no field {sorted(unknown)}")
    rest = [f for f in model._meta.concrete_fields if f.attname not in attnames]
    defaults = []
    for f in rest:
        value = f.get_default()
        if value is None and not f.null:
            value = datetime.now(tz=UTC) if f.get_internal_type() == "DateTimeField" else ""
        defaults.append(value)
    fields = [fields_by_attname[name] for name in attnames] + rest
    return [f.column for f in fields], tuple(defaults), fields


def _copy(model: type[Model], attnames: list[str], rows: Iterable[tuple]) -> int:
    columns, defaults, _fields = _columns(model, attnames)
    table = connection.ops.quote_name(model._meta.db_table)
    column_list = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    sql = f"COPY {table} ({column_list}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row + defaults)
            count += 1
    return count


def _batched(model: type[Model], attnames: list[str], rows: Iterable[tuple]) -> int:
    columns, defaults, fields = _columns(model, attnames)
    table = connection.ops.quote_name(model._meta.db_table)
    column_list = ", ".join(connection.ops.quote_name(c) for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    count = 0

    def flush(batch: list[tuple]) -> None:
        sql = f"INSERT INTO {table} ({column_list}) VALUES " + ", ".join([one] * len(batch))  # noqa: S608
        params = [
            f.get_db_prep_save(value, connection)
            for row in batch
            for f, value in zip(fields, row, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    # SQLite caps the parameters of one statement (32,766 since 3.32).
    per_statement = max(1, min(BATCH, 30_000 // len(columns)))
    batch: list[tuple] = []
    for row in rows:
        batch.append(row + defaults)
        count += 1
        if len(batch) >= per_statement:
            flush(batch)
            batch = []
    if batch:
        flush(batch)
    return count


WRITERS: dict[str, Callable[[type[Model], list[str], Iterable[tuple]], int]] = {
    "copy": _copy,
    "batched": _batched,
}


def default_method() -> str:
    return "copy" if connection.vendor == "postgresql" else "batched"


# --- The seeding ------------------------------------------------------------------------


def seed(
    *,
    size: Size,
    today: date,
    method: str | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> SeedReport:
    """Writes the whole dataset into the current (empty, migrated) database."""
    from associations.models import Association, Membership
    from missions.models import Application, Contract, Mission
    from volunteers.models import PriorMission, Volunteer
    from vsi_portal.accounts.models import User

    method = method or default_method()
    write = WRITERS[method]
    gen = RowGenerator(size, today)
    report = SeedReport(size=size, today=today, method=method)
    tables = [
        ("users", User, gen.USER_FIELDS, gen.users),
        ("associations", Association, gen.ASSOCIATION_FIELDS, gen.associations),
        ("memberships", Membership, gen.MEMBERSHIP_FIELDS, gen.memberships),
        ("missions", Mission, gen.MISSION_FIELDS, gen.mission_rows),
        (
            "mission_languages",
            Mission.languages.through,
            gen.MISSION_LANGUAGE_FIELDS,
            gen.mission_languages,
        ),
        ("volunteers", Volunteer, gen.VOLUNTEER_FIELDS, gen.volunteers),
        ("prior_missions", PriorMission, gen.PRIOR_MISSION_FIELDS, gen.prior_missions),
        ("applications", Application, gen.APPLICATION_FIELDS, gen.applications),
        ("contracts", Contract, gen.CONTRACT_FIELDS, gen.contracts),
    ]
    for label, model, attnames, rows in tables:
        started = time.perf_counter()
        report.rows[label] = write(model, attnames, rows())
        report.timings[label] = round(time.perf_counter() - started, 2)
        progress(f"  {label:<18} {report.rows[label]:>10,} rows  {report.timings[label]:7.1f} s")
        _reset_sequence(model)
    if connection.vendor == "postgresql":
        from missions.search import SET_VECTORS_SQL

        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE missions_mission AS m SET {SET_VECTORS_SQL} "  # noqa: S608
                "FROM associations_association AS a WHERE a.id = m.association_id"
            )
        report.timings["search_vector"] = round(time.perf_counter() - started, 2)
        progress(f"  {'search_vector':<18} {'':>10}       {report.timings['search_vector']:7.1f} s")
        started = time.perf_counter()
        report.rows["application_events"] = _seed_application_events()
        report.timings["application_events"] = round(time.perf_counter() - started, 2)
        progress(
            f"  {'application_events':<18} {report.rows['application_events']:>10,} rows  "
            f"{report.timings['application_events']:7.1f} s"
        )
    return report


# Each application's history as the services write it (missions.services.applications):
# its sending, then each move. Shortlisted before the decision: the shortlisted, the
# accepted and one rejected in two; the decision on ``decided_at``; a withdrawal 4 days in.
APPLICATION_EVENTS_SQL = """
INSERT INTO missions_applicationevent (application_id, from_status, to_status, at, reason, message)
SELECT id, '', 'submitted', submitted_at, '', '' FROM missions_application
UNION ALL
SELECT id, 'submitted', 'shortlisted', submitted_at + interval '2 days', '', ''
  FROM missions_application
 WHERE status IN ('shortlisted', 'accepted') OR (status = 'rejected' AND id % 2 = 0)
UNION ALL
SELECT id, CASE WHEN status = 'accepted' OR id % 2 = 0 THEN 'shortlisted' ELSE 'submitted' END,
       status, decided_at, CASE WHEN status = 'rejected' THEN 'profile' ELSE '' END, ''
  FROM missions_application WHERE status IN ('accepted', 'rejected')
UNION ALL
SELECT id, 'submitted', 'withdrawn', submitted_at + interval '4 days', 'dates', ''
  FROM missions_application WHERE status = 'withdrawn'
"""


def _seed_application_events() -> int:
    """The applications' events, written from the seeded applications in one statement
    (PostgreSQL): the dashboards and the response figures read them."""
    from missions.models import ApplicationEvent

    with connection.cursor() as cursor:
        cursor.execute(APPLICATION_EVENTS_SQL)
        count = cursor.rowcount
    _reset_sequence(ApplicationEvent)
    return count


def _reset_sequence(model: type[Model]) -> None:
    """The next row the portal creates gets the id after the seeded ones."""
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
