from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _wrong_login(client, email: str):
    return client.post(reverse("account_login"), {"login": email, "password": "wrong-password"})


def test_twelve_wrong_passwords_lock_the_account_out_with_a_clear_message(client):
    UserFactory(email="lea@example.org")
    responses = [_wrong_login(client, "lea@example.org") for _ in range(12)]
    assert responses[0].status_code == 200
    assert responses[-1].status_code == 429
    assert "Trop de tentatives" in responses[-1].content.decode()


def test_a_locked_out_account_refuses_even_the_right_password(client):
    UserFactory(email="lea@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _wrong_login(client, "lea@example.org")
    response = client.post(
        reverse("account_login"), {"login": "lea@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_counts_the_email_whatever_its_case(client):
    UserFactory(email="lea@example.org")
    for index in range(settings.AXES_FAILURE_LIMIT):
        _wrong_login(client, "LEA@example.org" if index % 2 else "lea@example.org")
    assert _wrong_login(client, "Lea@Example.org").status_code == 429


def test_failures_on_another_account_do_not_lock_this_one(client):
    UserFactory(email="lea@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _wrong_login(client, "someone-else@example.org")
    response = client.post(
        reverse("account_login"), {"login": "lea@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from django.conf import settings as django_settings

    # The test suite swaps the hasher for speed; the project's setting is argon2 first.
    import vsi_portal.settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert django_settings.AUTH_PASSWORD_VALIDATORS


def test_pages_send_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors 'none'" in policy


def test_no_page_template_holds_an_inline_script():
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if inline.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
