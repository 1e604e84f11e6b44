"""System check: every registered reminder kind has its daily Celery beat entry."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

SCAN_TASK = "notifications.tasks.reminders_scan_task"


@checks.register()
def reminder_kinds_are_scheduled(app_configs=None, **kwargs):
    from .reminders import registered_kinds

    scheduled = {
        (entry.get("args") or (None,))[0]
        for entry in getattr(settings, "CELERY_BEAT_SCHEDULE", {}).values()
        if entry.get("task") == SCAN_TASK
    }
    return [
        checks.Warning(
            f"Reminder kind {kind.code!r} has no daily scan in CELERY_BEAT_SCHEDULE.",
            hint=f"Add an entry running {SCAN_TASK} with args ({kind.code!r},).",
            id="notifications.W001",
        )
        for kind in registered_kinds()
        if kind.code not in scheduled
    ]
