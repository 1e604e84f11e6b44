"""Two third-party signals: django-axes' lockout (recorded in the audit trail) and
Django's login (notes whether the new session needs a code).

A signal receiver is the integration point django-axes offers (it has no service to call);
it holds no logic beyond writing the event through `services.audit_record`.
"""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .models import AuditEvent
from .selectors import TWO_FACTOR_SESSION_KEY, has_confirmed_device
from .services import audit_record, login_fingerprint


@receiver(user_locked_out, dispatch_uid="security_audit_lockout")
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """The login typed may be anybody's e-mail: the trail keeps only its keyed fingerprint
    (lockouts of one login can be told apart; erasure finds them)."""
    audit_record(
        actor=None,
        action=AuditEvent.Action.LOGIN_LOCKED_OUT,
        details={"login_fingerprint": login_fingerprint(username or "")},
        request=request,
    )


@receiver(user_logged_in, dispatch_uid="security_two_factor_flag")
def remember_two_factor(sender, request=None, user=None, **kwargs) -> None:
    """Notes in the new session whether its user must type a code (middleware.py)."""
    if request is not None and hasattr(request, "session") and user is not None:
        request.session[TWO_FACTOR_SESSION_KEY] = has_confirmed_device(user)
