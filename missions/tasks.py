"""Celery tasks of the missions app: thin, they call a service or send the e-mails of a move.

The services queue the e-mail tasks after their commit; the tasks import no service that
imports them back.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from . import emails
from .services.missions import missions_close_expired


@shared_task(name="missions.close_expired")
def close_expired_missions() -> int:
    """Daily: close the published missions whose application deadline has passed."""
    return missions_close_expired(today=timezone.localdate())


@shared_task(name="missions.application_email")
def send_application_email(event_id: int) -> int:
    """E-mails a move on an application to the other side; returns how many were sent."""
    return emails.application_event_notify(event_id=event_id)


@shared_task(name="missions.contract_email")
def send_contract_email(contract_id: int, event: str) -> int:
    """E-mails a change of a contract to the volunteer; returns how many were sent."""
    return emails.contract_event_notify(contract_id=contract_id, event=event)
