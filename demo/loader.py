"""``load_demo``: every demo loader, in the order their objects need one another.

Every step is idempotent (found by a natural key: e-mail, slug), so the command can run
at each ``make run``; a second run changes nothing and prints the same logins.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from django.db import transaction
from django.test.utils import override_settings

from vsi_portal.celery import app as celery_app
from vsi_portal.outbox.models import OutboxMessage

from . import (
    accounts,
    applications,
    associations,
    contracts,
    conversations,
    exports,
    history,
    missions,
    saved_searches,
    volunteers,
)
from .accounts import DemoReport

SILENT_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


@contextmanager
def _silent_emails() -> Iterator[None]:
    """The services e-mail each move once it is committed. In the embedded mode the tasks
    run in-process and the console would show every e-mail, and log every task run: the
    demo's people hear of nothing, and a newcomer's console shows the logins only (errors
    still show). The tasks run in-process during the load even with a broker. What the
    services wrote to the outbox is deleted afterwards, digests included: no later
    sweep sends them.
    """
    before = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    logging.disable(logging.WARNING)
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with override_settings(EMAIL_BACKEND=SILENT_EMAIL_BACKEND):
            yield
        OutboxMessage.objects.filter(pk__gt=before).delete()
    finally:
        celery_app.conf.task_always_eager = eager
        logging.disable(logging.NOTSET)


@transaction.atomic
def _load(*, today: date) -> DemoReport:
    report = DemoReport()
    accounts.load_admin(report=report)
    associations.load(today=today, report=report)
    missions.load(today=today)
    # France Volontaires suspends an association once its missions are published.
    associations.load_suspensions(today=today)
    # ... and records an approval's actual expiry, earlier than some of them start.
    associations.load_approval_corrections(today=today)
    volunteers.load(today=today, report=report)
    # Applications and contracts need the demo missions and volunteers.
    applications.load(today=today)
    contracts.load(today=today, report=report)
    # A year of activity for the dashboards and the statistics page.
    history.load(today=today)
    # Conversations on those applications and contracts.
    conversations.load(today=today)
    # Saved searches whose alerts fall due today (the missions published since are new).
    saved_searches.load(today=today)
    # A ready export of contracts for Solidarité Sahel's administrator.
    exports.load(today=today)
    # The demo admin's two-factor device (the admin requires one).
    accounts.load_admin_device(report=report)
    return report


def load_demo(*, today: date) -> DemoReport:
    """Loads the demo data as of ``today``; returns the logins to print."""
    with _silent_emails():
        return _load(today=today)
