"""The outbox: every e-mail written with its change, sent once, retried, never lost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from tests.mail import send_due
from vsi_portal.outbox import tasks
from vsi_portal.outbox.models import OutboxMessage
from vsi_portal.outbox.sending import (
    MAX_ATTEMPTS,
    STALE_CLAIM,
    message_id,
    outbox_purge,
    outbox_requeue,
    outbox_send,
)
from vsi_portal.outbox.services import Email, outbox_write

pytestmark = pytest.mark.django_db

State = OutboxMessage.State
REFUSING = "tests.outbox.backends.RefusingBackend"


def _email(to="lea@example.org", **fields) -> Email:
    return Email(
        to=to,
        subject=fields.pop("subject", "Bonjour"),
        text="Un message.",
        html="<p>Un message.</p>",
        language="fr",
        kind="test",
        **fields,
    )


def _write(*emails, **fields) -> list[OutboxMessage]:
    return outbox_write(emails=list(emails) or [_email(**fields)])


def test_a_change_rolled_back_leaves_no_email():
    with pytest.raises(RuntimeError), transaction.atomic():
        _write()
        raise RuntimeError("the change failed")
    assert not OutboxMessage.objects.exists()


def test_the_sending_is_queued_once_the_change_commits(django_capture_on_commit_callbacks, outbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        (row,) = _write()
        assert outbox == []
    assert len(callbacks) == 1
    (message,) = outbox
    assert message.to == ["lea@example.org"] and message.subject == "Bonjour"
    assert message.alternatives[0][0] == "<p>Un message.</p>"
    row.refresh_from_db()
    assert row.state == State.SENT and row.sent_at is not None and row.attempts == 1


def test_a_broker_that_does_not_answer_is_logged_and_the_email_waits(
    monkeypatch, django_capture_on_commit_callbacks, outbox, caplog
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(tasks.send_messages, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = _write()
    assert outbox == []
    assert OutboxMessage.objects.get(pk=row.pk).state == State.PENDING
    assert "wait for the sweep" in caplog.text
    assert send_due().sent == 1
    assert len(outbox) == 1


def test_a_sent_email_is_never_sent_again(outbox):
    _write()
    assert send_due().sent == 1
    assert send_due(later=timedelta(days=1)).sent == 0
    assert outbox_send(pks=OutboxMessage.objects.values_list("pk", flat=True)).sent == 0
    assert len(outbox) == 1


def test_a_task_replayed_after_its_worker_was_killed_sends_nothing(outbox):
    (row,) = _write()
    # The killed worker had claimed the row (and maybe sent it) but recorded nothing.
    OutboxMessage.objects.filter(pk=row.pk).update(
        state=State.SENDING, claimed_at=timezone.now(), attempts=1
    )
    assert tasks.send_messages(pks=[row.pk])["sent"] == 0
    assert tasks.send_due()["sent"] == 0
    assert outbox == []


def test_a_claim_never_recorded_is_sent_again_after_a_while_with_the_same_message_id(outbox):
    (row,) = _write()
    OutboxMessage.objects.filter(pk=row.pk).update(
        state=State.SENDING, claimed_at=timezone.now(), attempts=1
    )
    assert send_due(later=STALE_CLAIM + timedelta(seconds=1)).sent == 1
    (message,) = outbox
    assert message.extra_headers["Message-ID"] == message_id(row)


def test_a_mail_server_that_does_not_answer_means_a_retry_later(settings, outbox):
    (row,) = _write()
    settings.EMAIL_BACKEND = REFUSING
    assert send_due().failed == 1
    row.refresh_from_db()
    assert row.state == State.PENDING and row.attempts == 1
    assert "Connection refused" in row.last_error
    assert row.send_after > timezone.now() + timedelta(seconds=50)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due().sent == 0  # not before its backoff
    assert send_due(later=timedelta(minutes=2)).sent == 1
    assert len(outbox) == 1


def test_retries_back_off_then_give_up(settings):
    (row,) = _write()
    settings.EMAIL_BACKEND = REFUSING
    waits = []
    for day in range(1, MAX_ATTEMPTS + 1):
        at = timezone.now() + timedelta(days=day)
        outbox_send(now=at)
        row.refresh_from_db()
        waits.append(round((row.send_after - at).total_seconds() / 60))
    assert waits[: MAX_ATTEMPTS - 1] == [1, 2, 4, 8, 16, 32, 60]
    assert row.state == State.FAILED and row.attempts == MAX_ATTEMPTS
    assert send_due(later=timedelta(days=30)).failed == 0


def test_sending_again_from_the_admin_puts_a_failed_email_back(settings, outbox):
    (row,) = _write()
    OutboxMessage.objects.filter(pk=row.pk).update(state=State.FAILED, attempts=MAX_ATTEMPTS)
    assert outbox_requeue(messages=[row]) == 1
    assert send_due().sent == 1


def test_the_command_sends_what_waits(outbox, capsys):
    _write()
    call_command("send_outbox")
    assert "sent: 1" in capsys.readouterr().out
    assert len(outbox) == 1


def test_what_was_sent_a_month_ago_is_purged():
    old, recent = _write(_email(), _email())
    OutboxMessage.objects.filter(pk=old.pk).update(
        state=State.SENT, created_at=timezone.now() - timedelta(days=31)
    )
    assert outbox_purge() == 1
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [recent.pk]
