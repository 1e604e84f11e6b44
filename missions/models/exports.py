"""An export: a spreadsheet of missions, applications or contracts someone asked for.

The file is built by a task (``services/exports.py``), kept in the private storage like
volunteers' documents, downloaded only by the person who asked, and deleted with its row
when it expires (``Export.KEEP_HOURS`` after it is ready; a file never ready goes the same
time after it was asked for). An export whose build was never queued (the broker was down)
is queued again ``Export.REQUEUE_MINUTES`` after it was asked for; one whose worker died
while building is given up ``Export.GIVE_UP_MINUTES`` after its build started
(``exports_requeue_waiting``).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportQuerySet(models.QuerySet["Export"]):
    def of_requester(self, user) -> ExportQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(requested_by=user)

    def expired(self, *, now: datetime) -> ExportQuerySet:
        return self.filter(expires_at__lte=now)

    def pending_too_long(self, *, now: datetime) -> ExportQuerySet:
        """Still waiting for a worker ``REQUEUE_MINUTES`` after they were asked for (their
        build was not queued, or was lost), and not yet expired."""
        return self.filter(
            status=Export.Status.PENDING,
            requested_at__lte=now - timedelta(minutes=Export.REQUEUE_MINUTES),
            expires_at__gt=now,
        )

    def building_too_long(self, *, now: datetime) -> ExportQuerySet:
        """Still being built ``GIVE_UP_MINUTES`` after their build started: the worker died
        (a build started before ``building_since`` existed counts from the request)."""
        since = now - timedelta(minutes=Export.GIVE_UP_MINUTES)
        return self.filter(status=Export.Status.BUILDING).filter(
            models.Q(building_since__lte=since)
            | models.Q(building_since__isnull=True, requested_at__lte=since)
        )


def export_upload_to(instance: Export, filename: str) -> str:
    """A random name: nothing in a path says whose data the file holds."""
    extension = filename.rsplit(".", 1)[-1]
    return f"exports/{secrets.token_hex(16)}.{extension}"


class Export(models.Model):
    class Kind(models.TextChoices):
        MISSIONS = "missions", _("Missions")
        APPLICATIONS = "applications", _("Applications")
        CONTRACTS = "contracts", _("Contracts")

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        XLSX = "xlsx", _("Excel (XLSX)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        BUILDING = "building", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    # How long a file is kept once ready (the hourly job then deletes it, row and file).
    KEEP_HOURS = 24
    # A build waits for a worker seconds; one still pending after this was never queued
    # (the broker was down when it was asked for) and is queued again (twice builds once).
    REQUEUE_MINUTES = 5
    # A build of 100,000 rows takes about 15 s (docs/performance.md): one still building
    # after this lost its worker, and is marked failed (the person is told).
    GIVE_UP_MINUTES = 60
    # Applications and contracts name volunteers: their exports are audited.
    PERSONAL_KINDS = frozenset({Kind.APPLICATIONS, Kind.CONTRACTS})

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The key of the form that asked (a fresh one each time the page is shown): a double
    # click posts it twice and gets one export (``export_once_per_request``).
    request_key = models.UUIDField(_("request key"))
    kind = models.CharField(_("what"), max_length=20, choices=Kind)
    file_format = models.CharField(_("format"), max_length=10, choices=Format)
    # France Volontaires' exports cover every association; the others, the associations the
    # person is on the staff of when the file is built.
    every_association = models.BooleanField(_("every association"), default=False)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    # When a worker claimed it (pending -> building).
    building_since = models.DateTimeField(_("build started at"), null=True, blank=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("deleted after"), db_index=True)
    file = models.FileField(_("file"), upload_to=export_upload_to, blank=True, max_length=200)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)

    objects = ExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "request_key"], name="export_once_per_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.get_file_format_display()}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.BUILDING)

    @property
    def is_personal(self) -> bool:
        return self.kind in self.PERSONAL_KINDS
