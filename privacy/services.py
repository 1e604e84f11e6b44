"""Writes of privacy: erasing an account (the right to erasure) and the retention job."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone

from volunteers import personal_data as volunteers_data
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import (
    audit_events_purge,
    audit_forget_ip_addresses,
    audit_record,
    login_records_purge,
)

from .errors import AccountDeletionRefused, PrivacyError
from .registry import HOLDERS
from .selectors import (
    inactive_accounts_due,
    unchecked_criminal_records_due,
    unverified_accounts_due,
)

logger = logging.getLogger(__name__)

Action = AuditEvent.Action


# --- Erasure -----------------------------------------------------------------------------


@transaction.atomic
def account_delete(*, user) -> None:
    """Deletes a person's data and anonymises their account (the right to erasure).

    Each holder of `registry.HOLDERS`, in that order, may first refuse (a person on an
    association's staff is asked to leave it first, so that no association loses its last
    administrator by surprise); then each erases what it holds:

    - missions: applications still under review are withdrawn, applications and contracts
      stay for the associations but lose the person's words and every link to them;
    - volunteers: the documents (rows, and files once the transaction commits), the
      volunteer profile with prior missions and saved missions are deleted;
    - security: the audit trail's rows about the person name them by account number only
      (no name, e-mail or IP address of theirs), and their login records are deleted;
    - accounts: the e-mail addresses are deleted; the `User` row stays, with a unique
      undeliverable e-mail, the name "Deleted account", an unusable password and
      `is_active=False`, so that the records the associations must keep stay valid.
    """
    for holder in HOLDERS:
        if holder.erasure_refusal is not None:
            reason = holder.erasure_refusal(user)
            if reason:
                raise AccountDeletionRefused(reason)
    for holder in HOLDERS:
        if holder.erase is not None:
            holder.erase(user)


# --- Retention ---------------------------------------------------------------------------


@dataclass
class RetentionReport:
    """What a retention run removed (or, dry, would remove)."""

    dry_run: bool = False
    unverified_accounts_deleted: list[str] = field(default_factory=list)
    criminal_record_files_deleted: list[str] = field(default_factory=list)
    inactive_accounts_anonymised: list[str] = field(default_factory=list)
    # Counts: django-axes' login records deleted, audit events whose IP address was erased,
    # audit events deleted.
    login_records_deleted: int = 0
    audit_addresses_erased: int = 0
    audit_events_deleted: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            len(self.unverified_accounts_deleted)
            + len(self.criminal_record_files_deleted)
            + len(self.inactive_accounts_anonymised)
            + self.login_records_deleted
            + self.audit_addresses_erased
            + self.audit_events_deleted
        )


def _delete_unverified(user, report: RetentionReport) -> None:
    label = user.email
    try:
        with transaction.atomic():
            audit_record(
                actor=None,
                action=Action.ACCOUNT_DELETED,
                subject=user,
                details={"reason": "unverified", "days": settings.RETENTION_UNVERIFIED_DAYS},
            )
            user.delete()
    except (ProtectedError, RestrictedError):
        report.skipped.append(f"{label}: records point to it")
        return
    report.unverified_accounts_deleted.append(label)


def _purge_checked_file(document_pk: int, name: str, report: RetentionReport) -> None:
    with transaction.atomic():
        updated = volunteers_data.checked_criminal_record_file_forget(document_pk=document_pk)
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


def _delete_orphan_file(name: str, report: RetentionReport) -> None:
    default_storage.delete(name)
    audit_record(
        actor=None,
        action=Action.RETENTION_APPLIED,
        subject_label=name[:255],
        details={"removed": "orphaned criminal record file"},
    )
    report.criminal_record_files_deleted.append(name)


def _delete_unchecked_extract(document_pk: int, name: str, report: RetentionReport, now) -> None:
    """An extract no association can check any more: its file and row go (see
    `selectors.unchecked_criminal_records_due`, asked again inside the transaction)."""
    with transaction.atomic():
        document = (
            unchecked_criminal_records_due(now=now)
            .filter(pk=document_pk)
            .select_for_update()
            .first()
        )
        if document is None:
            return
        volunteers_data.criminal_record_delete(document=document)
        audit_record(
            actor=None,
            action=Action.RETENTION_APPLIED,
            subject_label=f"volunteers.document #{document_pk}",
            details={
                "removed": "unchecked criminal record extract",
                "days": settings.RETENTION_UNCHECKED_CRIMINAL_RECORD_DAYS,
            },
        )
    report.criminal_record_files_deleted.append(name)


def _purge_login_records(report: RetentionReport, now) -> None:
    """Login records after RETENTION_LOGIN_RECORDS_DAYS; the audit trail's IP addresses after
    the same time; audit events after RETENTION_AUDIT_YEARS."""
    login_limit = now - timedelta(days=settings.RETENTION_LOGIN_RECORDS_DAYS)
    audit_limit = now - timedelta(days=round(365.25 * settings.RETENTION_AUDIT_YEARS))
    with transaction.atomic():
        report.login_records_deleted = login_records_purge(before=login_limit)
        report.audit_addresses_erased = audit_forget_ip_addresses(before=login_limit)
        report.audit_events_deleted = audit_events_purge(before=audit_limit)


def _anonymise_inactive(user, report: RetentionReport) -> None:
    label = user.email
    try:
        with transaction.atomic():
            account_delete(user=user)
            audit_record(
                actor=None,
                action=Action.ACCOUNT_DELETED,
                subject=user,
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
    3. criminal record extracts nobody checked, sent more than
       RETENTION_UNCHECKED_CRIMINAL_RECORD_DAYS (90) days ago, while no planned contract
       of the volunteer waits for a check (an extract sent again after the check, once the
       volunteer has left, included);
    4. volunteer accounts unused for RETENTION_INACTIVE_YEARS years, anonymised through
       `account_delete` (applications and contracts stay, anonymised);
    5. django-axes' login records (login typed, IP address, browser) after
       RETENTION_LOGIN_RECORDS_DAYS (90) days, and the audit trail's IP addresses after
       the same time; audit events after RETENTION_AUDIT_YEARS (5) years.

    Each removal runs in its own transaction, so one failure does not undo the others.
    """
    now = now or timezone.now()
    report = RetentionReport(dry_run=dry_run)
    unverified = list(unverified_accounts_due(now=now))
    checked = volunteers_data.checked_criminal_record_files()
    orphans = volunteers_data.orphan_criminal_record_files(now=now)
    unchecked = list(
        unchecked_criminal_records_due(now=now).order_by("pk").values_list("pk", "file")
    )
    inactive = list(inactive_accounts_due(now=now).exclude(pk__in=[u.pk for u in unverified]))
    if dry_run:
        report.unverified_accounts_deleted = [u.email for u in unverified]
        report.criminal_record_files_deleted = (
            [name for _pk, name in checked] + orphans + [name for _pk, name in unchecked]
        )
        report.inactive_accounts_anonymised = [u.email for u in inactive]
        return report
    for user in unverified:
        _delete_unverified(user, report)
    for document_pk, name in checked:
        _purge_checked_file(document_pk, name, report)
    for name in orphans:
        _delete_orphan_file(name, report)
    for document_pk, name in unchecked:
        _delete_unchecked_extract(document_pk, name, report, now)
    for user in inactive:
        _anonymise_inactive(user, report)
    _purge_login_records(report, now)
    if report.total:
        logger.info(
            "retention: %s unverified accounts deleted, %s criminal record files deleted, "
            "%s inactive accounts anonymised, %s login records deleted, %s audit addresses "
            "erased, %s audit events deleted",
            len(report.unverified_accounts_deleted),
            len(report.criminal_record_files_deleted),
            len(report.inactive_accounts_anonymised),
            report.login_records_deleted,
            report.audit_addresses_erased,
            report.audit_events_deleted,
        )
    return report
