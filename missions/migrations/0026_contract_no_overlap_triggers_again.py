"""The SQLite triggers standing in for ``contract_no_overlap_per_volunteer``, again.

Adding ``leave_days_taken`` (0022) rebuilt ``missions_contract`` on SQLite, which drops
its triggers: two binding contracts of one volunteer could then share a day on the
embedded database. This recreates 0013's triggers (dropping them first, so that it is
harmless where they survived). A later migration that rebuilds the table must do the same.
"""

import importlib

from django.db import migrations

BINDING = importlib.import_module("missions.migrations.0013_contract_versions_and_signatures")


def triggers_add(apps, schema_editor):
    BINDING.binding_triggers_add(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0025_constraint_messages_on_fields"),
    ]

    operations = [migrations.RunPython(triggers_add, migrations.RunPython.noop)]
