"""Every write of the notifications app: reminder scans, sending, notifications, preferences.

Exactly once, the protocol (DESIGN.md "Reminder jobs"; a kind's own `act` runs first):
1. insert: the kind's `due()` lists what falls due in the look-back window
   [today - lookback_days, today]; the rows are inserted with
   `bulk_create(ignore_conflicts=True)` against the unique constraint
   (kind, subject, due_on, recipient), so a second scan inserts nothing new;
2. claim: the pending rows (or those stuck in `sending` for longer than
   STALE_CLAIM, a worker that died mid-send) are claimed SEND_GROUP at a time by
   one conditional `UPDATE ... RETURNING id`; a scan goes on only with the rows
   its own UPDATE returned, so two workers, a retried task or a second beat never
   hold the same row;
3. send: each claimed row's e-mail (text + HTML, in the recipient's language),
   over one mail connection for the group; then, in one transaction right after
   the group's last send, the sent rows are marked sent (only while still in this
   worker's claim) and their in-app notifications created; a failed send puts its
   row back to pending with its error, for the next run; a row no longer due is
   cancelled.

The trade-off of the groups (docs/performance.md): a worker that dies between a group's
sends and its commit leaves those rows `sending`, sent again after STALE_CLAIM: at most
SEND_GROUP (20) e-mails twice, where one row at a time risked one. In exchange a reminder
costs a twentieth of a claim and of a commit, and one SMTP handshake serves the group.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from vsi_portal.db import update_returning_pks

from .models import Notification, NotificationPreference, Reminder
from .reminders import ReminderKind, Rendered, get_kind, registered_kinds

logger = logging.getLogger(__name__)

DEFAULT_LOOKBACK_DAYS = 7
STALE_CLAIM = timedelta(minutes=30)
MAX_ATTEMPTS = 10
SEND_BATCH = 200  # reminders read together (rows, recipients, subjects) while sending
# Reminders claimed together (one UPDATE), sent over one mail connection, then recorded
# together (one transaction). Also the most e-mails a crash can send twice: see above.
SEND_GROUP = 20


class NotificationError(Exception):
    """An invalid move on notifications; its message is shown to the person."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass
class ScanResult:
    kind: str
    inserted: int = 0
    due: int = 0
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
    acted: int = 0  # rows the kind's own move changed (or would change, on a dry run)
    would_send: list[tuple[str, date, str]] = field(default_factory=list)  # dry run


# --- Scans ----------------------------------------------------------------------


def reminders_scan(
    *,
    kind: str,
    today: date | None = None,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
    dry_run: bool = False,
) -> ScanResult:
    """The kind's own move (`act`), then its due reminders inserted and sent (module doc)."""
    reminder_kind = get_kind(kind)
    today = today or timezone.localdate()
    result = ScanResult(kind=kind)
    result.acted = reminder_kind.act(today, dry_run) if reminder_kind.act else 0
    rows = _due_rows(reminder_kind, today=today, lookback_days=lookback_days)
    if dry_run:
        already = _existing_keys(kind, rows)
        for row in rows:
            if _key(row) not in already:
                result.would_send.append((row.recipient.email, row.due_on, str(row.subject)))
        pending = (
            Reminder.objects.of_kind(kind)
            .filter(_claimable(timezone.now()), due_on__lte=today, attempts__lt=MAX_ATTEMPTS)
            .select_related("recipient")
        )
        for reminder in pending:
            result.would_send.append(
                (reminder.recipient.email, reminder.due_on, f"#{reminder.subject_id}")
            )
        result.due = len(result.would_send)
        return result

    if rows:
        # ignore_conflicts returns no primary keys on every database: the new
        # rows are counted against the keys present before the insert.
        already = _existing_keys(kind, rows)
        Reminder.objects.bulk_create(rows, ignore_conflicts=True)
        result.inserted = sum(1 for row in rows if _key(row) not in already)
    # The subjects the kind just loaded (with what its render reads) serve the sending.
    subjects = {(row.subject_type_id, row.subject_id): row.subject for row in rows}
    _send_pending(reminder_kind, today=today, result=result, subjects=subjects)
    return result


def reminders_scan_all(
    *, today: date | None = None, lookback_days: int = DEFAULT_LOOKBACK_DAYS, dry_run: bool = False
) -> list[ScanResult]:
    return [
        reminders_scan(kind=k.code, today=today, lookback_days=lookback_days, dry_run=dry_run)
        for k in registered_kinds()
    ]


def _key(reminder: Reminder) -> tuple:
    return (reminder.subject_type_id, reminder.subject_id, reminder.due_on, reminder.recipient_id)


def _due_rows(reminder_kind: ReminderKind, *, today: date, lookback_days: int) -> list[Reminder]:
    """The Reminder rows the kind's scan finds due, minus inactive and muting recipients."""
    content_types: dict[type, ContentType] = {}
    rows: list[Reminder] = []
    seen: set[tuple] = set()
    for due in reminder_kind.due(today, lookback_days):
        model = type(due.subject)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model)
        for user in due.recipients:
            if not user.is_active:
                continue
            row = Reminder(
                kind=reminder_kind.code,
                subject_type=content_types[model],
                subject_id=due.subject.pk,
                due_on=due.due_on,
                recipient=user,
            )
            row.subject = due.subject
            if _key(row) not in seen:
                seen.add(_key(row))
                rows.append(row)
    if rows and not reminder_kind.essential:
        muted = _users_who_muted(reminder_kind.code, {row.recipient_id for row in rows})
        rows = [row for row in rows if row.recipient_id not in muted]
    return rows


def _users_who_muted(code: str, user_ids: set[int]) -> set[int]:
    return {
        preference.user_id
        for preference in NotificationPreference.objects.filter(user_id__in=user_ids).only(
            "user_id", "muted_kinds"
        )
        if code in preference.muted_kinds
    }


def _existing_keys(code: str, rows: list[Reminder]) -> set[tuple]:
    if not rows:
        return set()
    dates = {row.due_on for row in rows}
    return {
        (r.subject_type_id, r.subject_id, r.due_on, r.recipient_id)
        for r in Reminder.objects.of_kind(code).filter(due_on__in=dates)
    }


def _claimable(now) -> Q:
    return Q(state=Reminder.State.PENDING) | Q(
        state=Reminder.State.SENDING, claimed_at__lt=now - STALE_CLAIM
    )


def _send_pending(
    reminder_kind: ReminderKind,
    *,
    today: date,
    result: ScanResult,
    subjects: dict[tuple, object] | None = None,
) -> None:
    """Sends every claimable reminder of the kind, SEND_BATCH read at a time, SEND_GROUP sent.

    A batch shares what is read: the rows and their recipients in one query, their subjects
    in one query per type (or those the scan's ``due`` already loaded, with what the kind's
    render reads). A group shares its claim (one statement), its mail connection and its
    record (one transaction): see the module docstring for what that changes.
    """
    candidates = list(
        Reminder.objects.of_kind(reminder_kind.code)
        .filter(_claimable(timezone.now()), due_on__lte=today, attempts__lt=MAX_ATTEMPTS)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    result.due += len(candidates)
    subjects = dict(subjects or {})
    for start in range(0, len(candidates), SEND_BATCH):
        chunk = candidates[start : start + SEND_BATCH]
        reminders = list(
            Reminder.objects.filter(pk__in=chunk)
            .select_related("recipient", "subject_type")
            .order_by("pk")
        )
        result.due -= len(chunk) - len(reminders)  # deleted meanwhile
        _attach_subjects(reminders, subjects)
        for group_start in range(0, len(reminders), SEND_GROUP):
            group = reminders[group_start : group_start + SEND_GROUP]
            claimed = _claim(group)
            result.due -= len(group) - len(claimed)  # another worker claimed them first
            for outcome in _deliver(claimed):
                if outcome == "sent":
                    result.sent += 1
                elif outcome == "failed":
                    result.failed += 1
                else:
                    result.cancelled += 1


def _attach_subjects(reminders: list[Reminder], subjects: dict[tuple, object]) -> None:
    """Sets each reminder's subject from ``subjects``, loading the others per type."""
    missing: dict[int, set[int]] = {}
    for reminder in reminders:
        if (reminder.subject_type_id, reminder.subject_id) not in subjects:
            missing.setdefault(reminder.subject_type_id, set()).add(reminder.subject_id)
    for reminder in reminders:
        if reminder.subject_type_id in missing:
            model = reminder.subject_type.model_class()
            ids = missing.pop(reminder.subject_type_id)
            for subject in model._base_manager.filter(pk__in=ids):
                subjects[(reminder.subject_type_id, subject.pk)] = subject
    for reminder in reminders:
        subject = subjects.get((reminder.subject_type_id, reminder.subject_id))
        if subject is not None:  # a deleted subject stays unset: the send cancels it
            reminder.subject = subject


def _claim(reminders: list[Reminder], now=None) -> list[Reminder]:
    """The conditional UPDATE of a group: the reminders this scan moved to sending.

    One statement for the group; a row another worker holds (or has sent) is not in the
    ``RETURNING`` of this one, so only one scan ever goes on with it. The claimed reminders
    are updated in memory too (state, claim time, attempts).

    On PostgreSQL the claim commits without waiting for its WAL flush: other workers see
    it at once all the same (visibility does not wait for the disk), and the record that
    follows the sends commits synchronously, which flushes the claim too. A database crash
    in between loses the claim, and the rows are sent again, as they would be if the claim
    had been flushed (they would stay "sending", to be taken back after STALE_CLAIM).
    """
    if not reminders:
        return []
    now = now or timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        claimed_pks = update_returning_pks(
            Reminder.objects.filter(pk__in=[reminder.pk for reminder in reminders]).filter(
                _claimable(now)
            ),
            state=Reminder.State.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
    claimed = [reminder for reminder in reminders if reminder.pk in claimed_pks]
    for reminder in claimed:
        reminder.state, reminder.claimed_at = Reminder.State.SENDING, now
        reminder.attempts += 1
    return claimed


def reminder_claim(*, pk: int) -> Reminder | None:
    """Claims one reminder for sending; None when it is not (or no longer) claimable."""
    if not _claim([Reminder(pk=pk)]):
        return None
    return Reminder.objects.select_related("recipient", "subject_type").get(pk=pk)


def reminder_send(*, pk: int) -> str:
    """Claims, sends and records one reminder: "sent", "failed", "cancelled" or "taken"."""
    reminder = reminder_claim(pk=pk)
    if reminder is None:
        return "taken"
    (outcome,) = _deliver([reminder])
    return outcome


def _deliver(reminders: list[Reminder]) -> list[str]:
    """Sends claimed reminders over one mail connection, then records them in one transaction.

    Returns each one's outcome, in order: "sent", "failed" or "cancelled". A failed send
    goes back to pending with its error, for the next run; a reminder no longer due (or
    whose subject or recipient is gone) is cancelled; the sent ones are marked sent and
    get their in-app notification, together, right after the group's last send.
    """
    if not reminders:
        return []
    outcomes: list[str] = []
    sent: list[tuple[Reminder, Rendered]] = []
    failed: list[tuple[Reminder, str]] = []
    cancelled: list[Reminder] = []
    with _mail_connection() as mail:
        for reminder in reminders:
            try:
                built = _message(reminder, mail)
                if built is None:
                    cancelled.append(reminder)
                    outcomes.append("cancelled")
                    continue
                message, rendered = built
                message.send()
            except Exception as error:
                logger.warning("Reminder %s failed: %s", reminder.pk, error, exc_info=True)
                failed.append((reminder, f"{type(error).__name__}: {error}"[:2000]))
                outcomes.append("failed")
                _reopen(mail)  # a failed send may leave the connection unusable
                continue
            sent.append((reminder, rendered))
            outcomes.append("sent")
    _record(sent=sent, failed=failed, cancelled=cancelled)
    return outcomes


def _message(reminder: Reminder, mail) -> tuple[EmailMultiAlternatives, Rendered] | None:
    """The e-mail of a claimed reminder in its recipient's language; None when no longer due."""
    recipient = reminder.recipient
    reminder_kind = get_kind(reminder.kind)
    subject = reminder.subject
    if subject is None or not recipient.is_active or not reminder_kind.still_due(reminder):
        return None
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        rendered = reminder_kind.render(reminder)
        message = EmailMultiAlternatives(
            subject=rendered.title,
            body=rendered.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient.email],
            connection=mail,
        )
        message.attach_alternative(rendered.html, "text/html")
    return message, rendered


@contextmanager
def _mail_connection():
    """One mail connection for a group: one SMTP handshake instead of one per e-mail."""
    mail = get_connection()
    _reopen(mail)
    try:
        yield mail
    finally:
        try:
            mail.close()
        except Exception:  # closing a broken connection: nothing left to send on it
            logger.warning("Closing the mail connection failed", exc_info=True)


def _reopen(mail) -> None:
    """(Re)opens the connection; when the server is unreachable each send tries on its own
    and records its error."""
    try:
        mail.close()
        mail.open()
    except Exception:
        logger.warning("Opening the mail connection failed", exc_info=True)


def _record(
    *,
    sent: list[tuple[Reminder, Rendered]],
    failed: list[tuple[Reminder, str]],
    cancelled: list[Reminder],
) -> None:
    """Records a group's outcomes in one transaction (one commit, one disk flush).

    Each update is conditional on the row still being in this worker's claim (sending,
    claimed at this worker's time): a row taken back as stale by another worker is left
    to that worker, and gets no second notification.
    """
    renders = {reminder.pk: rendered for reminder, rendered in sent}
    with transaction.atomic():
        for claimed_at, group in _by_claim(reminder for reminder, _rendered in sent):
            marked = update_returning_pks(
                _still_claimed([reminder.pk for reminder in group], claimed_at),
                state=Reminder.State.SENT,
                sent_at=timezone.now(),
                last_error="",
            )
            Notification.objects.bulk_create(
                [
                    Notification(
                        recipient=reminder.recipient,
                        kind=reminder.kind,
                        title=renders[reminder.pk].title[:200],
                        body=renders[reminder.pk].summary,
                        link=renders[reminder.pk].link,
                    )
                    for reminder in group
                    if reminder.pk in marked
                ]
            )
        for reminder, error in failed:
            _still_claimed([reminder.pk], reminder.claimed_at).update(
                state=Reminder.State.PENDING, last_error=error
            )
        for claimed_at, group in _by_claim(cancelled):
            _still_claimed([reminder.pk for reminder in group], claimed_at).update(
                state=Reminder.State.CANCELLED, last_error="no longer due"
            )


def _by_claim(reminders) -> list[tuple[object, list[Reminder]]]:
    """Reminders grouped by their claim time (one group for a scan's group)."""
    groups: dict[object, list[Reminder]] = {}
    for reminder in reminders:
        groups.setdefault(reminder.claimed_at, []).append(reminder)
    return list(groups.items())


def _still_claimed(pks: list[int], claimed_at) -> QuerySet:
    return Reminder.objects.filter(pk__in=pks, state=Reminder.State.SENDING, claimed_at=claimed_at)


@transaction.atomic
def reminders_requeue(*, reminders) -> int:
    """Puts reminders back to pending (admin "resend"); the claim keeps sending safe."""
    return (
        Reminder.objects.filter(pk__in=[r.pk for r in reminders])
        .exclude(state=Reminder.State.SENDING)
        .update(state=Reminder.State.PENDING, attempts=0, claimed_at=None, last_error="")
    )


def reminders_resend(*, reminders) -> dict[str, int]:
    """Requeues the reminders, then sends each one now (admin action)."""
    pks = [r.pk for r in reminders]
    reminders_requeue(reminders=reminders)
    outcomes: dict[str, int] = {}
    for pk in pks:
        outcome = reminder_send(pk=pk)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


# --- In-app notifications and preferences --------------------------------------------


@transaction.atomic
def notification_mark_read(*, notification: Notification, by) -> Notification:
    if notification.recipient_id != by.pk:
        raise NotificationError(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notification_preference_update(*, user, muted_kinds) -> NotificationPreference:
    """Records the kinds the person mutes; an essential kind cannot be muted."""
    muted = []
    for code in muted_kinds:
        try:
            reminder_kind = get_kind(code)
        except LookupError:
            raise NotificationError(_("Unknown kind of reminder.")) from None
        if reminder_kind.essential:
            raise NotificationError(
                _("%(kind)s reminders announce a legal deadline and cannot be turned off.")
                % {"kind": reminder_kind.label}
            )
        muted.append(code)
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    preference.muted_kinds = sorted(set(muted))
    preference.save(update_fields=["muted_kinds", "updated_at"])
    return preference
