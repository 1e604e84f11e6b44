"""The exports whose build went astray (missions/services/exports.py,
``exports_requeue_waiting``): still pending after the broker was down, they are queued
again and built once; still building after their worker died, they are marked failed and
the person told; the others are left alone."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from missions.models import Export
from missions.services import exports as export_services
from missions.services.exports import (
    FAILED_KIND,
    READY_KIND,
    export_build,
    export_request,
    exports_requeue_waiting,
)
from missions.tasks import queue_export_build, requeue_waiting_exports
from notifications.models import Notification
from tests.factories import ContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(association):
    return ContractFactory(application__mission__association=association)


def _asked(staff, *, minutes_ago: int, language: str = "fr") -> Export:
    """An export asked for ``minutes_ago``, whose build was never queued."""
    export, _created = export_request(
        by=staff,
        kind="contracts",
        file_format="csv",
        request_key=uuid.uuid4(),
        language=language,
        now=timezone.now() - timedelta(minutes=minutes_ago),
    )
    return export


def _building(staff, *, minutes_ago: int | None) -> Export:
    """An export whose worker claimed it ``minutes_ago`` (None: before the claim was
    recorded) and has not finished."""
    export = _asked(staff, minutes_ago=120)
    since = None if minutes_ago is None else timezone.now() - timedelta(minutes=minutes_ago)
    Export.objects.filter(pk=export.pk).update(status=Export.Status.BUILDING, building_since=since)
    return export


def test_an_export_still_pending_after_five_minutes_is_queued_again_and_built_once(contract, staff):
    export = _asked(staff, minutes_ago=6)
    queued: list[int] = []
    swept = exports_requeue_waiting(queue=queued.append)
    assert (swept.requeued, swept.failed) == (1, 0)
    assert queued == [export.pk]
    for export_id in queued * 2:  # queued twice (the view's message arrived after all)
        queue_export_build(export_id)
    export.refresh_from_db()
    assert export.status == Export.Status.READY
    assert default_storage.exists(export.file.name)
    assert Notification.objects.filter(recipient=staff, kind=READY_KIND).count() == 1


def test_the_periodic_task_builds_the_export_left_pending(contract, staff):
    export = _asked(staff, minutes_ago=6)
    assert requeue_waiting_exports() == {"requeued": 1, "failed": 0}
    export.refresh_from_db()
    assert export.status == Export.Status.READY
    assert requeue_waiting_exports() == {"requeued": 0, "failed": 0}


def test_an_export_asked_for_a_minute_ago_is_not_queued_again(staff):
    export = _asked(staff, minutes_ago=1)
    queued: list[int] = []
    assert exports_requeue_waiting(queue=queued.append).requeued == 0
    assert queued == []
    export.refresh_from_db()
    assert export.status == Export.Status.PENDING


def test_an_expired_pending_export_is_left_to_the_hourly_deletion(staff):
    export = _asked(staff, minutes_ago=6)
    queued: list[int] = []
    exports_requeue_waiting(queue=queued.append, now=export.expires_at)
    assert queued == []


def test_an_export_building_for_an_hour_is_marked_failed_and_the_person_told(staff):
    export = _building(staff, minutes_ago=61)
    swept = exports_requeue_waiting(queue=[].append)
    assert (swept.requeued, swept.failed) == (0, 1)
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    notification = Notification.objects.get(recipient=staff, kind=FAILED_KIND)
    assert notification.title == "Votre export n’a pas pu être préparé\u00a0: Contrats – CSV"
    assert exports_requeue_waiting(queue=[].append).failed == 0
    assert Notification.objects.filter(kind=FAILED_KIND).count() == 1


def test_a_build_started_ten_minutes_ago_is_left_building(staff):
    export = _building(staff, minutes_ago=10)
    assert exports_requeue_waiting(queue=[].append).failed == 0
    export.refresh_from_db()
    assert export.status == Export.Status.BUILDING
    assert not Notification.objects.filter(kind=FAILED_KIND).exists()


def test_a_build_claimed_before_its_start_was_recorded_counts_from_the_request(staff):
    export = _building(staff, minutes_ago=None)
    assert exports_requeue_waiting(queue=[].append).failed == 1
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED


def test_the_claim_records_when_the_build_started(contract, staff):
    export = _asked(staff, minutes_ago=0)
    before = timezone.now()
    export = export_build(export_id=export.pk)
    assert before <= export.building_since <= export.ready_at


def test_ready_and_failed_exports_are_left_alone(contract, staff):
    ready = export_build(export_id=_asked(staff, minutes_ago=120).pk)
    failed = _asked(staff, minutes_ago=120)
    Export.objects.filter(pk=failed.pk).update(status=Export.Status.FAILED)
    later = timezone.now() + timedelta(hours=2)
    queued: list[int] = []
    swept = exports_requeue_waiting(queue=queued.append, now=later)
    assert (swept.requeued, swept.failed, queued) == (0, 0, [])
    assert Export.objects.get(pk=ready.pk).status == Export.Status.READY
    assert Export.objects.get(pk=failed.pk).status == Export.Status.FAILED
    assert not Notification.objects.filter(kind=FAILED_KIND).exists()


def test_a_worker_finishing_a_build_given_up_keeps_it_failed_and_deletes_its_file(
    contract, staff, monkeypatch, django_capture_on_commit_callbacks
):
    export = _asked(staff, minutes_ago=0)
    write_file = export_services._write_file
    written: list[str] = []

    def slow(export):
        exports_requeue_waiting(queue=[].append, now=timezone.now() + timedelta(hours=2))
        name, rows = write_file(export)
        written.append(name)
        return name, rows

    monkeypatch.setattr(export_services, "_write_file", slow)
    with django_capture_on_commit_callbacks(execute=True):
        assert export_build(export_id=export.pk) is None
    assert Export.objects.get(pk=export.pk).status == Export.Status.FAILED
    assert not default_storage.exists(written[0])
    assert not Notification.objects.filter(kind=READY_KIND).exists()


def test_a_dry_run_counts_and_changes_nothing(staff):
    pending = _asked(staff, minutes_ago=6)
    building = _building(staff, minutes_ago=61)
    queued: list[int] = []
    swept = exports_requeue_waiting(queue=queued.append, dry_run=True)
    assert (swept.requeued, swept.failed, queued) == (1, 1, [])
    assert Export.objects.get(pk=pending.pk).status == Export.Status.PENDING
    assert Export.objects.get(pk=building.pk).status == Export.Status.BUILDING


def test_celery_beat_runs_the_sweep_every_five_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["missions-requeue-waiting-exports"]
    assert entry["task"] == "missions.requeue_waiting_exports"
    assert entry["schedule"] == 300.0
