"""In-app notifications, reminders sent exactly once, and who muted what.

A `Reminder` row is the proof that one reminder of one kind, about one
subject, due on one day, went (or is going) to one person. Its unique
constraint is what makes "exactly once" hold under retried tasks, two workers
or a second beat: see notifications/services.py for the protocol.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .reminders import KIND_MAX_LENGTH, reminder_kind_choices


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user) -> NotificationQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message shown in the person's notifications page (and counted in the header)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=KIND_MAX_LENGTH)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(
        _("link"), max_length=500, blank=True, help_text=_("A path on this site, e.g. /me/.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_read"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ReminderQuerySet(models.QuerySet["Reminder"]):
    def of_kind(self, code: str) -> ReminderQuerySet:
        return self.filter(kind=code)

    def pending(self) -> ReminderQuerySet:
        return self.filter(state=Reminder.State.PENDING)


class Reminder(models.Model):
    """One reminder of one kind, about one subject, due on one day, for one person."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    # The registered kinds (notifications/reminders.py); a callable, so adding one needs no
    # migration.
    kind = models.CharField(_("kind"), max_length=KIND_MAX_LENGTH, choices=reminder_kind_choices)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.BigIntegerField(_("subject id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    due_on = models.DateField(_("due on"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-due_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "due_on", "recipient"],
                name="reminder_once_per_recipient",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_on"], name="reminder_state_due"),
            models.Index(fields=["kind", "state", "due_on"], name="reminder_kind_state_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.due_on} – {self.recipient_id}"


class NotificationPreference(models.Model):
    """The reminder kinds a person chose not to receive (never an essential one)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    muted_kinds = models.JSONField(_("muted kinds"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)
