"""Partial indexes for a mission page's "similar missions" (found by ``make bench``).

Published missions of one domain and country, and of one country, in start order, so
each group of ``missions.selectors._similar_missions`` stops after its 4 rows instead of
ranking every open mission of the domain or country. PostgreSQL only, like 0007.
"""

from django.db import migrations

INDEXES = (
    (
        "mission_open_domain_country_idx",
        "(domain, country, start_on, id) INCLUDE (application_deadline, association_id)",
    ),
    (
        "mission_open_country_idx",
        "(country, start_on, id) INCLUDE (application_deadline, association_id, domain)",
    ),
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
    dependencies = [("missions", "0008_search_rank_vector")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
