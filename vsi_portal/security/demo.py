"""Demo two-factor device of the France Volontaires admin (the admin requires one).

The secret is fixed and published: add it to an authenticator app (README), or print the
current code with `make demo-otp` (`manage.py demo_otp_code`, DEBUG only).
"""

from __future__ import annotations

import base64
from datetime import date

from django_otp.plugins.otp_totp.models import TOTPDevice

from vsi_portal.accounts.models import User

DEMO_ADMIN_EMAIL = "admin@vsi-portal.fr"
DEMO_TOTP_SECRET = "VSIDEMOADMINTOTP"  # noqa: S105 - base32; a published demo secret, local only


def demo_totp_key() -> str:
    return base64.b32decode(DEMO_TOTP_SECRET).hex()


def load(*, today: date, report) -> None:
    user = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
    if user is None:
        return
    TOTPDevice.objects.update_or_create(
        user=user,
        name="Demo authenticator",
        defaults={"key": demo_totp_key(), "confirmed": True, "step": 30, "digits": 6},
    )
    report.login(
        "France Volontaires admin: two-factor code",
        DEMO_ADMIN_EMAIL,
        f"authenticator secret {DEMO_TOTP_SECRET}, or the current code: make demo-otp",
    )
