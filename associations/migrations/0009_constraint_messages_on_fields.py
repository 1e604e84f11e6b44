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
        ('associations', '0008_association_documents'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveConstraint(
                model_name='association',
                name='association_min_age_18',
            ),
            migrations.AlterField(
                model_name='association',
                name='min_volunteer_age',
                field=models.PositiveSmallIntegerField(default=18, help_text='18, or more if your association asks for older volunteers.', validators=[django.core.validators.MinValueValidator(18, message='Set a minimum age between 18 and 30: the law asks for 18, and some associations for 21.'), django.core.validators.MaxValueValidator(30, message='Set a minimum age between 18 and 30: the law asks for 18, and some associations for 21.')], verbose_name='minimum volunteer age'),
            ),
            migrations.AddConstraint(
                model_name='association',
                constraint=vsi_portal.db.FieldCheckConstraint(condition=models.Q(('min_volunteer_age__gte', 18)), field='min_volunteer_age', name='association_min_age_18', violation_error_message='Set a minimum age between 18 and 30: the law asks for 18, and some associations for 21.'),
            ),
            ],
        ),
    ]
