"""The outbox as the tests see it: what the periodic sweep sends, now or later."""

from __future__ import annotations

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from vsi_portal.outbox.sending import outbox_send
from vsi_portal.outbox.services import DIGEST_WINDOW


def send_due(*, later: timedelta = timedelta(0)):
    """Runs the sweep as it would run ``later`` (e-mails due by then go out)."""
    return outbox_send(now=timezone.now() + later)


def send_the_hours_digests():
    """The sweep at the end of this hour: the digests written so far go out."""
    return send_due(later=DIGEST_WINDOW)


def committed():
    """Around a request: its transaction commits (the test's own never does), so the
    e-mails it wrote to the outbox are sent, as they are once a real request commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)
