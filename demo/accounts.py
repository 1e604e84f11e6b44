"""The demo's people: verified accounts with the published password, France Volontaires'
admin and its two-factor device, and the logins ``load_demo`` prints.

No service creates an account (people sign up through allauth's pages and verify their
address by e-mail), so the accounts are written here. Idempotent: found by e-mail.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django_otp.plugins.otp_totp.models import TOTPDevice

from vsi_portal.accounts.models import User

from .content import read

DEMO_PASSWORD = "vsi-demo-2026"  # noqa: S105 - a published demo password, local runs only
DEMO_TOTP_SECRET = "VSIDEMOADMINTOTP"  # noqa: S105 - base32; a published demo secret, local only

ADMIN = read("people")["admin"]
DEMO_ADMIN_EMAIL = ADMIN["email"]


@dataclass
class DemoReport:
    """The logins to print, grouped by who they are."""

    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def login(self, role: str, email: str, note: str = "") -> None:
        self.logins.append((role, email, note))


def demo_user(*, email: str, full_name: str, language: str = "fr", is_staff: bool = False) -> User:
    """A verified account with the demo password, created once."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "preferred_language": language,
            "is_staff": is_staff,
            "is_superuser": is_staff,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def demo_totp_key() -> str:
    """The demo secret as django-otp stores it (hex)."""
    return base64.b32decode(DEMO_TOTP_SECRET).hex()


def load_admin(*, report: DemoReport) -> User:
    admin = demo_user(email=DEMO_ADMIN_EMAIL, full_name=ADMIN["name"], is_staff=True)
    report.login(ADMIN["login"], DEMO_ADMIN_EMAIL, ADMIN["note"])
    return admin


def load_admin_device(*, report: DemoReport) -> None:
    """The admin's authenticator, with the published secret.

    Written here: a device is otherwise set up by its owner scanning a fresh secret.
    """
    user = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
    if user is None:
        return
    device = ADMIN["device"]
    TOTPDevice.objects.update_or_create(
        user=user,
        name=device["name"],
        defaults={"key": demo_totp_key(), "confirmed": True, "step": 30, "digits": 6},
    )
    report.login(
        device["login"],
        DEMO_ADMIN_EMAIL,
        f"authenticator secret {DEMO_TOTP_SECRET}, or the current code: make demo-otp",
    )
