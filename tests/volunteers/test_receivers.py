"""Signing up carries a visitor's "Am I eligible?" answers into their new profile
(volunteers/receivers.py), then forgets them."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tests.mail import committed
from volunteers.answers import SESSION_KEY
from volunteers.models import Volunteer
from vsi_portal.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide-42"


def _sign_up(client: Client):
    with committed():
        return client.post(
            reverse("account_signup"),
            {
                "full_name": "Awa Diop",
                "email": "awa.diop@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )


def test_signing_up_writes_the_answers_into_the_new_profile_then_forgets_them(client):
    client.post(
        reverse("missions:eligibility"),
        {
            "birth_date": "1999-07-14",
            "nationalities": ["SN", "FR"],
            "residence": "SN",
            "employed": "on",
            "leave_kind": "solidarity",
            "leave_start": "2027-02-01",
            "leave_end": "2028-01-31",
        },
    )
    assert _sign_up(client).status_code == 302
    volunteer = Volunteer.objects.get(user__email="awa.diop@example.org")
    assert volunteer.birth_date == date(1999, 7, 14)
    assert sorted(country.code for country in volunteer.nationalities) == ["FR", "SN"]
    assert volunteer.residence.code == "SN"
    assert volunteer.employed is True
    assert volunteer.leave_kind == "solidarity"
    assert (volunteer.leave_start, volunteer.leave_end) == (date(2027, 2, 1), date(2028, 1, 31))
    assert volunteer.other_activity is False
    assert SESSION_KEY not in client.session


def test_signing_up_without_answers_makes_no_profile(client):
    assert _sign_up(client).status_code == 302
    assert User.objects.filter(email="awa.diop@example.org").exists()
    assert not Volunteer.objects.exists()
