"""Celery tasks of the outbox: the sending of given messages, and the periodic sweep.

Replaying either is harmless: a message is sent only by the worker whose claim took it
(sending.py). Beat runs ``send_due`` every minute and ``purge`` every night.
"""

from __future__ import annotations

import logging
from dataclasses import asdict

from celery import shared_task
from django.db import DatabaseError

from . import sending

logger = logging.getLogger(__name__)

TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 30,
    "max_retries": 5,
    "ignore_result": True,
}


@shared_task(name="outbox.send", **TASK_OPTIONS)
def send_messages(pks: list[int]) -> dict:
    """Sends the given messages that are due (the others wait for the sweep)."""
    return asdict(sending.outbox_send(pks=pks))


@shared_task(name="outbox.send_due", **TASK_OPTIONS)
def send_due() -> dict:
    """Sends every message that is due: digests whose hour came, retries, held ones."""
    return asdict(sending.outbox_send())


@shared_task(name="outbox.purge", **TASK_OPTIONS)
def purge() -> int:
    """Deletes what was sent (or given up) more than OUTBOX_KEEP_DAYS ago."""
    return sending.outbox_purge()


def queue_sending(pks: list[int]) -> None:
    """Queues the sending of ``pks``; never raises into the request that wrote them.

    With the broker down the messages stay waiting, and the periodic sweep sends them
    once it is back (or ``manage.py send_outbox`` does).
    """
    try:
        send_messages.delay(pks)
    except Exception:
        logger.warning(
            "Could not queue the sending of outbox messages %s: they wait for the sweep",
            pks,
            exc_info=True,
        )
