"""The demo admin's device and its code command."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from vsi_portal.demo import DemoReport, demo_user
from vsi_portal.security import demo
from vsi_portal.security.demo import DEMO_ADMIN_EMAIL, DEMO_TOTP_SECRET

from .conftest import current_code

pytestmark = pytest.mark.django_db


def _load_demo_device():
    demo_user(email=DEMO_ADMIN_EMAIL, full_name="Camille Admin", is_staff=True)
    report = DemoReport()
    demo.load(today=date(2026, 1, 5), report=report)
    return report


def test_the_demo_admin_gets_a_device_with_the_published_secret_once():
    report = _load_demo_device()
    _load_demo_device()
    device = TOTPDevice.objects.get(user__email=DEMO_ADMIN_EMAIL)
    assert device.confirmed
    assert device.key == demo.demo_totp_key()
    assert any(DEMO_TOTP_SECRET in note for _role, _email, note in report.logins)


def test_the_demo_code_command_prints_the_current_code(settings):
    settings.DEBUG = True
    _load_demo_device()
    out = StringIO()
    call_command("demo_otp_code", stdout=out, stderr=StringIO())
    device = TOTPDevice.objects.get(user__email=DEMO_ADMIN_EMAIL)
    assert out.getvalue().strip() == current_code(device)


def test_the_demo_code_command_refuses_without_debug(settings):
    settings.DEBUG = False
    _load_demo_device()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_otp_code", stdout=StringIO())


def test_the_demo_code_command_names_a_missing_device(settings):
    settings.DEBUG = True
    UserFactory(email="nobody@example.org")
    with pytest.raises(CommandError, match="no confirmed"):
        call_command("demo_otp_code", "--email", "nobody@example.org", stdout=StringIO())
