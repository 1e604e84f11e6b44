"""Sending the outbox: each e-mail claimed by one worker, sent, and recorded as sent once.

1. due: the waiting rows whose ``send_after`` has come, and those a worker claimed more
   than STALE_CLAIM ago without recording them (it died);
2. claim: one conditional ``UPDATE ... RETURNING`` per e-mail (a message, or every waiting
   item of one digest to one address, ``vsi_portal.db.update_returning_pks``): only the
   worker whose statement returned the rows goes on, so two workers, a replayed task or
   the sweep never hold the same row;
3. budget: a non-essential e-mail to an address that already had OUTBOX_HOURLY_BUDGET of
   them in the last hour goes back to waiting until the oldest leaves the hour (never
   dropped);
4. send, then record at once in a transaction of its own: sent; or, after a failure,
   waiting again after a backoff (1, 2, 4... minutes, at most an hour); failed after
   MAX_ATTEMPTS (the admin can send it again).

The window left: a worker killed between the mail server's acceptance and the record
(milliseconds) leaves its row claimed; a task replayed at once finds it claimed and leaves
it, and only after STALE_CLAIM is it sent again, under the same Message-ID, by which mail
clients drop a duplicate. Not sending it again would lose the e-mails of a worker killed
before sending, which is far likelier.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from vsi_portal.db import update_returning_pks
from vsi_portal.formats import one_line, tidy_text

from .models import OutboxMessage

logger = logging.getLogger(__name__)

State = OutboxMessage.State
STALE_CLAIM = timedelta(minutes=15)
MAX_ATTEMPTS = 8
MAX_BACKOFF = timedelta(hours=1)
BUDGET_WINDOW = timedelta(hours=1)
BATCH = 200


@dataclass
class SendResult:
    sent: int = 0  # e-mails (a digest is one)
    failed: int = 0
    held: int = 0  # over the hourly budget: waiting for the next hour
    taken: int = 0  # claimed by another worker first


def hourly_budget() -> int:
    return int(getattr(settings, "OUTBOX_HOURLY_BUDGET", 10))


def outbox_send(*, pks=None, now: datetime | None = None) -> SendResult:
    """Sends every due message (only those among ``pks`` when given); see the module doc."""
    result = SendResult()
    seen: set[int] = set()
    mail = get_connection()  # opened at the first e-mail: an idle sweep costs no handshake
    opened = False
    try:
        while True:
            at = now or timezone.now()
            due = OutboxMessage.objects.due(now=at, stale_before=at - STALE_CLAIM)
            if pks is not None:
                due = due.filter(pk__in=list(pks))
            batch = list(due.exclude(pk__in=seen).order_by("pk").only("pk", "to", "digest")[:BATCH])
            if not batch:
                return result
            for row in batch:
                if row.pk in seen:
                    continue
                claimed = _claim(row, at)
                seen.add(row.pk)
                seen.update(message.pk for message in claimed)
                if not claimed:
                    result.taken += 1
                    continue
                if not opened:
                    _open(mail)
                    opened = True
                _deliver(claimed, mail=mail, result=result, now=at)
    finally:
        _close(mail)


def _claim(row: OutboxMessage, at: datetime) -> list[OutboxMessage]:
    """Claims ``row``'s e-mail: the row, or every waiting item of its digest to its address."""
    claimable = OutboxMessage.objects.claimable(now=at, stale_before=at - STALE_CLAIM)
    if row.digest:
        group = claimable.filter(to=row.to, digest=row.digest)
    else:
        group = claimable.filter(pk=row.pk)
    claimed_at = timezone.now()
    with transaction.atomic():
        pks = update_returning_pks(
            group, state=State.SENDING, claimed_at=claimed_at, attempts=F("attempts") + 1
        )
    return list(OutboxMessage.objects.filter(pk__in=pks).order_by("pk"))


def _deliver(rows: list[OutboxMessage], *, mail, result: SendResult, now: datetime) -> None:
    lead = rows[0]
    if not any(row.essential for row in rows):
        until = _budget_frees_at(lead.to, now)
        if until is not None:
            _release(rows, send_after=until)
            result.held += 1
            return
    try:
        _email(rows, mail).send()
    except Exception as error:
        logger.warning("Outbox message %s to %s failed: %s", lead.pk, lead.to, error)
        _failed(rows, f"{type(error).__name__}: {error}"[:2000], now=now)
        _open(mail)  # a failed send may leave the connection unusable: open it anew
        result.failed += 1
        return
    _sent(rows)
    result.sent += 1


def _budget_frees_at(to: str, now: datetime) -> datetime | None:
    """None when ``to`` may get a non-essential e-mail now; else when it may again."""
    budget = hourly_budget()
    recent = list(
        OutboxMessage.objects.filter(
            to=to,
            essential=False,
            state=State.SENT,
            sent_with__isnull=True,
            sent_at__gt=now - BUDGET_WINDOW,
        )
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)[:budget]
    )
    if len(recent) < budget:
        return None
    return recent[-1] + BUDGET_WINDOW


def _email(rows: list[OutboxMessage], mail) -> EmailMultiAlternatives:
    lead = rows[0]
    headers = {}
    if len(rows) == 1:
        subject, text, html = lead.subject, lead.text, lead.html
        headers.update(lead.headers or {})
    else:
        subject, text, html = _digest(rows)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[lead.to],
        connection=mail,
        headers={**headers, "Message-ID": message_id(lead)},
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def message_id(row: OutboxMessage) -> str:
    """The same for every attempt at one e-mail: a duplicate can be recognised."""
    host = urlsplit(settings.SITE_URL).hostname or "vsi-portal"
    return f"<outbox.{row.pk}.{int(row.created_at.timestamp())}@{host}>"


def _digest(rows: list[OutboxMessage]) -> tuple[str, str, str]:
    """One e-mail for the items of a digest, in the language of the latest."""
    latest = rows[-1]
    with translation.override(latest.language or settings.LANGUAGE_CODE):
        context = {
            "title": latest.digest_title or latest.subject,
            "items": rows,
            "count": len(rows),
            "site_url": settings.SITE_URL,
        }
        subject = one_line(render_to_string("outbox/emails/digest_subject.txt", context))
        text = tidy_text(render_to_string("outbox/emails/digest.txt", context))
        html = render_to_string("outbox/emails/digest.html", context)
    return subject, text, html


def _mine(rows: list[OutboxMessage], claimed_at: datetime | None = None):
    """The rows still in this worker's claim (not taken back as stale by another)."""
    return OutboxMessage.objects.filter(
        pk__in=[row.pk for row in rows],
        state=State.SENDING,
        claimed_at=claimed_at or rows[0].claimed_at,
    )


def _sent(rows: list[OutboxMessage]) -> None:
    """Recorded at once: the lead carries the e-mail, the other items were sent with it."""
    lead, sent_at = rows[0], timezone.now()
    with transaction.atomic():
        _mine([lead]).update(state=State.SENT, sent_at=sent_at, last_error="")
        _mine(rows[1:], lead.claimed_at).update(
            state=State.SENT, sent_at=sent_at, sent_with=lead, last_error=""
        )


def backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _failed(rows: list[OutboxMessage], error: str, *, now: datetime) -> None:
    attempts = max(row.attempts for row in rows)
    if attempts >= MAX_ATTEMPTS:
        _mine(rows).update(state=State.FAILED, last_error=error)
    else:
        _mine(rows).update(
            state=State.PENDING, send_after=now + backoff(attempts), last_error=error
        )


def _release(rows: list[OutboxMessage], *, send_after: datetime) -> None:
    """Back to waiting, the attempt not counted (nothing was tried)."""
    _mine(rows).update(state=State.PENDING, send_after=send_after, attempts=F("attempts") - 1)


def _open(mail) -> None:
    """One connection for a sweep (one SMTP handshake); when the server does not answer,
    each send tries on its own and records its error."""
    try:
        mail.close()
        mail.open()
    except Exception:
        logger.warning("Opening the mail connection failed", exc_info=True)


def _close(mail) -> None:
    try:
        mail.close()
    except Exception:  # closing a broken connection: nothing left to send on it
        logger.warning("Closing the mail connection failed", exc_info=True)


@transaction.atomic
def outbox_requeue(*, messages) -> int:
    """Sends again (admin): back to waiting now, attempts from zero; never one being sent."""
    return (
        OutboxMessage.objects.filter(pk__in=[message.pk for message in messages])
        .exclude(state=State.SENDING)
        .update(state=State.PENDING, attempts=0, send_after=timezone.now(), last_error="")
    )


def outbox_purge(*, now: datetime | None = None) -> int:
    """Deletes the messages sent or given up more than OUTBOX_KEEP_DAYS ago."""
    now = now or timezone.now()
    before = now - timedelta(days=int(getattr(settings, "OUTBOX_KEEP_DAYS", 30)))
    deleted, _by_model = OutboxMessage.objects.filter(
        state__in=[State.SENT, State.FAILED], created_at__lt=before
    ).delete()
    return deleted
