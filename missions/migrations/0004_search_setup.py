"""Full-text search on PostgreSQL (unaccent, French and English configurations, GIN index),
and the derived columns filled for the missions that already exist.

The PostgreSQL statements run only on PostgreSQL, so the same migration serves SQLite.
"""

from django.db import migrations

from vsi_portal.entitlements import contract_last_day, whole_months

CONFIGS = (("vsi_fr", "french", "french_stem"), ("vsi_en", "english", "english_stem"))


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        for name, parser_copy, stemmer in CONFIGS:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parser_copy})")
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR "
                f"hword, hword_part, word WITH unaccent, {stemmer}"
            )
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS mission_search_vector_gin "
            "ON missions_mission USING gin (search_vector)"
        )


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS mission_search_vector_gin")
        for name, _, _ in CONFIGS:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


# The vector as this migration wrote it (the columns of its time: search_terms came in 0017).
VECTOR_SQL = " || ".join(
    f"setweight(to_tsvector('{config}'::regconfig, coalesce({text}, '')), '{weight}')"
    for text, weight in (
        ("m.title", "A"),
        ("a.name || ' ' || m.summary || ' ' || m.skills", "B"),
        ("m.description", "C"),
    )
    for config, _, _ in CONFIGS
)


def fill_derived(apps, schema_editor):
    from missions.search import searchable_text

    Mission = apps.get_model("missions", "Mission")
    ids = []
    for mission in Mission.objects.select_related("association"):
        mission.duration_months = whole_months(mission.start_on, mission.end_on)
        mission.latest_end_on = contract_last_day(mission.start_on)
        mission.search_text = searchable_text(
            title=mission.title,
            summary=mission.summary,
            description=mission.description,
            skills=mission.skills,
            association=mission.association.name,
        )
        mission.save(update_fields=["duration_months", "latest_end_on", "search_text"])
        ids.append(mission.pk)
    if ids and schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE missions_mission AS m SET search_vector = {VECTOR_SQL} "  # noqa: S608
                "FROM associations_association AS a "
                "WHERE a.id = m.association_id AND m.id = ANY(%s)",
                [ids],
            )


class Migration(migrations.Migration):
    dependencies = [("missions", "0003_search_and_derived_columns")]

    operations = [
        migrations.RunPython(create_search, drop_search),
        migrations.RunPython(fill_derived, migrations.RunPython.noop),
    ]
