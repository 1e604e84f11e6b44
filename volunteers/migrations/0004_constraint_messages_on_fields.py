"""The check constraints become ``FieldCheckConstraint`` (a form shows their violation on
their field, in words) and the bounds' validators name the whole range.

State only: the database's constraints keep their names and conditions, and validators are
not in the database. Running Remove/AddConstraint would rebuild the tables on SQLite and
drop the triggers standing in for PostgreSQL's exclusion constraint
(``missions/migrations/0012``, ``0013``).
"""

import vsi_portal.db
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('missions', '0025_constraint_messages_on_fields'),
        ('volunteers', '0003_volunteer_phone'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveConstraint(
                model_name='document',
                name='document_only_criminal_record_checked',
            ),
            migrations.RemoveConstraint(
                model_name='priormission',
                name='prior_mission_end_after_start',
            ),
            migrations.RemoveConstraint(
                model_name='volunteer',
                name='volunteer_leave_end_after_start',
            ),
            migrations.AddConstraint(
                model_name='document',
                constraint=vsi_portal.db.FieldCheckConstraint(condition=models.Q(('checked_at__isnull', True), models.Q(('kind', 'criminal_record'), ('outcome__in', ['clear', 'entries_recorded'])), _connector='OR'), field='outcome', name='document_only_criminal_record_checked', violation_error_message='Only a criminal record extract is checked, and its check records whether it holds entries.'),
            ),
            migrations.AddConstraint(
                model_name='priormission',
                constraint=vsi_portal.db.FieldCheckConstraint(condition=models.Q(('end_on__gte', models.F('start_on'))), field='end_on', name='prior_mission_end_after_start', violation_error_message='The mission must end on or after the day it starts.'),
            ),
            migrations.AddConstraint(
                model_name='volunteer',
                constraint=vsi_portal.db.FieldCheckConstraint(condition=models.Q(('leave_end__isnull', True), ('leave_start__isnull', True), ('leave_end__gte', models.F('leave_start')), _connector='OR'), field='leave_end', name='volunteer_leave_end_after_start', violation_error_message='The leave must end on or after the day it starts.'),
            ),
            ],
        ),
    ]
