"""Writes of the exports: asking for one, building its file, deleting it when it expires.

1. ``export_request`` (the page's POST) writes an ``Export`` for the form's key: a double
   click posts the same key and gets the same export (``export_once_per_request``: two
   requests at once insert one row, the other reads it). An export of personal data
   (applications, contracts) is written to the audit trail then, by account number and
   export number only. The caller queues the build once the row is committed
   (``missions.tasks.queue_export_build``; in-process without a broker).
2. ``export_build`` (the task) claims the export by a conditional UPDATE (a retried or
   replayed task builds nothing twice), streams the rows to a temporary file
   (``export_files``), stores it in the private storage, marks it ready for
   ``Export.KEEP_HOURS`` and notifies the person in-app, in the language they asked in.
   A build that fails is marked failed (and the person notified); it never raises.
3. ``exports_requeue_waiting`` (every 5 minutes, or ``manage.py requeue_waiting_exports``)
   looks after the builds that went astray: an export still pending
   ``Export.REQUEUE_MINUTES`` after it was asked for (the broker was down when the view
   queued it, or the message was lost) is queued again, a build queued twice still builds
   once (the claim); one still building ``Export.GIVE_UP_MINUTES`` after its build started
   (its worker died) is marked failed and the person notified, as for a failed build (a
   worker that would finish it after all finds it failed and deletes its file).
4. ``exports_delete_expired`` (hourly, or ``manage.py delete_expired_exports``) deletes the
   rows whose time is up, then their files; an erased account's go at once
   (``exports_delete_of_requester``, from ``personal_data.erase``).
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from associations.models import Association
from notifications.notices import notification_create
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record

from ..errors import ExportError
from ..export_files import write_csv, write_xlsx
from ..models import Export
from ..selectors.exports import export_columns, export_queryset, rows_of

logger = logging.getLogger(__name__)

READY_KIND = "export_ready"
FAILED_KIND = "export_failed"
# Exports one person may have waiting for the worker: each may take the worker half a
# minute (docs/performance.md), so a row of clicks on fresh pages cannot queue a hundred.
PENDING_PER_PERSON = 3


def keep_for() -> timedelta:
    return timedelta(hours=Export.KEEP_HOURS)


@transaction.atomic
def export_request(
    *,
    by,
    kind: str,
    file_format: str,
    request_key: uuid.UUID,
    language: str,
    every_association: bool = False,
    request=None,
    now: datetime | None = None,
) -> tuple[Export, bool]:
    """The export the form with ``request_key`` asked for, and whether this call made it.

    ``every_association``: France Volontaires' export of every association's rows (the view
    has checked the two-factor session; this checks the account is staff). Anyone else
    must be on an association's staff.
    """
    if kind not in Export.Kind.values or file_format not in Export.Format.values:
        raise ExportError(_("This export does not exist."))
    if every_association and not (by.is_active and by.is_staff):
        raise ExportError(_("Only France Volontaires exports every association's data."))
    if not every_association and not Association.objects.for_member(by).exists():
        raise ExportError(_("You are not on the staff of an association."))
    now = now or timezone.now()
    existing = Export.objects.filter(requested_by=by, request_key=request_key).first()
    if existing is not None:
        return existing, False
    waiting = Export.objects.of_requester(by).filter(
        status__in=(Export.Status.PENDING, Export.Status.BUILDING)
    )
    if waiting.count() >= PENDING_PER_PERSON:
        raise ExportError(
            _("%(count)s of your exports are being prepared: wait for them first.")
            % {"count": PENDING_PER_PERSON}
        )
    export, created = Export.objects.get_or_create(
        requested_by=by,
        request_key=request_key,
        defaults={
            "kind": kind,
            "file_format": file_format,
            "every_association": every_association,
            "language": language,
            "requested_at": now,
            "expires_at": now + keep_for(),
        },
    )
    if created and export.is_personal:
        audit_record(
            actor=by,
            action=AuditEvent.Action.DATA_EXPORTED,
            subject=export,
            details={
                "kind": export.kind,
                "format": export.file_format,
                "scope": "every association" if every_association else "own associations",
            },
            request=request,
        )
    return export, created


def export_build(*, export_id: int) -> Export | None:
    """Builds the file of a pending export (once); None when it was not pending."""
    claimed = Export.objects.filter(pk=export_id, status=Export.Status.PENDING).update(
        status=Export.Status.BUILDING, building_since=timezone.now()
    )
    if not claimed:
        return None
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    try:
        with translation.override(export.language):
            name, rows = _write_file(export)
    except Exception:
        logger.exception("Export %s could not be built", export.pk)
        with transaction.atomic():
            Export.objects.filter(pk=export.pk).update(status=Export.Status.FAILED)
            export.status = Export.Status.FAILED
            _notify(export, FAILED_KIND)
        return export
    now = timezone.now()
    with transaction.atomic():
        updated = Export.objects.filter(pk=export.pk, status=Export.Status.BUILDING).update(
            status=Export.Status.READY,
            file=name,
            rows=rows,
            ready_at=now,
            expires_at=now + keep_for(),
        )
        if not updated:  # deleted meanwhile: its file goes too
            transaction.on_commit(lambda: default_storage.delete(name))
            return None
        export.refresh_from_db()
        _notify(export, READY_KIND)
    return export


def _write_file(export: Export) -> tuple[str, int]:
    """Writes the rows to a temporary file, then into the private storage: its name there
    and the number of rows."""
    columns = export_columns(export.kind)
    headers = [column.header for column in columns]
    rows = rows_of(export_queryset(export), columns)
    with tempfile.TemporaryDirectory(prefix="vsi-export-") as folder:
        path = Path(folder) / f"export.{export.file_format}"
        if export.file_format == Export.Format.CSV:
            count = write_csv(path, headers, rows)
        else:
            count = write_xlsx(
                path,
                headers,
                rows,
                title=str(export.get_kind_display()),
                widths=[column.width for column in columns],
            )
        with open(path, "rb") as handle:
            export.file.save(path.name, File(handle), save=False)
    return export.file.name, count


def exports_page(export: Export) -> str:
    """Where the person finds their export: France Volontaires' page in the admin, or the
    staff's list."""
    if export.every_association:
        return reverse("national_exports")
    return reverse("missions:exports")


def _notify(export: Export, kind: str) -> None:
    with translation.override(export.language):
        what = str(export)
        if kind == READY_KIND:
            title = _("Your export is ready: %(what)s") % {"what": what}
            body = ngettext(
                "%(count)s row. Download it before %(expiry)s: it is deleted then.",
                "%(count)s rows. Download it before %(expiry)s: it is deleted then.",
                export.rows or 0,
            ) % {
                "count": formats.number_format(export.rows or 0, force_grouping=True),
                "expiry": formats.date_format(
                    timezone.localtime(export.expires_at), "DATETIME_FORMAT"
                ),
            }
        else:
            title = _("Your export could not be prepared: %(what)s") % {"what": what}
            body = _("Please ask for it again; if it fails again, tell France Volontaires.")
        notification_create(
            recipient=export.requested_by,
            kind=kind,
            title=title,
            body=body,
            link=exports_page(export),
        )


@dataclass(frozen=True)
class WaitingSwept:
    """What ``exports_requeue_waiting`` did (or, in a dry run, would do)."""

    requeued: int
    failed: int


def exports_requeue_waiting(
    *, queue: Callable[[int], None], now: datetime | None = None, dry_run: bool = False
) -> WaitingSwept:
    """Queues again (``queue(export_id)``) the builds of the exports still pending
    ``Export.REQUEUE_MINUTES`` after they were asked for, and marks failed (notifying the
    person) those still building ``Export.GIVE_UP_MINUTES`` after their build started."""
    now = now or timezone.now()
    stuck = list(Export.objects.building_too_long(now=now).select_related("requested_by"))
    waiting = list(Export.objects.pending_too_long(now=now).values_list("pk", flat=True))
    if dry_run:
        return WaitingSwept(requeued=len(waiting), failed=len(stuck))
    failed = 0
    for export in stuck:
        with transaction.atomic():
            given_up = Export.objects.filter(
                pk=export.pk,
                status=Export.Status.BUILDING,
                building_since=export.building_since,
            ).update(status=Export.Status.FAILED)
            if not given_up:  # finished (or deleted) meanwhile
                continue
            logger.warning("Export %s was still being built: marked failed", export.pk)
            export.status = Export.Status.FAILED
            _notify(export, FAILED_KIND)
            failed += 1
    for export_id in waiting:
        queue(export_id)
    return WaitingSwept(requeued=len(waiting), failed=failed)


def exports_delete_expired(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Deletes the exports whose time is up (``expires_at`` passed), rows then files; how
    many (a dry run only counts)."""
    now = now or timezone.now()
    expired = list(Export.objects.expired(now=now).values_list("pk", "file"))
    if dry_run or not expired:
        return len(expired)
    Export.objects.filter(pk__in=[pk for pk, _name in expired]).delete()
    for _pk, name in expired:
        if name:
            try:
                default_storage.delete(name)
            except OSError:
                logger.warning("Could not delete the expired export file %s", name, exc_info=True)
    return len(expired)


def exports_delete_of_requester(*, user) -> int:
    """Erasure: the person's own exports go now (their files hold other people's data),
    rows at once, files once the erasure commits; how many."""
    exports = Export.objects.of_requester(user)
    names = [name for name in exports.values_list("file", flat=True) if name]
    deleted, _by_model = exports.delete()
    for name in names:
        transaction.on_commit(partial(default_storage.delete, name))
    return deleted
