"""Celery tasks: thin wrappers taking plain values and calling the services.

Celery beat runs `reminders_scan_task` once a day per registered kind (the
`reminders-<code>` entries `daily_scan_entries` gives, added to
settings.CELERY_BEAT_SCHEDULE by notifications/apps.py). Retrying it, or running
it twice, is safe: the scan sends only what no other scan has claimed.
"""

from __future__ import annotations

import datetime

from celery import shared_task
from celery.schedules import crontab
from django.db import DatabaseError

from . import services
from .reminders import registered_kinds

DAILY_SCAN = crontab(hour=7, minute=0)  # in CELERY_TIMEZONE, Europe/Paris


@shared_task(
    name="notifications.tasks.reminders_scan_task",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=60,
    max_retries=5,
)
def reminders_scan_task(kind: str, date: str | None = None) -> dict:
    """Scans one reminder kind for `date` (YYYY-MM-DD; default: today, Europe/Paris)."""
    today = datetime.date.fromisoformat(date) if date else None
    result = services.reminders_scan(kind=kind, today=today)
    return {
        "kind": result.kind,
        "inserted": result.inserted,
        "sent": result.sent,
        "failed": result.failed,
    }


def daily_scan_entries() -> dict[str, dict]:
    """The Celery beat entries of the reminder scans: one a day per registered kind."""
    return {
        f"reminders-{kind.code}": {
            "task": reminders_scan_task.name,
            "schedule": DAILY_SCAN,
            "args": (kind.code,),
        }
        for kind in registered_kinds()
    }
