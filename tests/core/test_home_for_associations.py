"""The home page's way in for associations: "Vous êtes une association ?", for visitors only,
leading to sign-up and, once the address is confirmed, to the association's registration."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.mail import committed

pytestmark = pytest.mark.django_db

REGISTER = reverse("associations:register")
SIGNUP_TO_REGISTER = f"{reverse('account_signup')}?next={quote(REGISTER)}"


def test_a_visitor_sees_the_entry_for_associations(client):
    page = client.get("/").content.decode()
    assert "Vous êtes une association\u00a0?" in page
    assert SIGNUP_TO_REGISTER in page
    assert f"{reverse('account_login')}?next={quote(REGISTER)}" in page


def test_the_entry_is_in_english_for_an_english_visitor(client):
    client.cookies["django_language"] = "en"
    page = client.get("/").content.decode()
    assert "Are you an association?" in page


def test_a_signed_in_person_does_not_see_it(client):
    client.force_login(UserFactory())
    page = client.get("/").content.decode()
    assert 'id="for-associations"' not in page
    assert SIGNUP_TO_REGISTER not in page


def test_signing_up_from_the_entry_lands_on_the_registration(client, outbox):
    signup_page = client.get(SIGNUP_TO_REGISTER).content.decode()
    assert re.search(rf'<input[^>]+name="next"[^>]+value="{REGISTER}"', signup_page)
    with committed():
        response = client.post(
            SIGNUP_TO_REGISTER,
            {
                "full_name": "Responsable Association",
                "email": "responsable@association.example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "next": REGISTER,
            },
        )
    assert response.status_code == 302
    confirm_url = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", outbox[-1].body)
    assert confirm_url, outbox[-1].body
    response = client.post("/" + confirm_url.group(0).split("/", 3)[3])
    assert response.status_code == 302
    assert response.url == REGISTER
    assert client.get(REGISTER).status_code == 200
