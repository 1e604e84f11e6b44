"""What the accounts app holds about a person (`vsi_portal/accounts/personal_data.py`)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from tests.factories import UserFactory
from vsi_portal.accounts import personal_data
from vsi_portal.accounts.models import User

pytestmark = pytest.mark.django_db

NOW = datetime.fromisoformat("2030-06-15T10:00:00+02:00")


def test_the_export_is_the_account_section():
    user = UserFactory(last_login=NOW)
    assert personal_data.export(user) == {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": "fr",
            "date_joined": user.date_joined.isoformat(),
            "last_login": NOW.isoformat(),
        }
    }


def test_erasure_keeps_the_row_anonymised_and_unusable():
    user = UserFactory()
    email = user.email
    personal_data.erase(user)
    user.refresh_from_db()
    assert user.email.startswith("deleted-") and user.email.endswith("@invalid")
    assert user.full_name == personal_data.DELETED_FULL_NAME == "Deleted account"
    assert not user.has_usable_password()
    assert not user.is_active
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(email=email).exists()


def test_erasure_leaves_other_accounts_alone():
    other = UserFactory()
    personal_data.erase(UserFactory())
    other.refresh_from_db()
    assert other.is_active and other.has_usable_password()
    assert EmailAddress.objects.filter(user=other).exists()


# --- Retention pieces -------------------------------------------------------------------------


def _signed_up(days_ago: int, **extra) -> User:
    user = UserFactory(verified=False, date_joined=NOW - timedelta(days=days_ago), **extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


def test_never_verified_holds_old_sign_ups_with_no_verified_address():
    old = _signed_up(40)
    _signed_up(10)  # too young
    _signed_up(40, last_login=NOW - timedelta(days=1))  # signed in once
    _signed_up(40, is_staff=True)
    _signed_up(40, is_superuser=True)
    UserFactory(verified=False, date_joined=NOW - timedelta(days=40))  # no sign-up address
    verified_too = _signed_up(40)
    EmailAddress.objects.create(user=verified_too, email="second@example.org", verified=True)
    joined_before = NOW - timedelta(days=30)
    assert list(personal_data.never_verified(joined_before=joined_before)) == [old]


def test_unused_since_holds_active_accounts_not_signed_in_to_since_the_limit():
    limit = NOW - timedelta(days=1000)
    old_login = UserFactory(last_login=limit - timedelta(days=1))
    never_signed_in = UserFactory(date_joined=limit - timedelta(days=1))
    UserFactory(last_login=limit + timedelta(days=1))  # seen since
    UserFactory(date_joined=limit + timedelta(days=1))  # never signed in, but new
    UserFactory(last_login=limit - timedelta(days=1), is_active=False)
    UserFactory(last_login=limit - timedelta(days=1), is_staff=True)
    UserFactory(last_login=limit - timedelta(days=1), is_superuser=True)
    assert set(personal_data.unused_since(limit)) == {old_login, never_signed_in}


def test_a_recent_account_is_never_unused():
    UserFactory(last_login=timezone.now())
    assert not personal_data.unused_since(timezone.now() - timedelta(days=1)).exists()
