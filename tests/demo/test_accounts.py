"""The demo's accounts: the France Volontaires admin's two-factor device."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo import accounts
from demo.accounts import DEMO_ADMIN_EMAIL, DEMO_TOTP_SECRET

pytestmark = pytest.mark.django_db


def test_the_demo_admin_gets_a_device_with_the_published_secret_once(load_demo_device):
    report = load_demo_device()
    load_demo_device()
    device = TOTPDevice.objects.get(user__email=DEMO_ADMIN_EMAIL)
    assert device.confirmed
    assert device.key == accounts.demo_totp_key()
    assert any(DEMO_TOTP_SECRET in note for _role, _email, note in report.logins)
