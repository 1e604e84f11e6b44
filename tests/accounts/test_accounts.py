from __future__ import annotations

import re

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory, otp_verify
from tests.mail import committed
from vsi_portal.accounts.models import User

pytestmark = pytest.mark.django_db


def _sign_up(client: Client, email: str = "Lea.Martin@Example.org", language: str = "fr"):
    client.cookies["django_language"] = language
    with committed():
        return _post_sign_up(client, email)


def _post_sign_up(client: Client, email: str):
    return client.post(
        reverse("account_signup"),
        {
            "full_name": "Léa Martin",
            "email": email,
            "password1": "un-mot-de-passe-solide-42",
            "password2": "un-mot-de-passe-solide-42",
        },
    )


def _link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def test_sign_up_creates_an_account_with_full_name_and_language(client, outbox):
    _sign_up(client, language="en")
    user = User.objects.get()
    assert user.full_name == "Léa Martin"
    assert user.email == "lea.martin@example.org"
    assert user.preferred_language == "en"


def test_sign_up_emails_a_verification_link_in_the_persons_language(client, outbox):
    _sign_up(client, language="fr")
    assert len(outbox) == 1
    assert "Confirmez" in outbox[0].subject or "confirm" in outbox[0].subject.lower()
    assert "/accounts/confirm-email/" in outbox[0].body


def test_unverified_account_cannot_log_in(client, outbox):
    _sign_up(client)
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "lea.martin@example.org", "password": "un-mot-de-passe-solide-42"},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_following_the_emailed_link_verifies_and_signs_in(client, outbox):
    _sign_up(client)
    link = _link_in(outbox[0])
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)
    assert response.status_code == 302
    user = User.objects.get()
    assert user.emailaddress_set.get().verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signing_up_again_with_a_known_email_in_another_case_creates_no_account(client, outbox):
    UserFactory(email="lea.martin@example.org")
    _sign_up(client, email="LEA.MARTIN@example.org")
    assert User.objects.count() == 1
    # The page does not reveal that the address is known; its owner is told by e-mail.
    assert [message.to for message in outbox] == [["lea.martin@example.org"]]


def test_database_refuses_the_same_email_in_another_case():
    UserFactory(email="same@example.org")
    with pytest.raises(IntegrityError):
        User.objects.create(email="SAME@example.org", full_name="Other")


def test_login_is_case_insensitive_and_logout_is_post_only(client):
    user = UserFactory(email="lea@example.org")
    response = client.post(
        reverse("account_login"), {"login": "LEA@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_wrong_password_shows_a_form_error_in_french(client):
    UserFactory(email="lea@example.org")
    response = client.post(reverse("account_login"), {"login": "lea@example.org", "password": "x"})
    assert response.status_code == 200
    assert "incorrect" in response.content.decode()


def test_password_change_needs_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "new-Secret-9876", "password2": "new-Secret-9876"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("new-Secret-9876")


def test_password_reset_emails_a_link_in_the_users_language(client, outbox):
    UserFactory(email="ana@example.org", preferred_language="en")
    with committed():
        response = client.post(reverse("account_reset_password"), {"email": "ana@example.org"})
    assert response.status_code == 302
    assert len(outbox) == 1
    assert outbox[0].subject == "[VSI Portal] Choose a new password"
    assert "/accounts/password/reset/key/" in outbox[0].body


def test_create_superuser_stores_the_email_in_lower_case():
    admin = User.objects.create_superuser(email="Boss@Example.org", password="x", full_name="B")
    assert admin.email == "boss@example.org"
    assert admin.is_staff and admin.is_superuser


def test_admin_lists_users(client):
    admin = User.objects.create_superuser(email="boss@example.org", password="x", full_name="B")
    otp_verify(client, admin)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 200
    assert "boss@example.org" in response.content.decode()


def test_admin_adds_a_user(client):
    admin = User.objects.create_superuser(email="boss@example.org", password="x", full_name="B")
    otp_verify(client, admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new@example.org",
            "full_name": "New Person",
            "preferred_language": "en",
            "usable_password": "true",
            "password1": "Another-strong-pw-77",
            "password2": "Another-strong-pw-77",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="new@example.org").exists()
