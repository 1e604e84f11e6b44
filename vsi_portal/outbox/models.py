"""The outbox: one row per e-mail, written in the transaction of the change that causes it.

The row holds the whole message, rendered in the recipient's language when it is written
(an invitation's link carries a token stored nowhere else), and its sending: a worker
claims it with a conditional UPDATE, sends it, and records it as sent (see services.py).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessageQuerySet(models.QuerySet["OutboxMessage"]):
    def pending(self) -> OutboxMessageQuerySet:
        return self.filter(state=OutboxMessage.State.PENDING)

    def claimable(self, *, now, stale_before) -> OutboxMessageQuerySet:
        """Waiting to be sent, or claimed by a worker that has not recorded it since
        ``stale_before`` (it died, most likely before sending)."""
        return self.filter(
            Q(state=OutboxMessage.State.PENDING)
            | Q(state=OutboxMessage.State.SENDING, claimed_at__lt=stale_before)
        )

    def due(self, *, now, stale_before) -> OutboxMessageQuerySet:
        return self.claimable(now=now, stale_before=stale_before).filter(send_after__lte=now)


class OutboxMessage(models.Model):
    """One e-mail to one address (or one item of a digest: see ``digest``)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=64)
    to = models.EmailField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    link = models.CharField(
        _("link"), max_length=500, blank=True, help_text=_("The page it is about (in digests).")
    )
    digest = models.CharField(
        _("digest"),
        max_length=40,
        blank=True,
        help_text=_("Messages of one digest to one address go out together, as one e-mail."),
    )
    digest_title = models.CharField(_("digest title"), max_length=200, blank=True)
    headers = models.JSONField(
        _("headers"),
        default=dict,
        blank=True,
        help_text=_("Extra e-mail headers, e.g. List-Unsubscribe (not on digests)."),
    )
    essential = models.BooleanField(
        _("essential"),
        default=False,
        help_text=_("Essential e-mails are never held back by the hourly budget."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    send_after = models.DateTimeField(_("send after"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_with = models.ForeignKey(
        "self",
        verbose_name=_("sent with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The message whose e-mail (a digest) carried this one."),
    )
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "send_after"], name="outbox_state_send_after"),
            models.Index(fields=["to", "digest", "state"], name="outbox_digest_group"),
            models.Index(fields=["to", "sent_at"], name="outbox_to_sent_at"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
