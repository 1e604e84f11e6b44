"""The audit trail: one row per sensitive action, kept for France Volontaires' review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def about(self, subject: models.Model) -> AuditEventQuerySet:
        return self.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))


class AuditEvent(models.Model):
    """Who did what to which record, when and from where. Written by `audit_record` only.

    The subject is named by its model label and primary key (and a label naming nobody:
    "volunteers.document #12"; an association keeps its name), so an event outlives the
    record it is about and never holds a person's name or e-mail.
    """

    class Action(models.TextChoices):
        ASSOCIATION_DECISION = "association_decision", _("Association decision")
        CONTRACT_CHANGE = "contract_change", _("Contract change")
        CRIMINAL_RECORD_VIEWED = "criminal_record_viewed", _("Criminal record extract viewed")
        CRIMINAL_RECORD_CHECKED = "criminal_record_checked", _("Criminal record extract checked")
        DOCUMENT_DOWNLOADED = "document_downloaded", _("Document downloaded")
        DATA_EXPORTED = "data_exported", _("Personal data exported")
        ACCOUNT_DELETED = "account_deleted", _("Account deleted or anonymised")
        LOGIN_LOCKED_OUT = "login_locked_out", _("Login locked out")
        TWO_FACTOR_ENABLED = "two_factor_enabled", _("Two-factor authentication turned on")
        TWO_FACTOR_DISABLED = "two_factor_disabled", _("Two-factor authentication turned off")
        RETENTION_APPLIED = "retention_applied", _("Retention job removed data")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # How the row names the actor: "user #<id>", never a name or an e-mail
    # (services.person_label); it stays when the account is deleted.
    actor_label = models.CharField(_("actor at the time"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=Action)
    subject_type = models.CharField(_("subject type"), max_length=100, blank=True)
    subject_id = models.CharField(_("subject id"), max_length=64, blank=True)
    subject_label = models.CharField(_("subject"), max_length=255, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["action", "-at"], name="audit_action_at_idx"),
            models.Index(fields=["subject_type", "subject_id"], name="audit_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} – {self.subject_label or self.subject_type}"
