"""A small tsvector of each mission's title and summary, to rank the matches.

The full vector finds them (GIN); ranking read it for every match, out of line and
compressed, which made text searches the slowest page of the bench
(docs/performance.md). Filled here for the missions already written; the services keep
both vectors up to date (``missions.search.refresh_vectors``).
"""

from django.db import migrations

import missions.fields

BATCH = 5_000
# The rank vector as this migration wrote it (search_terms came in 0017).
RANK_VECTOR_SQL = " || ".join(
    f"setweight(to_tsvector('{config}'::regconfig, coalesce({text}, '')), '{weight}')"
    for text, weight in (("m.title", "A"), ("m.summary", "B"))
    for config in ("vsi_fr", "vsi_en")
)


def fill_rank_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM missions_mission")
        (last,) = cursor.fetchone()
        for start in range(0, last + 1, BATCH):
            cursor.execute(
                f"UPDATE missions_mission AS m SET search_rank_vector = {RANK_VECTOR_SQL} "  # noqa: S608
                "WHERE m.id >= %s AND m.id < %s",
                [start, start + BATCH],
            )


class Migration(migrations.Migration):
    dependencies = [("missions", "0007_bench_indexes")]

    operations = [
        migrations.AddField(
            model_name="mission",
            name="search_rank_vector",
            field=missions.fields.PortableSearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_rank_vectors, migrations.RunPython.noop),
    ]
