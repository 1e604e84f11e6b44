"""Every write of the security app: the audit trail, two-factor devices."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .errors import TwoFactorError
from .models import AuditEvent

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
