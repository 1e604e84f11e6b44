"""Partial indexes for the public search and the mission page, found by ``make bench``.

Only published missions are ever searched, and they are a minority of the table (drafts
and years of closed missions make up the rest), so the indexes cover them alone:

- ``mission_open_start_idx``: the default order (start, id), with the columns the filters
  and the "similar missions" read, so the page walks it and stops after 20 rows;
- ``mission_open_filter_idx``: by deadline, covering every filtered column, so the total
  of a search is an index-only count;
- ``mission_open_search_gin``: the full-text index of published missions only.

PostgreSQL only (partial indexes with INCLUDE); SQLite keeps the model's plain indexes.
docs/performance.md gives the figures before and after.
"""

from django.db import migrations

INDEXES = (
    (
        "mission_open_start_idx",
        "(start_on, id) INCLUDE (application_deadline, association_id, country, domain)",
    ),
    (
        "mission_open_filter_idx",
        "(application_deadline) INCLUDE (association_id, country, domain, start_on, end_on, "
        "duration_months, allowance_eur, min_age, latest_end_on)",
    ),
    ("mission_open_search_gin", "USING gin (search_vector)"),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, definition in INDEXES:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON missions_mission {definition} "
                "WHERE status = 'published'"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, _definition in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("missions", "0005_applications_contracts")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
