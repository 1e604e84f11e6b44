"""The days of leave staff record as taken on a contract.

On SQLite, adding a column rebuilds the table, which drops its triggers: the
one-contract-at-a-time triggers of 0013 are created again after it (as in 0015).
"""

import importlib

from django.db import migrations, models


def sqlite_triggers_again(apps, schema_editor):
    binding = importlib.import_module("missions.migrations.0013_contract_versions_and_signatures")
    binding.binding_triggers_add(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0021_association_response_day"),
    ]

    operations = [
        migrations.AddField(
            model_name="contract",
            name="leave_days_taken",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="days of leave taken"),
        ),
        migrations.RunPython(sqlite_triggers_again, migrations.RunPython.noop),
    ]
