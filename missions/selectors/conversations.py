"""Reads of an application's conversation, for one of its participants: who takes part,
whether it is still open, its messages as the reader sees them, and unread counts.

A message is unread for a person when it comes from the other side and was sent after
they last opened the conversation (``ConversationRead``, one row per person). Counts are
per person, as the header's badge is (it counts their notifications of each message).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from associations.models import Membership

from ..models import Application, ApplicationMessage, ConversationRead, MessageReport
from ..models.conversations import Side, conversation_open


def conversation_side(application: Application, user) -> str | None:
    """The side ``user`` takes in the application's conversation, or None (not a
    participant): the volunteer who applied, or a member (any role) of the association's
    staff."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    volunteer = application.volunteer
    if volunteer is not None and volunteer.user_id == user.pk:
        return Side.VOLUNTEER
    if Membership.objects.filter(
        association_id=application.mission.association_id, user=user
    ).exists():
        return Side.ASSOCIATION
    return None


def conversation_closed_reason(application: Application) -> str:
    """Why nobody can write any more, in words ("" while the conversation is open)."""
    if conversation_open(application):
        return ""
    if application.volunteer_id is None:
        return str(_("The volunteer deleted their account: this conversation is closed."))
    contract = getattr(application, "contract", None)
    if contract is not None:
        return str(
            _(
                "The contract is over (%(status)s): the conversation is kept for the record "
                "and takes no new messages."
            )
            % {"status": contract.get_status_display().lower()}
        )
    return str(
        _(
            "This application is closed (%(status)s): the conversation is kept for the record "
            "and takes no new messages."
        )
        % {"status": application.get_status_display().lower()}
    )


@dataclass(frozen=True)
class MessageLine:
    """One message as the reader sees it."""

    message: ApplicationMessage
    author: str  # "You", the volunteer's name, the association's name, a colleague's name
    detail: str  # the staff member's name under the association's, or ""
    mine: bool
    from_other_side: bool
    reported: bool  # the reader reported it already

    @property
    def reportable(self) -> bool:
        return self.from_other_side and not self.reported and not self.message.is_erased


@dataclass(frozen=True)
class Conversation:
    application: Application
    side: str
    lines: list[MessageLine]
    open: bool
    closed_reason: str


def _author(message: ApplicationMessage, application: Application, *, side: str, user):
    """(label, detail) of a message's author for a reader on ``side``."""
    association = application.mission.association.name
    author = message.author
    if message.author_id is not None and message.author_id == user.pk:
        return str(_("You")), ""
    if message.side == Side.VOLUNTEER:
        volunteer = application.volunteer
        if volunteer is None or author is None:
            return str(_("The volunteer")), ""
        return volunteer.user.full_name or volunteer.user.email, ""
    name = (author.full_name or author.email) if author is not None else ""
    if side == Side.ASSOCIATION and name:
        return name, association
    return association, (author.full_name if author is not None else "")


def conversation_for(application: Application, user) -> Conversation | None:
    """The conversation as ``user`` reads it, oldest message first; None when they do not
    take part. Two queries: the messages with their authors, the reader's reports."""
    side = conversation_side(application, user)
    if side is None:
        return None
    messages = list(
        ApplicationMessage.objects.filter(application=application)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    reported = set(
        MessageReport.objects.filter(
            message__application=application, reported_by=user
        ).values_list("message_id", flat=True)
    )
    lines = []
    for message in messages:
        author, detail = _author(message, application, side=side, user=user)
        lines.append(
            MessageLine(
                message=message,
                author=author,
                detail=detail,
                mine=message.author_id is not None and message.author_id == user.pk,
                from_other_side=message.side != side,
                reported=message.pk in reported,
            )
        )
    return Conversation(
        application=application,
        side=side,
        lines=lines,
        open=conversation_open(application),
        closed_reason=conversation_closed_reason(application),
    )


def message_for_participant(user, pk: int) -> ApplicationMessage | None:
    """A message of a conversation ``user`` takes part in, else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    message = (
        ApplicationMessage.objects.filter(pk=pk)
        .filter(
            Q(application__volunteer__user=user)
            | Q(application__mission__association__memberships__user=user)
        )
        .select_related(
            "author", "application__mission__association", "application__volunteer__user"
        )
        .distinct()
        .first()
    )
    if message is None or conversation_side(message.application, user) is None:
        return None
    return message


def _unread(user, *, other_side: str):
    """The messages of ``other_side`` ``user`` has not read yet (any conversation)."""
    last_read = ConversationRead.objects.filter(
        application=OuterRef("application"), user=user
    ).values("read_at")[:1]
    return (
        ApplicationMessage.objects.filter(side=other_side)
        .annotate(last_read=Subquery(last_read))
        .filter(Q(last_read__isnull=True) | Q(created_at__gt=F("last_read")))
    )


def unread_counts(user, applications: Iterable[Application], *, side: str) -> dict[int, int]:
    """{application id: messages unread} for ``user`` reading as ``side`` (the volunteer on
    their applications, or staff on their association's), applications with none left out.
    One query whatever the number of applications."""
    ids = [application.pk for application in applications]
    if not ids or not getattr(user, "is_authenticated", False):
        return {}
    other = Side.ASSOCIATION if side == Side.VOLUNTEER else Side.VOLUNTEER
    rows = (
        _unread(user, other_side=other)
        .filter(application_id__in=ids)
        .order_by()
        .values_list("application_id")
        .annotate(total=Count("pk"))
    )
    return dict(rows)


def unread_counts_by_mission(user, mission_ids: Iterable[int]) -> dict[int, int]:
    """{mission id: volunteers' messages ``user`` (staff) has not read}, in one query."""
    ids = list(mission_ids)
    if not ids or not getattr(user, "is_authenticated", False):
        return {}
    rows = (
        _unread(user, other_side=Side.VOLUNTEER)
        .filter(application__mission_id__in=ids)
        .order_by()
        .values_list("application__mission_id")
        .annotate(total=Count("pk"))
    )
    return dict(rows)


def application_for_participant(user, pk: int) -> Application | None:
    """An application whose conversation ``user`` takes part in (its volunteer, or staff of
    the mission's association), with what its page and its conversation read; else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Application.objects.filter(pk=pk)
        .filter(Q(volunteer__user=user) | Q(mission__association__memberships__user=user))
        .select_related("mission__association", "volunteer__user", "contract")
        .distinct()
        .first()
    )
