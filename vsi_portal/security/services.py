"""Every write of the security app: the audit trail, two-factor devices, data retention."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from axes.helpers import get_client_ip_address
from django.apps import apps
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .errors import TwoFactorError
from .models import AuditEvent

logger = logging.getLogger(__name__)

Action = AuditEvent.Action

# --- Audit trail -------------------------------------------------------------------------


def _ip_of(request) -> str | None:
    if request is None:
        return None
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    return address or None


def _actor_label(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return actor.email


def audit_record(
    *,
    actor,
    action: str,
    subject: models.Model | None = None,
    details: dict[str, Any] | None = None,
    request=None,
    subject_label: str = "",
) -> AuditEvent:
    """Writes one audit event. Inside the caller's transaction: a rolled-back action leaves
    no trace, as it did not happen.

    `actor` is the person acting (None or anonymous for the system, e.g. the retention
    job); `details` must be JSON-serialisable and hold no document content.
    """
    if action not in Action.values:
        raise ValueError(f"action: {action!r} is not an audit action")
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_person else None,
        actor_label=_actor_label(actor),
        action=action,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        subject_label=(subject_label or (str(subject) if subject is not None else ""))[:255],
        details=details or {},
        ip_address=_ip_of(request),
    )


# --- Two-factor authentication (TOTP) ------------------------------------------------------

DEVICE_NAME = "Authenticator app"


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """The device being set up: an unconfirmed one with a fresh secret, kept while the person
    scans it (reloading the page shows the same secret). Refused when one is confirmed."""
    if user.is_authenticated is False:
        raise TwoFactorError(_("Log in first."))
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise TwoFactorError(_("Two-factor authentication is already on."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user, token: str, request=None) -> TOTPDevice:
    """Turns two-factor authentication on once the person typed a code from their app."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("-pk")
        .first()
    )
    if device is None:
        raise TwoFactorError(_("Start the set-up again: no authenticator is waiting for a code."))
    if not device.verify_token(_clean_token(token)):
        raise TwoFactorError(
            _("This code is not right. Check the time of your phone and type the current code.")
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    audit_record(actor=user, action=Action.TWO_FACTOR_ENABLED, subject=user, request=request)
    return device


def _clean_token(token: str) -> str:
    return "".join(str(token or "").split())[:12]


def totp_device_check(*, user, token: str) -> TOTPDevice:
    """The person's confirmed device when `token` is its current code (throttled by
    django-otp after repeated failures); raises TwoFactorError otherwise."""
    device = confirmed_totp_device(user)
    if device is None:
        raise TwoFactorError(_("Two-factor authentication is not set up for this account."))
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise TwoFactorError(_("Too many wrong codes. Wait a minute, then try again."))
    if not device.verify_token(_clean_token(token)):
        raise TwoFactorError(_("This code is not right. Type the current code from your app."))
    return device


@transaction.atomic
def totp_device_remove(*, user, token: str, request=None) -> None:
    """Turns two-factor authentication off, on a current code. France Volontaires staff keep
    it: the administration requires it."""
    if user.is_staff:
        raise TwoFactorError(
            _("France Volontaires staff must keep two-factor authentication: it guards the admin.")
        )
    totp_device_check(user=user, token=token)
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=user, action=Action.TWO_FACTOR_DISABLED, subject=user, request=request)


# --- Retention ---------------------------------------------------------------------------


@dataclass
class RetentionReport:
    """What a retention run removed (or, dry, would remove)."""

    dry_run: bool = False
    unverified_accounts_deleted: list[str] = field(default_factory=list)
    criminal_record_files_deleted: list[str] = field(default_factory=list)
    inactive_accounts_anonymised: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            len(self.unverified_accounts_deleted)
            + len(self.criminal_record_files_deleted)
            + len(self.inactive_accounts_anonymised)
        )


def _user_model():
    return apps.get_model(settings.AUTH_USER_MODEL)


def unverified_accounts_due(*, now: datetime) -> models.QuerySet:
    """Sign-ups whose address was never verified, never signed in, older than the limit.

    Only accounts that went through sign-up (they hold an unverified address) and have no
    verified one; never staff, never association members.
    """
    User = _user_model()
    limit = now - timedelta(days=settings.RETENTION_UNVERIFIED_DAYS)
    unverified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=False)
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    return (
        User.objects.filter(Exists(unverified), date_joined__lt=limit, last_login__isnull=True)
        .exclude(Exists(verified))
        .filter(is_staff=False, is_superuser=False, memberships__isnull=True)
        .order_by("pk")
    )


def inactive_accounts_due(*, now: datetime) -> models.QuerySet:
    """Active volunteer accounts nobody signed in to for RETENTION_INACTIVE_YEARS years.

    Not staff, not on an association's staff, and without a contract planned or under way.
    """
    User = _user_model()
    years = settings.RETENTION_INACTIVE_YEARS
    limit = now - timedelta(days=round(365.25 * years))
    Contract = apps.get_model("missions", "Contract")
    running = Contract.objects.filter(
        volunteer__user=OuterRef("pk"), status__in=["planned", "active"]
    )
    return (
        User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .filter(Q(last_login__lt=limit) | Q(last_login__isnull=True, date_joined__lt=limit))
        .filter(memberships__isnull=True)
        .exclude(Exists(running))
        .order_by("pk")
    )


def _checked_criminal_record_files() -> list[tuple[int, str]]:
    Document = apps.get_model("volunteers", "Document")
    return list(
        Document.objects.filter(kind="criminal_record", checked_at__isnull=False)
        .exclude(file="")
        .order_by("pk")
        .values_list("pk", "file")
    )


CRIMINAL_RECORD_FOLDER = "documents/criminal_record"
ORPHAN_GRACE = timedelta(days=1)


def _orphan_criminal_record_files(*, now: datetime) -> list[str]:
    """Files in the criminal record folder that no document points to, older than a
    day (an upload writes its file a moment before its row commits)."""
    Document = apps.get_model("volunteers", "Document")
    try:
        _dirs, files = default_storage.listdir(CRIMINAL_RECORD_FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return []
    # Files a row still names are the other steps' business (checked ones are purged there).
    kept = set(Document.objects.exclude(file="").values_list("file", flat=True))
    orphans = []
    for name in sorted(files):
        path = f"{CRIMINAL_RECORD_FOLDER}/{name}"
        if path in kept:
            continue
        try:
            modified = default_storage.get_modified_time(path)
        except (FileNotFoundError, NotImplementedError, SuspiciousFileOperation):
            continue
        if modified < now - ORPHAN_GRACE:
            orphans.append(path)
    return orphans


def _delete_unverified(user, report: RetentionReport) -> None:
    label = user.email
    try:
        with transaction.atomic():
            audit_record(
                actor=None,
                action=Action.ACCOUNT_DELETED,
                subject=user,
                subject_label=f"#{user.pk}",
                details={"reason": "unverified", "days": settings.RETENTION_UNVERIFIED_DAYS},
            )
            user.delete()
    except (ProtectedError, RestrictedError):
        report.skipped.append(f"{label}: records point to it")
        return
    report.unverified_accounts_deleted.append(label)


def _purge_checked_file(document_pk: int, name: str, report: RetentionReport) -> None:
    Document = apps.get_model("volunteers", "Document")
    with transaction.atomic():
        updated = (
            Document.objects.filter(pk=document_pk, checked_at__isnull=False)
            .exclude(file="")
            .update(file="")
        )
        if updated:
            audit_record(
                actor=None,
                action=Action.RETENTION_APPLIED,
                subject_label=f"volunteers.document #{document_pk}",
                details={"removed": "checked criminal record file", "document": document_pk},
            )
            transaction.on_commit(lambda: default_storage.delete(name))
    if updated:
        report.criminal_record_files_deleted.append(name)


def _anonymise_inactive(user, report: RetentionReport, *, now: datetime) -> None:
    from privacy.errors import PrivacyError
    from privacy.services import account_delete

    label = user.email
    try:
        with transaction.atomic():
            account_delete(user=user)
            audit_record(
                actor=None,
                action=Action.ACCOUNT_DELETED,
                subject=user,
                subject_label=f"#{user.pk}",
                details={
                    "reason": "inactive",
                    "years": settings.RETENTION_INACTIVE_YEARS,
                    "last_login": user.last_login.isoformat() if user.last_login else None,
                },
            )
    except (PrivacyError, ProtectedError, RestrictedError) as error:
        report.skipped.append(f"{label}: {error}")
        return
    report.inactive_accounts_anonymised.append(label)


def retention_apply(*, now: datetime | None = None, dry_run: bool = False) -> RetentionReport:
    """Removes what the privacy page says is not kept. Safe to run at any time, repeatedly.

    1. accounts whose address was never verified, after RETENTION_UNVERIFIED_DAYS (30) days;
    2. criminal record files once staff recorded the check (the service deletes them on
       commit; this catches any left behind) and orphaned files in their folder;
    3. volunteer accounts unused for RETENTION_INACTIVE_YEARS years, anonymised through
       `volunteers.services.account_delete` (applications and contracts stay, anonymised).

    Each removal runs in its own transaction, so one failure does not undo the others.
    """
    now = now or timezone.now()
    report = RetentionReport(dry_run=dry_run)
    unverified = list(unverified_accounts_due(now=now))
    checked = _checked_criminal_record_files()
    orphans = _orphan_criminal_record_files(now=now)
    inactive = list(inactive_accounts_due(now=now).exclude(pk__in=[u.pk for u in unverified]))
    if dry_run:
        report.unverified_accounts_deleted = [u.email for u in unverified]
        report.criminal_record_files_deleted = [name for _pk, name in checked] + orphans
        report.inactive_accounts_anonymised = [u.email for u in inactive]
        return report
    for user in unverified:
        _delete_unverified(user, report)
    for document_pk, name in checked:
        _purge_checked_file(document_pk, name, report)
    for name in orphans:
        default_storage.delete(name)
        audit_record(
            actor=None,
            action=Action.RETENTION_APPLIED,
            subject_label=name[:255],
            details={"removed": "orphaned criminal record file"},
        )
        report.criminal_record_files_deleted.append(name)
    for user in inactive:
        _anonymise_inactive(user, report, now=now)
    if report.total:
        logger.info(
            "retention: %s unverified accounts deleted, %s criminal record files deleted, "
            "%s inactive accounts anonymised",
            len(report.unverified_accounts_deleted),
            len(report.criminal_record_files_deleted),
            len(report.inactive_accounts_anonymised),
        )
    return report
