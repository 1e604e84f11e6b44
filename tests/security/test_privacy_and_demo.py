"""The privacy page, the demo admin's device and its code command."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory, VolunteerFactory
from vsi_portal.demo import DemoReport, demo_user
from vsi_portal.security import demo
from vsi_portal.security.demo import DEMO_ADMIN_EMAIL, DEMO_TOTP_SECRET

from .conftest import current_code

pytestmark = pytest.mark.django_db

PRIVACY = reverse("security:privacy")


def test_anyone_reads_the_privacy_page_in_french(client):
    response = client.get(PRIVACY)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Extrait de casier judiciaire" in body or "casier judiciaire" in body
    assert "30 jours" in body
    assert "3 ans" in body


def test_the_privacy_page_reads_in_english(client):
    client.cookies["django_language"] = "en"
    body = client.get(PRIVACY).content.decode()
    assert "Criminal record extract" in body
    assert "30 days" in body
    assert "3 years" in body


def test_the_privacy_page_links_to_export_and_delete(client):
    body = client.get(PRIVACY).content.decode()
    assert reverse("volunteers:data_export") in body
    assert reverse("volunteers:account_delete") in body


def test_the_privacy_page_follows_the_inactivity_setting(client, settings):
    settings.RETENTION_INACTIVE_YEARS = 5
    assert "5 ans" in client.get(PRIVACY).content.decode()


def test_every_page_footer_links_to_the_privacy_page(client):
    assert f'href="{PRIVACY}"' in client.get(reverse("home")).content.decode()


def test_a_signed_in_volunteer_reads_the_privacy_page(client):
    client.force_login(VolunteerFactory().user)
    assert client.get(PRIVACY).status_code == 200


def test_the_privacy_page_is_get_only(client):
    assert client.post(PRIVACY).status_code == 405


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
