"""The news of a new message, for each person on the other side of the conversation.

Written with the message (`services/conversations.message_post`, in its transaction), in
each recipient's language:

- an in-app notification at once (kind ``application_message``), titled with who wrote
  (the volunteer's name for the staff, the association's for the volunteer) and the
  mission, with the start of the message and a link to the conversation; opening the
  conversation marks it read, so the header's badge counts each unread message once;
- an e-mail with the message and the link, as an item of the digest
  ``conversation-<application>``: the outbox holds the items of one digest to one address
  until the end of the hour, so at most one e-mail per conversation and hour reaches an
  address, whatever the number of messages (`vsi_portal/outbox/services.py`).

The other side: the volunteer, or the association's staff with an active account (admins
and editors, `emails.staff_recipients`). Never the author.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from notifications.notices import notification_create
from vsi_portal.outbox.services import Email, render_email

from .emails import staff_recipients
from .models import Application, ApplicationMessage
from .models.conversations import Side

MESSAGE_KIND = "application_message"
EXCERPT_LENGTH = 200
SUBJECT_EXCERPT_LENGTH = 60


def conversation_link(application: Application, side: str) -> str:
    """The path of the conversation for one side: the application's page, at its
    conversation."""
    if side == Side.VOLUNTEER:
        path = reverse("missions:my_application", kwargs={"pk": application.pk})
    else:
        path = reverse("missions:application_detail", kwargs={"pk": application.pk})
    return f"{path}#conversation"


def digest_name(application: Application) -> str:
    return f"conversation-{application.pk}"


def _language(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def _recipients(message: ApplicationMessage) -> tuple[list, str]:
    """The people on the other side of the author, and their side."""
    application = message.application
    if message.side == Side.VOLUNTEER:
        recipients = staff_recipients(application.mission.association)
        side = Side.ASSOCIATION
    else:
        volunteer = application.volunteer
        recipients = [volunteer.user] if volunteer and volunteer.user.is_active else []
        side = Side.VOLUNTEER
    return [user for user in recipients if user.pk != message.author_id], side


def writer_name(message: ApplicationMessage) -> str:
    """Who wrote, as the other side reads it: the volunteer's name, or the association."""
    application = message.application
    if message.side == Side.VOLUNTEER:
        volunteer = application.volunteer
        if volunteer is None:
            return str(_("A volunteer who deleted their account"))
        return volunteer.user.full_name or volunteer.user.email
    return application.mission.association.name


def _excerpt(text: str, length: int) -> str:
    return Truncator(" ".join(text.split())).chars(length)


def message_news(message: ApplicationMessage) -> list[Email]:
    """Notifies each person on the other side in-app; returns their e-mails (digest items)."""
    recipients, side = _recipients(message)
    application = message.application
    path = conversation_link(application, side)
    url = settings.SITE_URL + path
    emails = []
    for user in recipients:
        language = _language(user)
        with translation.override(language):
            values = {"writer": writer_name(message), "mission": application.mission.title}
            notification_create(
                recipient=user,
                kind=MESSAGE_KIND,
                title=_("New message from %(writer)s: %(mission)s") % values,
                body=_excerpt(message.body, EXCERPT_LENGTH),
                link=path,
            )
            context = {
                "user": user,
                "message": message,
                "writer": values["writer"],
                "mission": application.mission,
                "excerpt": _excerpt(message.body, SUBJECT_EXCERPT_LENGTH),
                "url": url,
            }
            subject, text, html = render_email("missions/emails/conversation_message", context)
            digest_title = _("New messages from %(writer)s: %(mission)s") % values
        emails.append(
            Email(
                to=user.email,
                subject=subject,
                text=text,
                html=html,
                language=language,
                kind="missions.conversation_message",
                digest=digest_name(application),
                digest_title=str(digest_title),
                link=url,
            )
        )
    return emails
