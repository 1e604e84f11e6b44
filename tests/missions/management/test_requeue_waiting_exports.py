"""``manage.py requeue_waiting_exports [--now] [--dry-run]``: the 5-minute job's sweep."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from missions.models import Export

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("requeue_waiting_exports", *args, stdout=out)
    return out.getvalue().strip()


def _moment(at) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")


def test_the_command_builds_the_exports_still_pending_at_the_moment_given(export):
    assert _run("--now", _moment(export.requested_at)) == "requeued: 0, failed: 0"
    later = _moment(export.requested_at + timedelta(minutes=10))
    assert _run("--now", later) == "requeued: 1, failed: 0"
    assert Export.objects.get().status == Export.Status.READY  # in-process, without a broker


def test_the_command_marks_failed_the_exports_stuck_building(export):
    Export.objects.update(status=Export.Status.BUILDING, building_since=export.requested_at)
    later = _moment(export.requested_at + timedelta(hours=2))
    assert _run("--now", later) == "requeued: 0, failed: 1"
    assert Export.objects.get().status == Export.Status.FAILED


def test_a_dry_run_changes_nothing(export):
    later = _moment(export.requested_at + timedelta(minutes=10))
    assert _run("--now", later, "--dry-run") == "would requeue: 1, would fail: 0"
    assert Export.objects.get().status == Export.Status.PENDING


def test_a_moment_not_written_as_one_is_refused(db):
    with pytest.raises(CommandError):
        _run("--now", "tomorrow")
