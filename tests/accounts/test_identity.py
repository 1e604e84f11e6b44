"""One identity per e-mail address: Unicode variants of an address are that account's.

The variants are those the issue reported: case folding (“ß” and “ss”), compatibility forms
(fullwidth letters, the long “ſ”), composed and decomposed accents.
"""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory, otp_verify
from tests.mail import committed
from vsi_portal.accounts.models import User

pytestmark = pytest.mark.django_db

# (the existing account's address, a variant someone types)
VARIANTS = [
    pytest.param("admin@vsi-portal.fr", "ＡDMIN@vsi-portal.fr", id="fullwidth-letter"),
    pytest.param("admin@vsi-portal.fr", "admin＠ｖsi-portal.fr", id="fullwidth-domain"),
    pytest.param("staff@vsi-portal.fr", "ſtaff@vsi-portal.fr", id="long-s"),
    pytest.param("strasse@example.de", "STRAßE@example.de", id="sharp-s-casefold"),
    pytest.param("lea@straße.de", "lea@STRASSE.de", id="sharp-s-domain"),
    pytest.param("lea@café.fr", "lea@cafe\u0301.fr", id="combining-accent"),
    pytest.param("lea@cafe\u0301.fr", "LEA@CAFÉ.fr", id="precomposed-accent"),
]


def _sign_up(client, email: str):
    with committed():
        return client.post(
            reverse("account_signup"),
            {
                "full_name": "Someone Else",
                "email": email,
                "password1": "un-autre-mot-de-passe-77",
                "password2": "un-autre-mot-de-passe-77",
            },
        )


def _log_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.mark.parametrize(("existing", "variant"), VARIANTS)
def test_signing_up_with_a_variant_of_a_known_address_creates_no_account(
    client, outbox, existing, variant
):
    owner = UserFactory(email=existing)
    response = _sign_up(client, variant)
    assert User.objects.get() == owner
    # Exactly what allauth answers for any address, known or not: "check your mailbox".
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    # Only the owner hears of it, at their own address.
    assert [message.to for message in outbox] == [[owner.email]]


def test_a_variant_sign_up_answers_as_a_new_address_does(client, outbox):
    UserFactory(email="admin@vsi-portal.fr")
    known = _sign_up(client, "ＡDMIN@vsi-portal.fr")
    unknown = _sign_up(client, "nobody-yet@vsi-portal.fr")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)


@pytest.mark.parametrize(("existing", "variant"), VARIANTS)
def test_the_owner_still_logs_in_after_a_variant_sign_up(client, existing, variant):
    owner = UserFactory(email=existing)
    _sign_up(client, variant)
    client.logout()
    response = _log_in(client, existing)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


@pytest.mark.parametrize(("existing", "variant"), VARIANTS)
def test_logging_in_with_a_variant_reaches_the_one_account(client, existing, variant):
    owner = UserFactory(email=existing)
    response = _log_in(client, variant)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_a_variant_shares_the_lockout_counter_of_the_address(client):
    UserFactory(email="admin@vsi-portal.fr")
    variants = ["ＡDMIN@vsi-portal.fr", "admin@ｖsi-portal.fr", "Admin@VSI-portal.fr"]
    for index in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, variants[index % len(variants)], password="wrong-password")
    # Locked out: even the right password, typed plainly, is refused.
    assert _log_in(client, "admin@vsi-portal.fr").status_code == 429


@pytest.mark.parametrize(("existing", "variant"), VARIANTS)
def test_a_password_reset_asked_for_a_variant_reaches_the_one_account(
    client, outbox, existing, variant
):
    owner = UserFactory(email=existing, preferred_language="en")
    with committed():
        response = client.post(reverse("account_reset_password"), {"email": variant})
    assert response.status_code == 302
    assert len(outbox) == 1
    assert outbox[0].to == [owner.email]
    assert "/accounts/password/reset/key/" in outbox[0].body


def test_the_database_refuses_a_second_account_with_a_variant_address():
    UserFactory(email="admin@vsi-portal.fr")
    with pytest.raises(IntegrityError):
        User.objects.create(email="ＡDMIN@ｖsi-portal.fr", full_name="Other")


def test_accounts_and_their_address_rows_store_the_normalised_address():
    user = User.objects.create_user(email="Ｌéa@Straße.DE", password="x", full_name="L")
    address = EmailAddress.objects.create(user=user, email="Ｌe\u0301a@STRASSE.de")
    assert user.email == address.email == "léa@strasse.de"


@pytest.mark.parametrize("address", ["admın@vsi-portal.fr", "admİn@vsi-portal.fr"])
def test_an_address_with_a_turkish_i_before_the_at_sign_is_refused(client, address):
    """PostgreSQL's case-insensitive comparison reads both as “admin”: refused as invalid."""
    UserFactory(email="admin@vsi-portal.fr")
    response = _sign_up(client, address)
    assert response.status_code == 200
    assert User.objects.count() == 1


def test_an_address_longer_than_the_column_is_a_form_error_not_a_crash(client):
    address = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".example.org"  # 260 characters
    response = _sign_up(client, address)
    assert response.status_code == 200
    assert not User.objects.exists()


# --- Accounts left colliding by old data --------------------------------------------------


def _stored_raw(user: User, email: str) -> None:
    """Writes an address as old data holds it, past the normalisation (as before the fix)."""
    User.objects.filter(pk=user.pk).update(email=email)
    EmailAddress.objects.filter(user=user).update(email=email)


def test_with_a_colliding_old_account_the_owner_logs_in_and_nobody_gets_a_500(client):
    owner = UserFactory(email="staff@vsi-portal.fr")
    squatter = UserFactory(email="squatter@example.org")
    _stored_raw(squatter, "ſtaff@vsi-portal.fr")
    assert _log_in(client, "STAFF@vsi-portal.fr").status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


@pytest.mark.parametrize(
    "typed", ["staff@vsi-portal.fr", "ſtaff@vsi-portal.fr", "STAFF@vsi-portal.fr"]
)
def test_two_colliding_old_accounts_make_login_fail_cleanly(client, typed):
    first, second = UserFactory(), UserFactory()
    _stored_raw(first, "ſtaff@vsi-portal.fr")
    _stored_raw(second, "staff@ｖsi-portal.fr")
    response = _log_in(client, typed)
    assert response.status_code == 200
    assert "incorrect" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_login_reads_the_normalised_address(client):
    admin = UserFactory(email="boss@vsi-portal.fr", is_staff=True)
    client.post(
        reverse("admin:login"), {"username": "ＢＯＳＳ@vsi-portal.fr", "password": PASSWORD}
    )
    assert client.session["_auth_user_id"] == str(admin.pk)


def test_the_admin_cannot_add_an_account_with_a_variant_address(client):
    UserFactory(email="admin@vsi-portal.fr")
    boss = User.objects.create_superuser(email="boss@vsi-portal.fr", password="x", full_name="B")
    otp_verify(client, boss)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "admin@ｖsi-portal.fr",
            "full_name": "Someone Else",
            "preferred_language": "fr",
            "usable_password": "true",
            "password1": "Another-strong-pw-77",
            "password2": "Another-strong-pw-77",
        },
    )
    assert response.status_code == 200
    assert User.objects.filter(email="admin@vsi-portal.fr").count() == 1
    assert User.objects.count() == 2
