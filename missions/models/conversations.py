"""The conversation of an application: messages between the volunteer and the association's
staff, who read them up to when, and the messages reported to France Volontaires.

A message keeps the side its author wrote for (``Side``), so that it still reads as "the
volunteer" or "the association" once its author's account is gone. Its text is counted
as a browser counts a textarea's (a line break is one character, ``message_length``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vsi_portal.forms import browser_length, normalise_line_breaks

from .applications import Application
from .contracts import Contract

MESSAGE_MAX_LENGTH = 5000
REPORT_REASON_MAX_LENGTH = 1000
# A contract in one of these states has ended (or never began): its conversation is over.
CLOSED_CONTRACT_STATUSES = (
    Contract.Status.COMPLETED,
    Contract.Status.ENDED_EARLY,
    Contract.Status.DECLINED,
)


class Side(models.TextChoices):
    VOLUNTEER = "volunteer", _("the volunteer")
    ASSOCIATION = "association", _("the association")


def normalise_text(text: str) -> str:
    """Line breaks as one ``\\n`` each (a form sends ``\\r\\n``), and no blank edges."""
    return normalise_line_breaks(text or "").strip()


def message_length(text: str) -> int:
    """The length a browser's textarea counts (``browser_length``), without blank edges."""
    return browser_length((text or "").strip())


def conversation_open(application: Application) -> bool:
    """Whether both sides may still write: the application is open (submitted,
    shortlisted, accepted) and its contract, if any, has not ended; the volunteer's
    account still exists."""
    if application.volunteer_id is None:
        return False
    contract = getattr(application, "contract", None)
    if contract is not None:
        return contract.status not in CLOSED_CONTRACT_STATUSES
    return application.status in Application.OPEN_STATUSES


class ApplicationMessage(models.Model):
    """One message of an application's conversation."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    side = models.CharField(_("side"), max_length=20, choices=Side)
    # Empty once the volunteer who wrote it erased their account.
    body = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["application", "side", "created_at"], name="message_unread_idx"),
            models.Index(fields=["author", "created_at"], name="message_author_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} – {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_erased(self) -> bool:
        return not self.body


class ConversationRead(models.Model):
    """Up to when one person read one conversation (the unread counts start after it)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    read_at = models.DateTimeField(_("read at"))

    class Meta:
        verbose_name = _("conversation read")
        verbose_name_plural = _("conversations read")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "user"], name="conversation_read_once_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} – {self.user_id}"


class MessageReportQuerySet(models.QuerySet["MessageReport"]):
    def waiting(self) -> MessageReportQuerySet:
        return self.filter(handled_at__isnull=True)


class MessageReport(models.Model):
    """A message a participant reported to France Volontaires, and whether they handled it."""

    message = models.ForeignKey(
        ApplicationMessage,
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MessageReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("reported message")
        verbose_name_plural = _("reported messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reported_by"], name="message_report_once_per_reporter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message} ({self.created_at:%Y-%m-%d})"

    @property
    def is_handled(self) -> bool:
        return self.handled_at is not None
