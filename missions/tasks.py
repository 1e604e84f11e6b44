"""Celery tasks of the missions app: thin, they call a service.

The e-mails of a move are written to the outbox by the services themselves, in the move's
transaction (``vsi_portal.outbox``), and sent by its tasks.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from .selectors.dashboards import programme_dashboard_refresh
from .services.contract_ends import contracts_end_due
from .services.exports import export_build, exports_delete_expired, exports_requeue_waiting
from .services.missions import missions_close_expired
from .services.response_figures import response_figures_record
from .services.search_alerts import search_alerts_send


@shared_task(name="missions.close_expired")
def close_expired_missions() -> int:
    """Daily: close the published missions whose application deadline has passed."""
    return missions_close_expired(today=timezone.localdate())


@shared_task(name="missions.end_contracts_due")
def end_contracts_due() -> int:
    """Daily: the contracts whose notice's last day has passed are ended early (once)."""
    return len(contracts_end_due(today=timezone.localdate()))


@shared_task(name="missions.send_search_alerts")
def send_search_alerts() -> int:
    """Daily: the saved searches' alerts due today, one e-mail per volunteer (once)."""
    return search_alerts_send(today=timezone.localdate()).sent


@shared_task(name="missions.record_response_figures")
def record_response_figures() -> int:
    """Nightly: each association's response figures of the day, read by the pages."""
    return response_figures_record(today=timezone.localdate())


logger = logging.getLogger(__name__)


@shared_task(
    name="missions.build_export",
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=10,
    max_retries=3,
    ignore_result=True,
)
def build_export(export_id: int) -> None:
    """An export's file (built once: the service claims it, a replay does nothing)."""
    export_build(export_id=export_id)


def queue_export_build(export_id: int) -> None:
    """Queues the build of a committed export; never raises into the request that asked.

    Without a broker it runs here and now (in-process); with the broker down the export
    stays "being prepared" until the sweep below queues it again.
    """
    try:
        build_export.delay(export_id)
    except Exception:
        logger.warning("Could not queue the build of export %s", export_id, exc_info=True)


@shared_task(name="missions.requeue_waiting_exports", ignore_result=True)
def requeue_waiting_exports() -> dict:
    """Every 5 minutes: the exports still pending are queued again, those whose worker died
    while building are marked failed (the person is told)."""
    swept = exports_requeue_waiting(queue=queue_export_build, now=timezone.now())
    return {"requeued": swept.requeued, "failed": swept.failed}


@shared_task(name="missions.delete_expired_exports", ignore_result=True)
def delete_expired_exports() -> int:
    """Hourly: the exports kept Export.KEEP_HOURS are deleted, rows and files."""
    return exports_delete_expired(now=timezone.now())


@shared_task(name="missions.refresh_programme_dashboard")
def refresh_programme_dashboard() -> None:
    """Every 10 minutes: France Volontaires' figures computed again into the shared cache,
    so that its dashboard never computes them while someone waits."""
    programme_dashboard_refresh(today=timezone.localdate())
