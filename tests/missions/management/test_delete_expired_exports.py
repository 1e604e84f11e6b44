"""``manage.py delete_expired_exports [--now] [--dry-run]``: the hourly job's deletion."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from missions.models import Export

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("delete_expired_exports", *args, stdout=out)
    return out.getvalue().strip()


def _moment(at) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")


def test_the_command_deletes_the_exports_expired_at_the_moment_given(export):
    assert _run("--now", _moment(export.expires_at - timedelta(hours=1))) == "deleted: 0"
    assert _run("--now", _moment(export.expires_at + timedelta(minutes=1))) == "deleted: 1"
    assert not Export.objects.exists()


def test_a_dry_run_deletes_nothing(export):
    later = _moment(export.expires_at + timedelta(minutes=1))
    assert _run("--now", later, "--dry-run") == "would delete: 1"
    assert Export.objects.exists()


def test_a_moment_not_written_as_one_is_refused(db):
    with pytest.raises(CommandError):
        _run("--now", "tomorrow")


def test_celery_beat_runs_it_every_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["missions-delete-expired-exports"]
    assert entry["task"] == "missions.delete_expired_exports"
    assert entry["schedule"].minute == {20}
