"""The check constraints become ``FieldCheckConstraint`` (a form shows their violation on
their field, in words) and the bounds' validators name the whole range.

State only: the database's constraints keep their names and conditions, and validators are
not in the database. Running Remove/AddConstraint would rebuild the tables on SQLite and
drop the triggers standing in for PostgreSQL's exclusion constraint
(``missions/migrations/0012``, ``0013``).
"""

import django.core.validators
import vsi_portal.db
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('associations', '0009_constraint_messages_on_fields'),
        ('missions', '0024_application_mission_sent_index'),
        ('volunteers', '0003_volunteer_phone'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveConstraint(
                model_name='contract',
                name='contract_end_after_start',
            ),
            migrations.RemoveConstraint(
                model_name='contract',
                name='contract_ended_after_start',
            ),
            migrations.RemoveConstraint(
                model_name='contractversion',
                name='contract_version_end_after_start',
            ),
            migrations.RemoveConstraint(
                model_name='mission',
                name='mission_end_after_start',
            ),
            migrations.RemoveConstraint(
                model_name='mission',
                name='mission_places_positive',
            ),
            migrations.RemoveConstraint(
                model_name='mission',
                name='mission_min_age_18',
            ),
            migrations.AlterField(
                model_name='mission',
                name='allowance_eur',
                field=models.PositiveIntegerField(help_text='Whole euros per month, paid to the volunteer.', validators=[django.core.validators.MaxValueValidator(10000, message='The monthly allowance is at most €10000: check the amount, in whole euros per month.')], verbose_name='monthly allowance (euros)'),
            ),
            migrations.AlterField(
                model_name='mission',
                name='min_age',
                field=models.PositiveSmallIntegerField(default=18, help_text="18, or the association's own minimum.", validators=[django.core.validators.MinValueValidator(18, message='Set a minimum age between 18 and 30: the law asks for 18, and some associations for 21.'), django.core.validators.MaxValueValidator(30, message='Set a minimum age between 18 and 30: the law asks for 18, and some associations for 21.')], verbose_name='minimum age'),
            ),
            migrations.AlterField(
                model_name='mission',
                name='places',
                field=models.PositiveSmallIntegerField(default=1, validators=[django.core.validators.MinValueValidator(1, message='Offer between 1 and 100 places: for more, publish several missions.'), django.core.validators.MaxValueValidator(100, message='Offer between 1 and 100 places: for more, publish several missions.')], verbose_name='places'),
            ),
            migrations.AddConstraint(
                model_name='contract',
                constraint=vsi_portal.db.FieldCheckConstraint(condition=models.Q(('end_on__gte', models.F('start_on'))), field='end_on', name='contract_end_after_start', violation_error_message='The contract cannot end before it starts.'),
            ),
            migrations.AddConstraint(
                model_name='contract',
                constraint=vsi_portal.db.FieldCheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('start_on')), _connector='OR'), field='ended_on', name='contract_ended_after_start', violation_error_message='The contract cannot end before it starts.'),
            ),
            migrations.AddConstraint(
                model_name='contractversion',
                constraint=vsi_portal.db.FieldCheckConstraint(condition=models.Q(('end_on__gte', models.F('start_on'))), field='end_on', name='contract_version_end_after_start', violation_error_message='The contract cannot end before it starts.'),
            ),
            migrations.AddConstraint(
                model_name='mission',
                constraint=vsi_portal.db.FieldCheckConstraint(condition=models.Q(('end_on__gte', models.F('start_on'))), field='end_on', name='mission_end_after_start', violation_error_message='The mission cannot end before it starts.'),
            ),
            migrations.AddConstraint(
                model_name='mission',
                constraint=vsi_portal.db.FieldCheckConstraint(condition=models.Q(('places__gte', 1)), field='places', name='mission_places_positive', violation_error_message='Offer between 1 and 100 places: for more, publish several missions.'),
            ),
            migrations.AddConstraint(
                model_name='mission',
                constraint=vsi_portal.db.FieldCheckConstraint(condition=models.Q(('min_age__gte', 18)), field='min_age', name='mission_min_age_18', violation_error_message='Set a minimum age between 18 and 30: the law asks for 18, and some associations for 21.'),
            ),
            ],
        ),
    ]
