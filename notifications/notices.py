"""The one home for an in-app notification caused by a move (not by a reminder).

An application that is shortlisted, accepted, refused or withdrawn, a contract offered:
the service of the move calls `notification_create` in its own transaction, so the
notification exists exactly when the move does. The caller renders the words in the
recipient's language (``translation.override``); this module only writes.

*Choice*: these notifications are essential. They tell the person the answer to their own
application or the move of a candidate they are reviewing; they are not reminder kinds
(`notifications/reminders.py`), so `NotificationPreference.muted_kinds` never names them
and the settings page does not list them. The e-mail of the same move keeps its own rules
(the outbox's hourly budget and digests).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Notification
from .reminders import KIND_MAX_LENGTH

TITLE_MAX_LENGTH = 200


@transaction.atomic
def notification_create(
    *, recipient, kind: str, title: str, body: str = "", link: str = ""
) -> Notification | None:
    """Writes one unread notification for ``recipient``; none for an inactive account.

    ``link``: a path on this site (the notifications page redirects only to paths).
    """
    if recipient is None or not recipient.is_active:
        return None
    if not kind or len(kind) > KIND_MAX_LENGTH:
        raise ValueError(f"a notification's kind has 1 to {KIND_MAX_LENGTH} characters")
    if link and not link.startswith("/"):
        raise ValueError("a notification's link is a path on this site")
    return Notification.objects.create(
        recipient=recipient,
        kind=kind,
        title=str(title)[:TITLE_MAX_LENGTH],
        body=str(body),
        link=link,
    )


@transaction.atomic
def notifications_mark_read_for_link(*, user, kind: str, link: str, now=None) -> int:
    """Marks read the person's unread notifications of one kind about one page (e.g. the
    messages of a conversation, once they opened it); how many."""
    return Notification.objects.filter(
        recipient=user, kind=kind, link=link, read_at__isnull=True
    ).update(read_at=now or timezone.now())
