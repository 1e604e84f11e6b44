"""No two contracts of one volunteer share a day, on SQLite too (the embedded default).

PostgreSQL has the exclusion constraint ``contract_no_overlap_per_volunteer`` (0011);
SQLite has no exclusion constraints, so two triggers refuse, as a constraint would (an
IntegrityError), an insert or an update that makes a volunteer's committed periods (start
to last day: the early end, else the planned end) share a day.
"""

from django.db import migrations

# The new row's committed period overlaps another contract's of the same volunteer.
OVERLAP = """
    NEW.volunteer_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM missions_contract AS other
        WHERE other.volunteer_id = NEW.volunteer_id
          AND other.id != NEW.id
          AND other.start_on <= COALESCE(NEW.ended_on, NEW.end_on)
          AND COALESCE(other.ended_on, other.end_on) >= NEW.start_on
    )
"""
RAISE = "SELECT RAISE(ABORT, 'contract_no_overlap_per_volunteer');"


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for event in ("INSERT", "UPDATE"):
        schema_editor.execute(
            f"CREATE TRIGGER contract_no_overlap_per_volunteer_{event.lower()} "
            f"BEFORE {event} ON missions_contract WHEN {OVERLAP} BEGIN {RAISE} END"
        )


def remove_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for event in ("insert", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS contract_no_overlap_per_volunteer_{event}")


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0011_contract_no_overlap_per_volunteer"),
    ]

    operations = [migrations.RunPython(add_triggers, remove_triggers)]
