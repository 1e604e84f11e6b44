"""Two workers sweep the same outbox at the same moment: no e-mail is sent twice."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection

from vsi_portal.outbox.models import OutboxMessage
from vsi_portal.outbox.sending import outbox_send

_SQLITE_WRITER = threading.Lock()
MESSAGES = 40


def _sweep():
    """PostgreSQL runs both sweeps truly in parallel (the conditional UPDATE decides who
    sends what). SQLite's in-memory test database fails a second writer at once instead of
    waiting, so there the two take turns, as SQLite would make two processes do."""
    if connection.vendor != "sqlite":
        return outbox_send()
    with _SQLITE_WRITER:
        return outbox_send()


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_outbox_never_send_an_email_twice(outbox):
    # Rows waiting for the sweep (as after a broker outage: nothing was queued).
    OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(to=f"person{n}@example.org", subject=f"N°{n}", text=".", kind="t")
            for n in range(MESSAGES)
        ]
        # a digest: its items go out together, once
        + [
            OutboxMessage(
                to="reviewer@example.org",
                subject=f"Dossier {n}",
                text=".",
                kind="t",
                digest="reviews",
                digest_title="À examiner",
            )
            for n in range(5)
        ]
    )
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(_sweep())
        except Exception as error:  # reported below, the test must see it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    sent = Counter(message.extra_headers["Message-ID"] for message in mail.outbox)
    assert len(sent) == MESSAGES + 1 and set(sent.values()) == {1}
    assert sum(result.sent for result in results) == MESSAGES + 1
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"sent"}
