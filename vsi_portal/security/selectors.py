"""Reads of the security app."""

from __future__ import annotations

from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AuditEvent

# In the session: whether its user has a confirmed device (set at login, see receivers.py).
TWO_FACTOR_SESSION_KEY = "security_two_factor_on"


def has_confirmed_device(user) -> bool:
    if not user.is_authenticated:
        return False
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def audit_events_about(subject) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.about(subject).select_related("actor")


def is_france_volontaires(user) -> bool:
    """France Volontaires as the admin lets them in: an active staff account whose session
    is verified with its second factor (``two_factor_required`` sends them to the code page
    until it is)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and getattr(user, "is_verified", lambda: False)()
    )
