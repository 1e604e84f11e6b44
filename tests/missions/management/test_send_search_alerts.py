"""``manage.py send_search_alerts``: a line per frequency, then ``sent: N``; a dry run
sends nothing; a bad date is refused in words."""

from __future__ import annotations

from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.missions.alerts import NOW, TODAY, published, saved_search
from vsi_portal.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _morning():
    with time_machine.travel(NOW, tick=False):
        yield


def _call(*args) -> str:
    out = StringIO()
    call_command("send_search_alerts", *args, stdout=out)
    return out.getvalue()


def test_it_prints_a_line_per_frequency_and_the_emails_sent(volunteer):
    saved_search(volunteer, "country=SN", frequency="weekly")
    published(country="SN")
    lines = _call("--date", TODAY.isoformat()).splitlines()
    assert lines == [
        "daily: 0 due, alerted 0 with 0 new missions",
        "weekly: 1 due, alerted 1 with 1 new missions",
        "sent: 1",
    ]
    assert _call("--date", TODAY.isoformat()).splitlines()[-1] == "sent: 0"


def test_a_dry_run_sends_nothing(volunteer):
    saved_search(volunteer, "country=SN", name="Sénégal")
    published(country="SN")
    out = _call("--dry-run")
    assert f"would send to {volunteer.user.email}: Sénégal (1 missions)" in out
    assert out.splitlines()[-1] == "sent: 0"
    assert OutboxMessage.objects.count() == 0


def test_a_date_not_written_yyyy_mm_dd_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _call("--date", "04/03/2030")


def test_celery_beat_runs_it_every_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["missions-send-search-alerts"]
    assert entry["task"] == "missions.send_search_alerts"
