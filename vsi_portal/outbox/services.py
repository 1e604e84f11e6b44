"""Writing to the outbox: every e-mail of the portal goes through ``outbox_write``.

The rows are written in the caller's transaction, so an e-mail exists if and only if the
change that causes it was committed. Once it commits, the sending is queued (a Celery task,
or in-process without a broker); a broker that does not answer is logged and never reaches
the person: the periodic sweep (``outbox.send_due``, every minute) sends what waits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from vsi_portal.accounts.addresses import normalise_email
from vsi_portal.formats import one_line, tidy_text

from .models import OutboxMessage
from .tasks import queue_sending

DIGEST_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Email:
    """One e-mail to write, already rendered in its recipient's language.

    ``digest``: a name (e.g. "applications"); the e-mails of one digest to one address are
    held until the end of the hour they were written in and go out as one e-mail, headed
    ``digest_title``, listing each one's subject and ``link``. ``essential``: never held
    back by the hourly budget (password reset, verification, contracts, decisions).
    ``headers``: extra headers of the e-mail (e.g. ``List-Unsubscribe``); a digest's items
    go out in one e-mail without theirs.
    """

    to: str
    subject: str
    text: str
    language: str
    kind: str
    html: str = ""
    essential: bool = False
    digest: str = ""
    digest_title: str = ""
    link: str = ""
    headers: dict[str, str] = field(default_factory=dict)


def render_email(template: str, context: dict) -> tuple[str, str, str]:
    """The subject (one line), text and HTML of ``<template>_subject.txt``, ``.txt``, ``.html``,
    in the active language."""
    subject = one_line(render_to_string(f"{template}_subject.txt", context))
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    return subject, text, html


def digest_slot(at: datetime) -> datetime:
    """When a digest item written ``at`` goes out: the end of its hour (at most one digest
    an hour to each address)."""
    return at.replace(minute=0, second=0, microsecond=0) + DIGEST_WINDOW


@transaction.atomic
def outbox_write(*, emails, now: datetime | None = None) -> list[OutboxMessage]:
    """Writes ``emails`` in the current transaction; their sending is queued once it commits."""
    now = now or timezone.now()
    rows = [
        OutboxMessage(
            kind=email.kind,
            to=normalise_email(email.to),
            language=email.language,
            subject=email.subject[:300],
            text=tidy_text(email.text),
            html=email.html,
            link=email.link[:500],
            digest=email.digest,
            digest_title=email.digest_title[:200],
            headers=dict(email.headers),
            essential=email.essential,
            send_after=digest_slot(now) if email.digest else now,
            created_at=now,
        )
        for email in emails
        if email.to
    ]
    OutboxMessage.objects.bulk_create(rows)
    now_due = [row.pk for row in rows if not row.digest]
    if now_due:
        # robust: whatever happens to the queueing, the change stays committed.
        transaction.on_commit(partial(queue_sending, now_due), robust=True)
    return rows
