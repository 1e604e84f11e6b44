"""System check: every registered reminder kind has its daily Celery beat entry.

notifications/apps.py adds the entries from the registry; this catches a schedule
replaced afterwards (another settings module, an override).
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from .reminders import registered_kinds
from .tasks import reminders_scan_task

SCAN_TASK = reminders_scan_task.name


@checks.register()
def reminder_kinds_are_scheduled(app_configs=None, **kwargs):
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
