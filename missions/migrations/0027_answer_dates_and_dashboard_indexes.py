"""The dates of the answers on the application (``Application.note_move``), copied from the
events of the applications sent before; the dashboards' two covering indexes.

The copy is ``missions.services.applications.application_move_dates_refresh`` as of this
migration: one UPDATE, each date the first event of its kind.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

ANSWER_STATUSES = ("shortlisted", "accepted", "rejected")


def copy_answer_dates(apps, schema_editor):
    Application = apps.get_model("missions", "Application")
    ApplicationEvent = apps.get_model("missions", "ApplicationEvent")
    events = ApplicationEvent.objects.filter(application=OuterRef("pk")).order_by("at", "pk")
    answers = events.filter(to_status__in=ANSWER_STATUSES, at__gte=OuterRef("submitted_at"))
    Application.objects.exclude(status__in=("submitted", "expired")).update(
        answered_at=Subquery(answers.values("at")[:1]),
        shortlisted_at=Subquery(events.filter(to_status="shortlisted").values("at")[:1]),
        accepted_at=Subquery(events.filter(to_status="accepted").values("at")[:1]),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('associations', '0009_constraint_messages_on_fields'),
        ('missions', '0026_contract_no_overlap_triggers_again'),
        ('volunteers', '0004_constraint_messages_on_fields'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='application',
            name='application_mission_sent_idx',
        ),
        migrations.AddField(
            model_name='application',
            name='accepted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='accepted at'),
        ),
        migrations.AddField(
            model_name='application',
            name='answered_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='first answered at'),
        ),
        migrations.AddField(
            model_name='application',
            name='shortlisted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='shortlisted at'),
        ),
        migrations.RunPython(copy_answer_dates, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['mission', 'submitted_at'], include=('status', 'id', 'answered_at', 'shortlisted_at', 'accepted_at'), name='application_answers_idx'),
        ),
        migrations.AddIndex(
            model_name='contract',
            index=models.Index(fields=['association', 'status'], include=('id', 'application', 'mission', 'country', 'start_on', 'end_on', 'ended_on', 'activated_at', 'certificate_issued_at', 'criminal_record_checked_on', 'social_security_affiliated_on', 'insurance_reference', 'training_completed_on'), name='contract_association_cover_idx'),
        ),
    ]
