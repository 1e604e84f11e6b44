"""The default order's index also holds the columns of "missions I can apply to".

A candidate's search chooses its page's ids from ``mission_open_start_idx`` alone
(``missions.selectors.search._page_rows``): with the eligibility columns (end, minimum
age, latest end) and the other filters' (duration, allowance) in the index, that walk in
start order is an index-only scan that stops after 20 rows, however badly the planner
guesses how many missions pass the conditions. PostgreSQL only, like 0007.
"""

from django.db import migrations

NAME = "mission_open_start_idx"
COVERING = (
    "(start_on, id) INCLUDE (application_deadline, association_id, country, domain, "
    "end_on, min_age, latest_end_on, duration_months, allowance_eur)"
)
BEFORE = "(start_on, id) INCLUDE (application_deadline, association_id, country, domain)"


def _replace_index(definition):
    def replace(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {NAME}")
            cursor.execute(
                f"CREATE INDEX {NAME} ON missions_mission {definition} "
                "WHERE status = 'published'"
            )

    return replace


class Migration(migrations.Migration):
    dependencies = [("missions", "0019_saved_searches")]

    operations = [migrations.RunPython(_replace_index(COVERING), _replace_index(BEFORE))]
