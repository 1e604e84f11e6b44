"""The versions of a VSI contract: what each side was offered and signed.

Version 1 is the contract as first offered; each amendment is a later version. A version
is drafted by the association's staff, offered to the volunteer, signed by the volunteer
(or declined), then signed by the association; once signed it is never edited (a change
is a new version both sign again), and every version stays readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vsi_portal.db import FieldCheckConstraint

from .applications import Application
from .contracts import Contract


class ContractVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OFFERED = "offered", _("Waiting for the volunteer's signature")
        VOLUNTEER_SIGNED = "volunteer_signed", _("Waiting for the association's signature")
        SIGNED = "signed", _("Signed by both sides")
        DECLINED = "declined", _("Declined by the volunteer")
        WITHDRAWN = "withdrawn", _("Withdrawn by the association")

    # The volunteer's reasons for declining an offer: those of withdrawing an application
    # (declining the contract withdraws the application).
    DeclineReason = Application.WithdrawalReason
    # Versions still on their way to both signatures: one at a time per contract.
    PENDING_STATUSES = (Status.DRAFT, Status.OFFERED, Status.VOLUNTEER_SIGNED)

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    start_on = models.DateField(_("start"))
    end_on = models.DateField(_("planned end"))
    allowance_eur = models.PositiveIntegerField(_("monthly allowance (euros)"))
    # What an amendment changes and why, in the staff's words (empty for version 1).
    changes = models.TextField(_("what this version changes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True)
    # Each signature: the account, the full name the signer typed, and when. Where from is
    # in the audit trail (its IP address), which names nobody.
    volunteer_signed_at = models.DateTimeField(
        _("signed by the volunteer at"), null=True, blank=True
    )
    volunteer_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer's account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    volunteer_signature = models.CharField(
        _("name typed by the volunteer"), max_length=150, blank=True
    )
    association_signed_at = models.DateTimeField(
        _("signed by the association at"), null=True, blank=True
    )
    association_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signatory's account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    association_signature = models.CharField(
        _("name typed by the association's signatory"), max_length=150, blank=True
    )
    association_signatory_role = models.CharField(_("signatory's role"), max_length=150, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    decline_reason = models.CharField(
        _("reason for declining"), max_length=20, choices=DeclineReason, blank=True
    )
    decline_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "number"], name="contract_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["contract"],
                condition=models.Q(status__in=["draft", "offered", "volunteer_signed"]),
                name="contract_one_pending_version",
            ),
            FieldCheckConstraint(
                field="end_on",
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="contract_version_end_after_start",
                violation_error_message=_("The contract cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} (v{self.number})"

    @property
    def is_amendment(self) -> bool:
        return self.number > 1

    @property
    def is_pending(self) -> bool:
        return self.status in self.PENDING_STATUSES
