"""``manage.py record_response_figures``: the nightly response figures, run by hand."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from missions.models import AssociationResponseDay
from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db


def test_the_command_records_the_figures_of_the_day_given():
    mission = MissionFactory()
    out = StringIO()

    call_command("record_response_figures", "--date", "2026-06-15", stdout=out)

    assert out.getvalue() == "recorded: 1\n"
    assert AssociationResponseDay.objects.get(association=mission.association).day == date(
        2026, 6, 15
    )


def test_celery_beat_runs_it_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["missions-record-response-figures"]
    assert entry["task"] == "missions.record_response_figures"
    assert entry["schedule"].hour == {0}
