from __future__ import annotations

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(current_code(device)) + 500000) % 1000000:06d}"


@pytest.fixture
def device_of():
    def make(user, *, confirmed=True):
        return TOTPDevice.objects.create(user=user, name="Phone", confirmed=confirmed)

    return make
