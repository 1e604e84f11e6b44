"""The periodic jobs Celery beat runs in production (times in the portal's time zone).

In the embedded mode nothing runs them: each has a management command (README.md).
"""

from __future__ import annotations

from celery.schedules import crontab


def beat_schedule() -> dict:
    """``CELERY_BEAT_SCHEDULE``; the notifications app adds its reminder scans to it."""
    schedule: dict = {}
    # The notifications app adds one daily scan per registered reminder kind when it is
    # ready (`reminders-<code>`, 07:00 Europe/Paris: notifications/tasks.py); the system
    # check notifications.W001 names a registered kind that has no entry here.
    schedule["missions-close-expired"] = {
        # Public pages already hide missions past their deadline; this makes it official.
        "task": "missions.close_expired",
        "schedule": crontab(hour=0, minute=5),
    }
    schedule["missions-end-contracts-due"] = {
        # A notice keeps its contract running until the last day: ended early the day after,
        # before the morning's reminders (certificate due, end-of-mission aids) read it.
        "task": "missions.end_contracts_due",
        "schedule": crontab(hour=0, minute=10),
    }
    schedule["missions-record-response-figures"] = {
        # The associations' response figures of the day, read by the pages (computed until then).
        "task": "missions.record_response_figures",
        "schedule": crontab(hour=0, minute=20),
    }
    schedule["missions-refresh-programme-dashboard"] = {
        # France Volontaires' figures take seconds at national scale: computed here, into the
        # shared cache, the page reads them (missions/selectors/dashboards.py).
        "task": "missions.refresh_programme_dashboard",
        "schedule": 600.0,
        "options": {"expires": 590},
    }
    schedule["missions-delete-expired-exports"] = {
        # Exports are kept 24 hours (missions/models/exports.py), then deleted, rows and files.
        "task": "missions.delete_expired_exports",
        "schedule": crontab(minute=20),
    }
    schedule["missions-requeue-waiting-exports"] = {
        # An export asked for while the broker was down is queued again; one whose worker
        # died while building it is marked failed (missions/services/exports.py).
        "task": "missions.requeue_waiting_exports",
        "schedule": 300.0,
        "options": {"expires": 290},
    }
    schedule["missions-send-search-alerts"] = {
        # The saved searches' alerts (daily and weekly), once per search and period.
        "task": "missions.send_search_alerts",
        "schedule": crontab(hour=7, minute=30),
    }

    # The outbox (vsi_portal/outbox/): what is due goes out every minute (digests whose hour
    # came, retries, e-mails whose queueing failed while the broker was down); a sweep that
    # waited longer than a minute in the queue is dropped, the next one does its work.
    schedule["outbox-send-due"] = {
        "task": "outbox.send_due",
        "schedule": 60.0,
        "options": {"expires": 55},
    }
    schedule["outbox-purge"] = {
        "task": "outbox.purge",
        "schedule": crontab(hour=3, minute=45),
    }

    schedule["privacy-apply-retention"] = {
        # Removes what the privacy page says is not kept (privacy/services.py).
        "task": "privacy.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    }
    return schedule
