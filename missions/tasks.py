"""Celery tasks of the missions app: thin, they call services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="missions.close_expired")
def close_expired_missions() -> int:
    """Daily: close the published missions whose application deadline has passed."""
    return services.missions_close_expired(today=timezone.localdate())


@shared_task(name="missions.application_email")
def send_application_email(event_id: int) -> int:
    """E-mails a move on an application to the other side; returns how many were sent."""
    from . import emails

    return emails.application_event_notify(event_id=event_id)


@shared_task(name="missions.contract_email")
def send_contract_email(contract_id: int, event: str) -> int:
    """E-mails a change of a contract to the volunteer; returns how many were sent."""
    from . import emails

    return emails.contract_event_notify(contract_id=contract_id, event=event)
