"""Missions found by their place, country, continent and domain words (``search_terms``).

The new column holds the city, the country and continent names in French and English and
the domain's labels and synonyms (``missions.search.search_terms``); the folded text of the
portable search and, on PostgreSQL, both vectors read it. Filled here for the missions
already written, in primary-key batches; the cached search pages are dropped after.

With the search terms the ranking vector grew from about 230 to 650 bytes and PostgreSQL
began to store it out of line, read back for every match to rank (a text search read
three times the pages). Its storage becomes MAIN: kept in the row, the long texts and
the full vector leave the row first (docs/performance.md).
"""

from django.db import migrations, models

BATCH = 2_000


def rank_vector_in_row(apps, schema_editor):
    _set_rank_vector_storage(schema_editor, "MAIN")


def rank_vector_anywhere(apps, schema_editor):
    _set_rank_vector_storage(schema_editor, "EXTENDED")


def _set_rank_vector_storage(schema_editor, storage: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE missions_mission ALTER COLUMN search_rank_vector SET STORAGE {storage}"
        )


def fill_search_terms(apps, schema_editor):
    from missions.search import SET_VECTORS_SQL, search_terms, searchable_text
    from vsi_portal import search_cache

    Mission = apps.get_model("missions", "Mission")
    fields = ["title", "summary", "description", "skills", "place", "country", "domain"]
    missions = Mission.objects.select_related("association").only(*fields, "association__name")
    last = 0
    while batch := list(missions.filter(pk__gt=last).order_by("pk")[:BATCH]):
        for mission in batch:
            mission.search_terms = search_terms(
                place=mission.place, country=mission.country, domain=mission.domain
            )
            mission.search_text = searchable_text(
                title=mission.title,
                summary=mission.summary,
                description=mission.description,
                skills=mission.skills,
                association=mission.association.name,
                terms=mission.search_terms,
            )
        Mission.objects.bulk_update(batch, ["search_terms", "search_text"], batch_size=500)
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE missions_mission AS m SET {SET_VECTORS_SQL} "  # noqa: S608
                    "FROM associations_association AS a "
                    "WHERE a.id = m.association_id AND m.id = ANY(%s)",
                    [[mission.pk for mission in batch]],
                )
        last = batch[-1].pk
    search_cache.results_changed()


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0017_conversations"),
    ]

    operations = [
        migrations.AddField(
            model_name="mission",
            name="search_terms",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="search terms"
            ),
        ),
        migrations.RunPython(rank_vector_in_row, rank_vector_anywhere),
        migrations.RunPython(fill_search_terms, migrations.RunPython.noop),
    ]
