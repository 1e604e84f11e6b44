"""The conversation of an application: posting a message, reading, reporting.

Who takes part: the application's volunteer and the staff (any role) of the mission's
association; nobody else (``conversation_side``). Both sides write while the application
is open (submitted, shortlisted, accepted) and, once a contract exists, until it has
ended (completed, ended early, declined): ``models.conversations.conversation_open``.
Afterwards the conversation stays readable.

Each message notifies the other side in-app at once and by e-mail, grouped at most once
an hour per conversation (`missions/conversation_notices.py`). One person posts at most
``settings.CONVERSATION_MESSAGES_PER_HOUR`` messages an hour, counted under a lock on
their account row so that two requests arriving together are counted in turn.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.timesince import timeuntil
from django.utils.translation import gettext_lazy as _

from associations.services.associations import lock_person
from notifications.notices import notifications_mark_read_for_link
from vsi_portal.outbox.services import outbox_write

from .. import conversation_notices
from ..errors import ApplicationError
from ..models import Application, ApplicationMessage, ConversationRead, MessageReport
from ..models.conversations import (
    MESSAGE_MAX_LENGTH,
    REPORT_REASON_MAX_LENGTH,
    conversation_open,
    message_length,
    normalise_text,
)
from ..selectors.conversations import conversation_closed_reason, conversation_side

RATE_WINDOW = timedelta(hours=1)


def messages_per_hour() -> int:
    return int(getattr(settings, "CONVERSATION_MESSAGES_PER_HOUR", 30))


def message_body_problem(body: str) -> str | None:
    """Why the text cannot be sent (empty, too long), in words, or None."""
    length = message_length(body)
    if not length:
        return str(_("Write your message before sending it."))
    if length > MESSAGE_MAX_LENGTH:
        return str(
            _(
                "A message has at most %(max)s characters; this one has %(length)s. Shorten "
                "it, or send it in two parts."
            )
            % {
                "max": number_format(MESSAGE_MAX_LENGTH, force_grouping=True),
                "length": number_format(length, force_grouping=True),
            }
        )
    return None


def _require_side(application: Application, by) -> str:
    side = conversation_side(application, by)
    if side is None:
        raise ApplicationError(
            _("Only the volunteer and the association's staff take part in this conversation.")
        )
    return side


def _require_rate(by, now: datetime) -> None:
    limit = messages_per_hour()
    recent = list(
        ApplicationMessage.objects.filter(author=by, created_at__gt=now - RATE_WINDOW)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) >= limit:
        raise ApplicationError(
            _(
                "You sent %(count)s messages within the last hour, the most there can be. "
                "You can send the next one in %(wait)s."
            )
            % {"count": limit, "wait": timeuntil(recent[-1] + RATE_WINDOW, now)}
        )


@transaction.atomic
def message_post(
    *, application: Application, body: str, by, now: datetime | None = None
) -> ApplicationMessage:
    """``by`` writes to the other side of the application's conversation; they are told at
    once in-app and within the hour by e-mail."""
    now = now or timezone.now()
    application = (
        Application.objects.select_related("mission__association", "volunteer__user", "contract")
        .filter(pk=application.pk)
        .first()
    )
    if application is None:
        raise ApplicationError(_("No application at this address."))
    side = _require_side(application, by)
    if not conversation_open(application):
        raise ApplicationError(conversation_closed_reason(application))
    problem = message_body_problem(body)
    if problem:
        raise ApplicationError(problem)
    lock_person(by)
    _require_rate(by, now)
    message = ApplicationMessage.objects.create(
        application=application, author=by, side=side, body=normalise_text(body), created_at=now
    )
    # The author has read the conversation up to their own message.
    _mark_read(application, by, now)
    outbox_write(emails=conversation_notices.message_news(message), now=now)
    return message


def _mark_read(application: Application, user, now: datetime) -> None:
    ConversationRead.objects.bulk_create(
        [ConversationRead(application=application, user=user, read_at=now)],
        update_conflicts=True,
        unique_fields=["application", "user"],
        update_fields=["read_at"],
    )


@transaction.atomic
def conversation_mark_read(*, application: Application, by, now: datetime | None = None) -> None:
    """``by`` has read the conversation: its messages so far leave their unread counts, and
    their notifications of it are marked read (the header's badge)."""
    now = now or timezone.now()
    side = _require_side(application, by)
    _mark_read(application, by, now)
    notifications_mark_read_for_link(
        user=by,
        kind=conversation_notices.MESSAGE_KIND,
        link=conversation_notices.conversation_link(application, side),
        now=now,
    )


@transaction.atomic
def message_report(*, message: ApplicationMessage, reason: str, by) -> MessageReport:
    """A participant reports a message of the other side to France Volontaires, once."""
    side = _require_side(message.application, by)
    if message.side == side:
        raise ApplicationError(_("You can only report a message from the other side."))
    reason = normalise_text(reason)
    if not reason:
        raise ApplicationError(_("Say why you report this message."))
    if len(reason) > REPORT_REASON_MAX_LENGTH:
        raise ApplicationError(
            _("Say it in at most %(max)s characters.") % {"max": REPORT_REASON_MAX_LENGTH}
        )
    already = _("You already reported this message; France Volontaires will look into it.")
    if MessageReport.objects.filter(message=message, reported_by=by).exists():
        raise ApplicationError(already)
    try:
        with transaction.atomic():
            return MessageReport.objects.create(message=message, reported_by=by, reason=reason)
    except IntegrityError:  # the same report sent twice at the same moment
        raise ApplicationError(already) from None


@transaction.atomic
def message_reports_handle(*, reports, by, now: datetime | None = None) -> int:
    """France Volontaires mark reports handled (the admin's action); how many changed."""
    now = now or timezone.now()
    return (
        MessageReport.objects.filter(pk__in=[report.pk for report in reports])
        .waiting()
        .update(handled_at=now, handled_by=by)
    )
