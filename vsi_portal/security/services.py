"""Every write of the security app: the audit trail (and its erasure and retention), the
login records' retention, two-factor devices."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from vsi_portal.accounts.addresses import normalise_email

from .errors import TwoFactorError
from .models import AuditEvent

Action = AuditEvent.Action

# --- Audit trail -------------------------------------------------------------------------


def _ip_of(request) -> str | None:
    if request is None:
        return None
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    return address or None


# Subjects whose own name is no person's: their label keeps it (an association's name).
NAMED_SUBJECTS = frozenset({"associations.association"})
USER_SUBJECT = "accounts.user"


def person_label(user_id: int | None) -> str:
    """How the audit trail names a person: by account number only, never by name or
    e-mail ("user #42"). The account row stays when a person is erased (anonymised), so
    France Volontaires can still tell two events of the same person apart."""
    return f"user #{user_id}" if user_id is not None else ""


def neutral_label(subject_type: str, subject_id: str) -> str:
    """A subject's label that names nobody: its kind and number ("volunteers.document #12",
    "user #42")."""
    if subject_type == USER_SUBJECT:
        return person_label(subject_id)
    return f"{subject_type} #{subject_id}" if subject_type else ""


def _subject_label(subject: models.Model) -> str:
    subject_type = subject._meta.label_lower
    if subject_type in NAMED_SUBJECTS:
        return str(subject)
    return neutral_label(subject_type, str(subject.pk))


def login_fingerprint(login: str) -> str:
    """A keyed hash of a login as typed (an e-mail, perhaps of someone else): lockouts of
    the same login can be told apart without keeping the address. Keyed with SECRET_KEY, so
    nobody without it can test guesses against the trail."""
    normalised = normalise_email(str(login or ""))
    return hmac.new(settings.SECRET_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()[
        :16
    ]


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
    job); `details` must be JSON-serialisable and hold no document content, no name and no
    e-mail. People are named by account number (`person_label`), subjects by kind and
    number (`neutral_label`), an association by its name; `subject_label` overrides that
    and must name nobody either.
    """
    if action not in Action.values:
        raise ValueError(f"action: {action!r} is not an audit action")
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_person else None,
        actor_label=person_label(actor.pk) if is_person else "",
        action=action,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        subject_label=(subject_label or (_subject_label(subject) if subject else ""))[:255],
        details=details or {},
        ip_address=_ip_of(request),
    )


@transaction.atomic
def audit_erase_person(*, user, logins: tuple[str, ...] = ()) -> int:
    """Erasure: the rows about `user` keep no name, e-mail or address of theirs. Runs
    before the account is anonymised (it reads the e-mail and name still on it).

    Rows they acted in (by account, or by the e-mail an older row kept) name them
    "user #<id>" and lose their IP address; rows about their account, or whose label
    carries their name or e-mail (rows written before labels were neutral), get neutral
    labels; lockouts of their logins (`logins`: the addresses they used) lose the login's
    fingerprint and address. Returns the number of rows rewritten.
    """
    emails = {login for login in (user.email, *logins) if login}
    acted = models.Q(actor=user)
    named = models.Q(subject_type=USER_SUBJECT, subject_id=str(user.pk))
    for email in emails:
        acted |= models.Q(actor_label__iexact=email)
        named |= models.Q(subject_label__icontains=email)
    full_name = (user.full_name or "").strip()
    if len(full_name) >= 3:
        named |= models.Q(subject_label__icontains=full_name)
    changed = 0
    for event in AuditEvent.objects.filter(acted | named).select_for_update().iterator():
        if event.actor_id == user.pk or event.actor_label.lower() in {e.lower() for e in emails}:
            event.actor_label = person_label(user.pk)
            event.ip_address = None
        if event.subject_type not in NAMED_SUBJECTS:
            event.subject_label = neutral_label(event.subject_type, event.subject_id)
        event.save(update_fields=["actor_label", "subject_label", "ip_address"])
        changed += 1
    fingerprints = [login_fingerprint(email) for email in emails]
    changed += AuditEvent.objects.filter(
        action=Action.LOGIN_LOCKED_OUT, details__login_fingerprint__in=fingerprints
    ).update(details={}, ip_address=None, subject_label="")
    return changed


def audit_forget_ip_addresses(*, before) -> int:
    """Retention: the IP addresses of events older than `before` are erased (the event
    stays)."""
    return AuditEvent.objects.filter(at__lt=before, ip_address__isnull=False).update(
        ip_address=None
    )


def audit_events_purge(*, before) -> int:
    """Retention: events older than `before` are deleted."""
    deleted, _by_model = AuditEvent.objects.filter(at__lt=before).delete()
    return deleted


def login_records_purge(*, before=None, logins: tuple[str, ...] = ()) -> int:
    """django-axes' login records (attempts counted for the lockout, failures, the access
    log of each sign-in: the login typed, IP address, browser) older than `before`, or, with
    `logins`, every record of those logins (erasure). Returns how many rows went."""
    deleted = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        if logins:
            matches = models.Q()
            for login in logins:
                matches |= models.Q(username__iexact=login)
            rows = model.objects.filter(matches)
        else:
            rows = model.objects.filter(attempt_time__lt=before)
        count, _by_model = rows.delete()
        deleted += count
    return deleted


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
